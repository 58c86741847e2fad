"""Lookups in a 基础数据表 (dept_basic_data): the rows a department report quotes, by meaning.

Shared by the report writer (人员, 三公经费, 公用经费 in the department report) and the report
checker, so both read the same cell for the same words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from model.form import DataRow, DataSection, Form
from scoring.rounding import to_decimal

# Row meanings: key → words that name the row (the first that matches a row's name wins).
ROWS: dict[str, tuple[str, ...]] = {
    "三公经费": ("三公",),
    "公务用车": ("公务用车",),
    "出国经费": ("出国",),
    "公务接待": ("公务接待",),
    "公用经费": ("公用经费",),
    "办公经费": ("办公经费",),
    "政府采购": ("政府采购",),
    "业务工作经费": ("业务工作经费",),
    "运行维护经费": ("运行维护经费",),
}


@dataclass(frozen=True)
class Cell:
    """One figure of the 基础数据表 with the words that name its place."""

    value: Decimal | None
    row: str
    column: str
    section: str


def _sections(form: Form) -> list[DataSection]:
    return list(form.basic_data or [])


def _clean(name: str) -> str:
    return re.sub(r"^[\s\d、.．：:（）()其中]+", "", name).strip()


def find_row(form: Form, key: str) -> tuple[DataSection, DataRow] | None:
    """The row of a meaning in ROWS (三公经费, 公用经费…), or a row whose name contains `key`."""
    words = ROWS.get(key, (key,))
    for section in _sections(form):
        for row in section.rows or []:
            if any(w in row.name for w in words) and not (key == "公用经费" and "其中" in row.name):
                return section, row
    return None


def current_column(section: DataSection, year: int, *, budget: bool = False) -> int | None:
    """Index of this year's 决算数 (or 预算数) column; the last column when none is named so."""
    columns = section.columns or []
    want = "预算" if budget else "决算"
    for i, name in enumerate(columns):
        if str(year) in name and want in name:
            return i
    return len(columns) - 1 if columns and not budget else None


def figure(form: Form, key: str, *, budget: bool = False) -> Cell | None:
    """This year's 决算数 (or 预算数) of a row, with where it is."""
    found = find_row(form, key)
    if found is None:
        return None
    section, row = found
    col = current_column(section, form.year, budget=budget)
    if col is None:
        return None
    value = to_decimal(row.values[col]) if col < len(row.values) else None
    return Cell(value, _clean(row.name), (section.columns or [""])[col], section.section)


def staff(form: Form) -> tuple[Decimal | None, Decimal | None]:
    """(编制数, 实际在职人数) of the 财政供养人员情况 section."""
    for section in _sections(form):
        if "人员" in section.section and section.rows:
            values = section.rows[0].values
            return (to_decimal(values[0]) if values else None, to_decimal(values[1]) if len(values) > 1 else None)
    return None, None
