"""Forms in from Word and Excel files: read and preview, store all in one transaction, and the
"use the computed scores" action (shared by the window and `main.py import-doc` / `use-computed`)."""
from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from model.form import KINDS, Form, Leaf
from model.office.reading import Found, Reading, read_office_file
from model.signoff import check_writable
from model.store import Store
from model.tree import leaves


@dataclass
class ImportRun:
    """Everything one run read: each file's forms in order."""

    readings: list[Reading]

    @property
    def found(self) -> list[Found]:
        return [f for r in self.readings for f in r.forms]


def read_files(paths: Sequence[Path], today: dt.date | None = None) -> ImportRun:
    """Read every file; the first one that cannot be read raises OfficeFileError (nothing is stored)."""
    return ImportRun([read_office_file(Path(p), today) for p in paths])


def _money(value: object, unit: str) -> str:
    return "—" if value is None else f"{value}{unit}"


def preview_lines(run: ImportRun) -> list[str]:
    """The preview, one line per fact: each form with kind, title, year, unit, rows, the paper's total,
    and every cell or row that could not be placed with its position."""
    out: list[str] = []
    number = 0
    for reading in run.readings:
        out.append(f"文件“{reading.source}”：找到 {len(reading.forms)} 张表格")
        for found in reading.forms:
            number += 1
            form = found.form
            stated = form.stated or {}
            total = f"，纸面总分 {stated['total']}" if "total" in stated else ""
            name = form.header.get("project_name") or form.header.get("unit_name") or form.header.get("department")
            rows = (f"数据 {sum(len(s.rows or []) for s in form.basic_data or [])} 行"
                    if form.kind == "dept_basic_data" else f"指标 {found.leaf_count} 行")
            out.append(f"  {number}. {KINDS.get(form.kind, form.kind)}（{found.where}）：{form.display_title}"
                       f"{'，' + name if name else ''}，{form.year}年度，金额单位{form.currency}，{rows}{total}")
            for note in found.notes:
                out.append(f"     注意：{note}")
            for cell in found.unplaced:
                out.append(f"     未能放入表格的内容：{cell.where}“{cell.text}”")
        for where in reading.skipped:
            out.append(f"  （{where}不是绩效表格，已略过）")
    return out


def already_stored(store: Store, run: ImportRun) -> list[str]:
    """Preview lines for forms that look stored already (same kind, year, unit, title and project):
    importing the same file twice gives two copies, so the preview says so before anything is written."""
    out = []
    for number, found in enumerate(run.found, start=1):
        form = found.form
        same = [s for s in store.list_forms(year=form.year)
                if (s.kind, s.unit, s.title, s.project) == (form.kind, form.unit, form.display_title,
                                                            form.header.get("project_name", ""))]
        if same:
            out.append(f"  注意：第 {number} 张表格数据库中已有一份（编号 {same[0].id[:8]}），导入后会有两份；"
                       "如不需要，请取消，或导入后删除其中一份。")
    return out


def store_run(store: Store, run: ImportRun) -> list[Form]:
    """Add every form of the run in one transaction (all or none); each gets a new id."""
    forms = [f.form for f in run.found]
    with store.db.atomic():
        for form in forms:
            form.id = form.id or str(uuid.uuid4())
            store.add(form)
    return forms


def manual_leaves(form: Form) -> list[Leaf]:
    """The leaves whose score was written by hand (e.g. the paper's 得分 after an import)."""
    return [leaf for leaf in leaves(form) if leaf.score is not None]


def use_computed(store: Store, form_id: str) -> tuple[Form, int]:
    """Replace every manual score of a stored form by the computed one; the old version goes to history.

    Returns the form and the number of scores replaced. Undo: 历史版本 in the window, or restore the
    kept revision.
    """
    form = store.load(form_id)
    check_writable(form)  # a locked (已审核) form's scores stay as signed
    changed = manual_leaves(form)
    if not changed:
        return form, 0
    for leaf in changed:
        leaf.score = None
    revision = store.revision(form_id) or 0
    store.put_revision(form, revision + 1, "改用计算得分")
    return form, len(changed)
