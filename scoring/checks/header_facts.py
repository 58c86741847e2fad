"""Header facts against the form: the year in the project name and the form's own year
(HEADER_YEAR_MISMATCH), and a 主管部门 that is no budget department (HEADER_DEPARTMENT_SUSPECT).

A project named for the previous year is fine when its money is carried over (上年结转资金 filled);
a 实施单位 that differs from the other forms of the package is a cross-form check (cross_header.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from model.form import FundsRow
from scoring.checks._common import dec, norm_name
from scoring.context import Context
from scoring.result import Finding

_YEAR_RE = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年")
_SHORT_YEAR_RE = re.compile(r"^\s*(\d{2})\s*年(?!度?\d)")
# A Party committee or its office is not a budget department (州党委, 县委, 市委办公室, 党组).
_PARTY_RE = re.compile(r"党委|党组|(?:^|[省市州县区旗盟])委(?:员会)?(?:办公室|办)?$")
_DEPARTMENT_KINDS = frozenset({"project_self_eval", "evaluation", "project_target"})
_UNIT_WORDS = (("残疾人联合会", "残联"), ("本级", ""))


def _carried_over(rows: list[FundsRow]) -> bool:
    """Whether a 上年结转 row carries money (a project named for last year may spend it now)."""
    for row in rows[1:]:
        if "结转" in (row.name or "") and any((dec(v) or Decimal(0)) > 0
                                             for v in (row.initial, row.annual, row.executed)):
            return True
    return False


def _year_findings(ctx: Context) -> Iterator[Finding]:
    form = ctx.form
    if not 1990 <= form.year <= 2100:
        yield ctx.finding(
            "warning", "HEADER_YEAR_MISMATCH", ("header", "year"),
            f"表格的年度是“{form.year}”，不是四位年份。请在表头填写评价年度的四位年份（如 2024年度）。", "year")
        return
    yield from _title_year(ctx)
    name = (form.header.get("project_name") or "").strip()
    if not name:
        return
    short = _SHORT_YEAR_RE.match(name)
    if short:
        yield ctx.finding(
            "warning", "HEADER_YEAR_MISMATCH", ("header", "project_name"),
            f"项目名称“{name}”中的年份写成两位数“{short.group(1)}年”。请写四位年份，如“20{short.group(1)}年”，"
            f"并核对它与表格年度 {form.year} 年是否一致。", "project_name")
        return
    years = [int(y) for y in _YEAR_RE.findall(name)]
    if not years or form.year in years:
        return
    year = years[0]
    rows = form.funds.rows if form.funds is not None else []
    if year == form.year - 1 and _carried_over(rows):
        return
    yield ctx.finding(
        "warning", "HEADER_YEAR_MISMATCH", ("header", "project_name"),
        f"项目名称“{name}”写的是 {year} 年，而这是 {form.year} 年度的表。如果是 {year} 年的资金结转到本年使用，"
        f"请在资金表“上年结转资金”一行填写金额；否则请改正项目名称中的年份或表格年度。", "project_name")


def _title_year(ctx: Context) -> Iterator[Finding]:
    """The year printed in the title (“2023年度…”) must be the form's year, and have four digits."""
    title = (ctx.form.title or "").strip()
    short = _SHORT_YEAR_RE.match(title) or re.search(r"[（(]\s*(\d{2})\s*年度", title)
    years = [int(y) for y in _YEAR_RE.findall(title)]
    if short:
        message = f"表格标题“{title}”中的年份写成两位数“{short.group(1)}年”，请写四位年份（如 {ctx.form.year}年度）。"
    elif years and ctx.form.year not in years:
        message = (f"表格标题“{title}”写的是 {years[0]} 年，而表格年度是 {ctx.form.year} 年。"
                   f"请改正标题或表格年度，使二者一致。")
    else:
        return
    yield ctx.finding("warning", "HEADER_YEAR_MISMATCH", ("header", "title"), message, "title")


def _unit(text: str) -> str:
    key = norm_name(text)
    for word, short in _UNIT_WORDS:
        key = key.replace(word, short)
    return key


def _department_findings(ctx: Context) -> Iterator[Finding]:
    header = ctx.form.header
    if ctx.form.kind not in _DEPARTMENT_KINDS:
        return
    department = (header.get("department") or "").strip()
    unit = (header.get("implementing_unit") or header.get("unit_name") or "").strip()
    if not department:
        return
    if _PARTY_RE.search(norm_name(department)) and not _PARTY_RE.search(norm_name(unit)):
        yield ctx.finding(
            "warning", "HEADER_DEPARTMENT_SUSPECT", ("header", "department"),
            f"主管部门填的是“{department}”，这是党委机关，不是{unit or '本单位'}的预算主管部门。"
            f"请填写管理本项目预算的一级预算部门（如 XX 县残疾人联合会、XX 县财政局等本系统的主管部门）。",
            "department")
    elif unit and ctx.form.kind != "project_target" and _unit(department) == _unit(unit):
        yield ctx.finding(
            "warning", "HEADER_DEPARTMENT_SUSPECT", ("header", "department"),
            f"主管部门和实施单位填的都是“{department}”。主管部门应是实施单位的上级预算部门；请核对。"
            f"如果本单位本身就是一级预算部门（没有上级主管部门），可以保留。", "department")


def check(ctx: Context) -> Iterator[Finding]:
    """HEADER_YEAR_MISMATCH and HEADER_DEPARTMENT_SUSPECT."""
    yield from _year_findings(ctx)
    yield from _department_findings(ctx)
