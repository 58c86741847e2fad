"""The rows of the bureau's 汇总表: one per form, with total, grade and the checker's error count.

Built from forms and their scoring results; summary_pdf.py and summary_xlsx.py only draw them.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from model.errors import JixiaoError
from model.form import KINDS, Form

TITLE = "预算绩效自评汇总表"
# No 版本 column: stored revision numbers meant nothing to the bureau.
HEADINGS = ("序号", "单位", "年度", "表格类型", "名称", "总分", "等级", "错误数", "备注")
ERROR_NOTE = "有审核错误，得分待核实"


class ScoreLike(Protocol):
    """What the summary needs of a scoring Result."""

    @property
    def total(self) -> Decimal | None: ...

    @property
    def grade(self) -> str | None: ...

    def count(self, severity: str) -> int: ...


Scorer = Callable[[Form], ScoreLike]


@dataclass(frozen=True)
class SummaryRow:
    """One form in the summary; `total` None means not scored, `errors` None means not checked."""

    form_id: str
    unit: str
    year: int
    kind: str
    title: str
    revision: int
    total: Decimal | None
    grade: str | None
    errors: int | None
    note: str = ""

    @property
    def kind_label(self) -> str:
        """The form kind's Chinese name."""
        return KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class Summary:
    """The whole table with the time it was made (printed under the title)."""

    rows: tuple[SummaryRow, ...]
    made: dt.datetime

    @property
    def with_errors(self) -> int:
        """How many forms have at least one checker error."""
        return sum(1 for r in self.rows if r.errors)


def summary_row(form: Form, revision: int, scorer: Scorer) -> SummaryRow:
    """The row of one form.

    Args:
        form: a stored form (it has an id).
        revision: its stored revision.
        scorer: ui.services.evaluation.evaluate_with_profile, or a stand-in in tests; its
            JixiaoError (unknown profile, invalid inline rules) becomes the row's note.
    """
    title = form.header.get("project_name") or form.display_title
    try:
        result = scorer(form)
    except JixiaoError as exc:
        # One form whose profile is missing must not hide the hundreds of others in the table.
        return SummaryRow(str(form.id), form.unit, form.year, form.kind, title, revision, None, None, None,
                          f"无法评分：{exc}")
    return SummaryRow(str(form.id), form.unit, form.year, form.kind, title, revision,
                      result.total, result.grade, result.count("error"))


def build_summary(forms: Iterable[tuple[Form, int]], made: dt.datetime, scorer: Scorer) -> Summary:
    """All rows, ordered by unit, year (newest first), kind and title.

    Args:
        forms: (form, stored revision) pairs.
        made: the time printed on the table.
        scorer: see summary_row.
    """
    rows = [summary_row(f, rev, scorer) for f, rev in forms]
    rows.sort(key=lambda r: (r.unit, -r.year, r.kind, r.title, r.form_id))
    return Summary(tuple(rows), made)


def row_cells(index: int, row: SummaryRow) -> list[str | int | Decimal | None]:
    """The printed cells of a row, in HEADINGS order (numbers stay numbers for the XLSX)."""
    grade = row.grade or ("—" if row.total is None else "")
    note = row.note
    if row.errors:
        # “102.00 优” for a form with 13 errors read as a finished form: the count beside the grade,
        # and the row marked in 备注.
        grade = f"{grade}（{row.errors}个错误）" if grade else f"{row.errors}个错误"
        note = "；".join(p for p in (ERROR_NOTE, note) if p)
    return [index, row.unit or "未填单位", row.year, row.kind_label, row.title,
            row.total, grade, row.errors if row.errors is not None else "—", note]
