"""Read a Word/Excel file into forms: the entry point of model/office."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from model.form import Form
from model.office.build import Built, FormBuilder, Unplaced
from model.office.eval_summary import summary_stated
from model.office.facts import year_in
from model.office.files import read_document
from model.office.lines import Document, OfficeFileError
from model.office.recognise import WHAT_WE_LOOK_FOR, kind_of, segments
from model.tree import leaves


@dataclass
class Found:
    """One form found in a file, with where it was and what could not be placed."""

    form: Form
    where: str
    unplaced: list[Unplaced] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def leaf_count(self) -> int:
        """The number of indicator rows (三级指标) read."""
        return sum(1 for _leaf in leaves(self.form))


@dataclass
class Reading:
    """Everything read from one file: the forms in document order and the tables that were not forms."""

    source: str
    forms: list[Found] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def read_office_file(path: Path, today: dt.date | None = None) -> Reading:
    """Read the forms of a .docx/.xlsx/.xls file.

    Raises:
        OfficeFileError: the file cannot be read, or holds no form (the message says what was looked for).
    """
    return forms_of(read_document(Path(path)), today)


def forms_of(doc: Document, today: dt.date | None = None) -> Reading:
    """The forms of an already read document."""
    reading = Reading(doc.name)
    doc_year = _document_year(doc)
    parts = segments(doc.lines)
    summary = {id(line) for line in summary_stated(doc.lines)[1]}
    for part in parts:
        kind = kind_of(part)
        if kind is None:
            # A table that is an evaluation's 表3-1 is read into that evaluation, not skipped.
            if part.where and not any(id(line) in summary for line in part.lines):
                reading.skipped.append(part.where)
            continue
        built = FormBuilder(kind, part).build()
        _settle_year(built, doc_year, today or dt.date.today())
        if kind == "evaluation":
            _add_summary(built, doc)
        reading.forms.append(Found(built.form, part.where, built.unplaced, built.notes))
    if not reading.forms:
        tables = len({(line.sheet, line.table) for line in doc.lines if line.table is not None})
        found = f"文件中有 {tables} 个表格，但都不是绩效表格" if tables else "文件中没有表格"
        raise OfficeFileError(f"文件“{doc.name}”里没有找到可以导入的绩效表格（{found}）。本程序查找的是{WHAT_WE_LOOK_FOR}。"
                              "请确认选对了文件；若表格是图片或扫描件，需要先在 Word/WPS 中转成表格。")
    return reading


def _add_summary(built: Built, doc: Document) -> None:
    """An evaluation's 表3-1 (anywhere in the file) into its `stated`: weights, scores and rates per category."""
    found, lines = summary_stated(doc.lines)
    if not found:
        return
    places = tuple(f"{line.where} 第" for line in lines)
    built.unplaced = [u for u in built.unplaced if not u.where.startswith(places)]
    stated = built.form.stated or {}
    for k, v in found.items():
        stated.setdefault(k, v)
    built.form.stated = stated


def _document_year(doc: Document) -> int | None:
    """The year of the document's title: the first paragraph before any table that names one."""
    for line in doc.lines:
        if line.table is not None:
            return None
        year = year_in(line.joined) if len(line.joined) <= 80 else None
        if year:
            return year
    return None


def _settle_year(built: Built, doc_year: int | None, today: dt.date) -> None:
    form = built.form
    if form.year:
        return
    if doc_year:
        form.year = doc_year
        built.notes.append(f"表格没有写年度，按文件标题取 {doc_year} 年")
        return
    if built.weak_year:
        form.year = built.weak_year
        built.notes.append(f"表格没有写年度，按标题中的 {built.weak_year} 年，请导入后在表头核对")
        return
    form.year = today.year - 1
    built.notes.append(f"表格和文件标题都没有写年度，暂定为 {form.year} 年，请导入后在表头核对")
