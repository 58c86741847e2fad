"""The forms of one package against each other beyond the indicators (cross_forms.py has those):
the unit every form names (HEADER_UNIT_MISMATCH) and the money the tables repeat
(FUNDS_CROSS_MISMATCH): a project's 全年预算数 / 全年执行数 against the 基础数据表 row of the same
project and against the department form's 项目支出 (one project cannot exceed it), and the department
form's 项目支出 against the 基础数据表's 项目支出 (its total, or the sum of its items when blank).

Pure: cross_forms.cross_check_indexed calls these on forms it has indexed.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from decimal import Decimal
from scoring.values.units import money_factor
from typing import TYPE_CHECKING

from model.form import DataRow, DataSection, Form
from scoring.checks._common import dec, fmt, norm_name
from scoring.checks.basic_data import project_rows, value_at
from scoring.cross_names import within
from scoring.result import Finding

if TYPE_CHECKING:
    from scoring.cross_forms import FormIndex

_UNIT_FIELDS = ("unit_name", "implementing_unit", "department")
_MIN_NAME = 4  # a shorter project name (“康复”) matches too many rows


def _unit_field(form: Form) -> str:
    """The header key Form.unit was read from (where the user corrects it)."""
    return next((k for k in _UNIT_FIELDS if form.header.get(k)), "unit_name")


def near_unit(a: str, b: str) -> bool:
    """Whether two different unit keys (cross_forms.unit_key) look like one unit mistyped: one within
    the other with one or two characters left out (吉州残联 / 昌吉州残联), or one character different. The window loads such forms too, so it can
    report HEADER_UNIT_MISMATCH; they are never compared indicator by indicator."""
    if a == b or min(len(a), len(b)) < 4:
        return False
    short, long = sorted((a, b), key=len)
    if len(long) - len(short) in (1, 2):
        return within(short, long)  # a character or two left out (示例残联 for 示例县残联)
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


def unit_findings(indexes: Sequence[FormIndex]) -> Iterator[tuple[str, Finding]]:
    """HEADER_UNIT_MISMATCH for each form whose unit differs from the unit most forms of the package name.

    Only when a clear majority exists (at least two forms, more than half): with two forms that differ
    there is no telling which one is wrong, and forms of different units are simply not compared.
    """
    named = [ix for ix in indexes if ix.unit and ix.form is not None]
    counts = Counter(ix.unit for ix in named)
    if len(counts) < 2:
        return
    unit, count = counts.most_common(1)[0]
    if count < 2 or count * 2 <= len(named):
        return
    majority = next(ix for ix in named if ix.unit == unit)
    assert majority.form is not None
    shown = majority.form.unit
    for ix in named:
        if ix.unit == unit or ix.form is None:
            continue
        key = _unit_field(ix.form)
        yield ix.form_id, Finding(
            "warning", "HEADER_UNIT_MISMATCH", ("header", key),
            f"本表的单位是“{ix.form.unit}”，而同一批的其他 {count} 张表（如{majority.label}）都是“{shown}”。"
            f"同一单位的各张表应写同一个单位名称；请核对并改正（写错了字的，改成“{shown}”）。", key)


def _section(form: Form) -> DataSection | None:
    return next((s for s in form.basic_data or [] if isinstance(s, DataSection) and s.rows
                 and "经费" in norm_name(s.section)), None)


def _column(section: DataSection, year: int, word: str) -> int | None:
    """The column of `year` 预算数 / 决算数 (“2023年预算数”)."""
    for i, name in enumerate(section.columns or []):
        text = re.sub(r"\s", "", name or "")
        if str(year) in text and word in text:
            return i
    return None


def _factor(currency: str) -> Decimal:
    return money_factor(currency) or Decimal(1)


def _section_factor(section: DataSection) -> Decimal:
    """基础数据表 amounts are in 万元 unless the section title says 元."""
    title = section.section or ""
    return Decimal(1) if "元" in title and "万元" not in title else Decimal(10000)


def _same_project(name: str, row: DataRow) -> bool:
    a, b = norm_name(re.sub(r"^\d+[、.．]", "", name)), norm_name(re.sub(r"^\d+[、.．]", "", row.name))
    if len(a) < _MIN_NAME or len(b) < _MIN_NAME:
        return False
    return a == b or a in b or b in a


_FIX = "同一单位同一年度各表的金额应一致；请查原始资料，改正填错的一张表。"


def _both_sides(*sides: tuple[str, tuple[str, ...], str, str]) -> Iterator[tuple[str, Finding]]:
    """A FUNDS_CROSS_MISMATCH on each form: (form id, path, field, what this form and the other say)."""
    for form_id, path, field, said in sides:
        yield form_id, Finding("warning", "FUNDS_CROSS_MISMATCH", path, said + _FIX, field)


def _project_vs_basic(project: FormIndex, basic: FormIndex) -> Iterator[tuple[str, Finding]]:
    p, b = project.form, basic.form
    assert p is not None and b is not None
    name = (p.header.get("project_name") or "").strip()
    section = _section(b)
    if p.funds is None or not p.funds.rows or section is None or not name:
        return
    row = next((r for r in section.rows or [] if _same_project(name, r)), None)
    if row is None:
        return
    total = p.funds.rows[0]
    annual = dec(total.annual) if dec(total.annual) is not None else dec(total.initial)
    for figure, word, field, title in ((annual, "预算", "annual", "全年预算数"),
                                       (dec(total.executed), "决算", "executed", "全年执行数")):
        col = _column(section, p.year, word)
        theirs = value_at(row, col) if col is not None else None
        if figure is None or theirs is None or col is None:
            continue
        if figure * _factor(p.currency) == theirs * _section_factor(section):
            continue
        column = (section.columns or [])[col]
        yield from _both_sides(
            (project.form_id, ("funds", total.name), field,
             f"项目“{name}”的{title}在本表为 {fmt(figure)}{p.currency}，在{basic.label}“{row.name}”行（{column}）为 "
             f"{fmt(theirs)}万元。"),
            (basic.form_id, ("basic_data", section.section, row.name), column,
             f"“{row.name}”的{column}在本表为 {fmt(theirs)}万元，而{project.label}的{title}为 {fmt(figure)}{p.currency}。"))


def _dept_vs_basic(dept: FormIndex, basic: FormIndex) -> Iterator[tuple[str, Finding]]:
    d, b = dept.form, basic.form
    assert d is not None and b is not None
    if d.funds is None or not d.funds.by_spending:
        return
    amount = next((dec(a.amount) for a in d.funds.by_spending if norm_name(a.name) == "项目支出"), None)
    section = _section(b)
    found = project_rows(list(section.rows or [])) if section is not None else None
    if amount is None or section is None or found is None:
        return
    col = _column(section, d.year, "决算")
    if col is None:
        return
    total_row, items = found
    theirs = value_at(total_row, col)
    how = "合计"
    if theirs is None:
        values = [v for r in items if (v := value_at(r, col)) is not None]
        if not values:
            return
        theirs, how = sum(values, Decimal(0)), "各项之和 " + " + ".join(fmt(v) for v in values)
    if amount * _factor(d.currency) == theirs * _section_factor(section):
        return
    column = (section.columns or [])[col]
    yield from _both_sides(
        (dept.form_id, ("funds", "按支出性质分"), "by_spending",
         f"按支出性质分的“项目支出”在本表为 {fmt(amount)}{d.currency}，而{basic.label}的项目支出（{column}，{how}）"
         f"为 {fmt(theirs)}万元。"),
        (basic.form_id, ("basic_data", section.section, total_row.name), column,
         f"项目支出（{column}，{how}）在本表为 {fmt(theirs)}万元，而{dept.label}按支出性质分的“项目支出”为 "
         f"{fmt(amount)}{d.currency}。"))


def _project_vs_dept(project: FormIndex, dept: FormIndex) -> Iterator[tuple[str, Finding]]:
    """One project cannot spend more than the department's whole 项目支出 (按支出性质分)."""
    p, d = project.form, dept.form
    assert p is not None and d is not None
    if p.funds is None or not p.funds.rows or d.funds is None or not d.funds.by_spending:
        return
    spent = dec(p.funds.rows[0].executed)
    whole = next((dec(a.amount) for a in d.funds.by_spending if norm_name(a.name) == "项目支出"), None)
    if spent is None or whole is None or spent * _factor(p.currency) <= whole * _factor(d.currency):
        return
    name = (p.header.get("project_name") or "").strip() or "本项目"
    yield from _both_sides(
        (project.form_id, ("funds", p.funds.rows[0].name), "executed",
         f"“{name}”的全年执行数 {fmt(spent)}{p.currency} 超过了{dept.label}按支出性质分的项目支出合计 "
         f"{fmt(whole)}{d.currency}，一个项目不能比全部项目花得还多。"),
        (dept.form_id, ("funds", "按支出性质分"), "by_spending",
         f"按支出性质分的“项目支出”{fmt(whole)}{d.currency} 小于{project.label}一个项目的全年执行数 "
         f"{fmt(spent)}{p.currency}。"))


def money_findings(one: FormIndex, other: FormIndex) -> Iterator[tuple[str, Finding]]:
    """FUNDS_CROSS_MISMATCH between two forms of one unit and year (either order)."""
    if one.form is None or other.form is None:
        return
    for a, b in ((one, other), (other, one)):
        kinds = (a.form.kind if a.form else "", b.form.kind if b.form else "")
        if kinds == ("project_self_eval", "dept_basic_data"):
            yield from _project_vs_basic(a, b)
        elif kinds == ("dept_self_eval", "dept_basic_data"):
            yield from _dept_vs_basic(a, b)
        elif kinds == ("project_self_eval", "dept_self_eval"):
            yield from _project_vs_dept(a, b)
