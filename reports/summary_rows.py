"""The rows of the bureau's 汇总表: one per form (budget, spending, 执行率, state, total, grade, errors),
a subtotal per unit and the foot (totals, average score, forms per grade).

Built from forms and their scoring results; summary_pdf.py and summary_xlsx.py only draw them.
Money is summed in 万元 (a form kept in 元 is converted).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from model.errors import JixiaoError
from model.form import KINDS, Form
from model.signoff import status
from scoring.values.units import money_factor

WAN = Decimal(10000)  # 元 in one 万元

TITLE = "预算绩效自评汇总表"
# No 版本 column: stored revision numbers meant nothing to the bureau (issue #15).
HEADINGS = ("序号", "单位", "年度", "表格类型", "名称", "状态", "全年预算数", "全年执行数", "执行率",
            "总分", "等级", "错误数", "备注")
ERROR_NOTE = "有审核错误，得分待核实"
MONEY_NOTE = "金额单位：万元"
GRADES = ("优", "良", "中", "差")
_CENT = Decimal("0.01")


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
    state: str = "草稿"  # 草稿 / 待审核 / 已审核 / 签字后被修改 (model/signoff.py Status.label)
    annual: Decimal | None = None  # 全年预算数 in 万元
    executed: Decimal | None = None  # 全年执行数 in 万元

    @property
    def kind_label(self) -> str:
        """The form kind's Chinese name."""
        return KINDS.get(self.kind, self.kind)

    @property
    def rate(self) -> Decimal | None:
        """执行率 = 全年执行数 ÷ 全年预算数 as a fraction (None without both, or a zero budget)."""
        return execution_rate(self.executed, self.annual)


@dataclass(frozen=True)
class Subtotal:
    """The sums of a group of rows (one unit, or all): money, count, scores and grades."""

    label: str
    count: int
    annual: Decimal | None
    executed: Decimal | None
    average: Decimal | None  # mean total of the scored forms, 2 places
    scored: int
    grades: dict[str, int]
    rate: Decimal | None = None  # Σ执行数 ÷ Σ预算数 over the forms that have both (not the sums above)

    def grade_text(self) -> str:
        """优 2 张，良 1 张 … (only the grades present; 无 when none)."""
        parts = [f"{g} {n} 张" for g, n in self.grades.items() if n]
        return "，".join(parts) or "无"


def execution_rate(executed: Decimal | None, annual: Decimal | None) -> Decimal | None:
    """executed ÷ annual to 4 places, half-up; None when either is missing or the budget is 0."""
    if executed is None or annual is None or annual == 0:
        return None
    from decimal import ROUND_HALF_UP

    return (executed / annual).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def subtotal(label: str, rows: Iterable[SummaryRow]) -> Subtotal:
    """Sum a group of rows (a missing figure counts as absent, not 0; all absent gives None)."""
    rows = list(rows)
    annual = [r.annual for r in rows if r.annual is not None]
    executed = [r.executed for r in rows if r.executed is not None]
    totals = [r.total for r in rows if r.total is not None]
    average = None
    if totals:
        from decimal import ROUND_HALF_UP

        average = (sum(totals, Decimal(0)) / len(totals)).quantize(_CENT, rounding=ROUND_HALF_UP)
    grades = {g: sum(1 for r in rows if r.grade == g) for g in GRADES}
    for r in rows:
        if r.grade and r.grade not in grades:
            grades[r.grade] = grades.get(r.grade, 0) + 1
    paired = [r for r in rows if r.annual is not None and r.executed is not None]
    # A form with a budget but no spending yet (or the reverse) would skew the rate: it counts only
    # where both figures are written.
    rate = execution_rate(sum((r.executed for r in paired if r.executed is not None), Decimal(0)),
                          sum((r.annual for r in paired if r.annual is not None), Decimal(0))) if paired else None
    return Subtotal(label, len(rows), sum(annual, Decimal(0)) if annual else None,
                    sum(executed, Decimal(0)) if executed else None, average, len(totals), grades, rate)


@dataclass(frozen=True)
class Summary:
    """The whole table with the time it was made (printed under the title)."""

    rows: tuple[SummaryRow, ...]
    made: dt.datetime

    @property
    def with_errors(self) -> int:
        """How many forms have at least one checker error."""
        return sum(1 for r in self.rows if r.errors)

    def units(self) -> list[tuple[str, list[SummaryRow]]]:
        """The rows grouped by unit, in table order."""
        groups: dict[str, list[SummaryRow]] = {}
        for row in self.rows:
            groups.setdefault(row.unit, []).append(row)
        return list(groups.items())

    def foot(self) -> Subtotal:
        """合计 of every row."""
        return subtotal("合计", self.rows)

    def only(self, states: Iterable[str]) -> Summary:
        """The same summary with only the rows in the given states (the state filter)."""
        wanted = set(states)
        return Summary(tuple(r for r in self.rows if r.state in wanted), self.made)


def summary_row(form: Form, revision: int, scorer: Scorer) -> SummaryRow:
    """The row of one form.

    Args:
        form: a stored form (it has an id).
        revision: its stored revision.
        scorer: ui.services.evaluation.evaluate_with_profile, or a stand-in in tests; its
            JixiaoError (unknown profile, invalid inline rules) becomes the row's note.
    """
    title = form.header.get("project_name") or form.display_title
    money = _money(form)
    state = status(form).label
    try:
        result = scorer(form)
    except JixiaoError as exc:
        # One form whose profile is missing must not hide the hundreds of others in the table.
        return SummaryRow(str(form.id), form.unit, form.year, form.kind, title, revision, None, None, None,
                          f"无法评分：{exc}", state, *money)
    return SummaryRow(str(form.id), form.unit, form.year, form.kind, title, revision,
                      result.total, result.grade, result.count("error"), "", state, *money)


def _money(form: Form) -> tuple[Decimal | None, Decimal | None]:
    """(全年预算数, 全年执行数) of the form's total row, in 万元."""
    if form.funds is None or not form.funds.rows:
        return None, None
    total = form.funds.rows[0]
    scale = WAN / (money_factor(form.currency) or WAN)  # amounts shown in 万元

    def wan(value: float | int | None) -> Decimal | None:
        return None if value is None else Decimal(str(value)) / scale

    return wan(total.annual), wan(total.executed)


def build_summary(forms: Iterable[tuple[Form, int]], made: dt.datetime, scorer: Scorer,
                  unreadable: Iterable[SummaryRow] = ()) -> Summary:
    """All rows, ordered by unit, year (newest first), kind and title.

    Args:
        forms: (form, stored revision) pairs.
        made: the time printed on the table.
        scorer: see summary_row.
        unreadable: rows of stored forms that could not be read, their reason in the note.
    """
    rows = [*(summary_row(f, rev, scorer) for f, rev in forms), *unreadable]
    rows.sort(key=lambda r: (r.unit, -r.year, r.kind, r.title, r.form_id))
    return Summary(tuple(rows), made)


def rate_text(rate: Decimal | None) -> str:
    """执行率 as printed: 95.00% (— when there is none)."""
    return "—" if rate is None else f"{rate * 100:.2f}%"


Cell = str | int | Decimal | None


def row_cells(index: int, row: SummaryRow) -> list[Cell]:
    """The printed cells of a row, in HEADINGS order (numbers stay numbers for the XLSX)."""
    grade = row.grade or ("—" if row.total is None else "")
    note = row.note
    if row.errors:
        # “102.00 优” for a form with 13 errors read as a finished form: the count beside the grade,
        # and the row marked in 备注.
        grade = f"{grade}（{row.errors}个错误）" if grade else f"{row.errors}个错误"
        note = "；".join(p for p in (ERROR_NOTE, note) if p)
    return [index, row.unit or "未填单位", row.year, row.kind_label, row.title, row.state,
            row.annual, row.executed, rate_text(row.rate),
            row.total, grade, row.errors if row.errors is not None else "—", note]


def subtotal_cells(sub: Subtotal) -> list[Cell]:
    """A subtotal or 合计 line in HEADINGS order: label, count, money, 执行率, average score, grades."""
    return ["", sub.label, "", f"{sub.count} 张", "", "", sub.annual, sub.executed, rate_text(sub.rate),
            sub.average, "", "", f"平均分（{sub.scored} 张已评分）；{sub.grade_text()}"]


def printed_rows(summary: Summary) -> list[tuple[str, list[Cell]]]:
    """Every line of the printed table: ("row", cells) per form, ("subtotal", …) after each unit,
    ("total", …) at the foot."""
    out: list[tuple[str, list[Cell]]] = []
    index = 0
    for unit, rows in summary.units():
        for row in rows:
            index += 1
            out.append(("row", row_cells(index, row)))
        out.append(("subtotal", subtotal_cells(subtotal(f"{unit or '未填单位'} 小计", rows))))
    if summary.rows:
        out.append(("total", subtotal_cells(summary.foot())))
    return out
