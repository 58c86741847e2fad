"""The money block: 总额 = Σ 其中 rows per column, 年初预算数 present, sub-rows not over budget,
按收入性质 = 总额 and 按支出性质 = its stated total (docs/rules.md §1.1, §1.2, §2.12).

The 执行率 itself (FUNDS_RATE/SCORE_MISMATCH, FUNDS_ANNUAL_MISSING, FUNDS_OVER_100 on the total) is
the engine's; here only the sums and the sub-rows.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from model.form import Amount, FundsRow
from scoring.checks._common import dec, fmt
from scoring.context import Context
from scoring.result import Finding

_COLUMNS = (("initial", "年初预算数"), ("annual", "全年预算数"), ("executed", "全年执行数"))
# Target declarations print 预算数 only; the other kinds have a 年初预算数 column.
_INITIAL_KINDS = frozenset({"project_self_eval", "dept_self_eval", "evaluation"})


def _sum(values: list[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _column_sums(ctx: Context, rows: list[FundsRow], unit: str) -> Iterator[Finding]:
    total, parts = rows[0], rows[1:]
    for field, title in _COLUMNS:
        whole = dec(getattr(total, field, None))
        part_values = [dec(getattr(r, field, None)) for r in parts]
        summed = _sum(part_values)
        if whole is None and summed is not None and not _reported_blank(ctx, total, field):
            yield ctx.finding(
                "warning", "TOTAL_BLANK", ("funds", total.name),
                f"资金表“{total.name}”的{title}空白，但其中各项填了数（合计 {fmt(summed)}{unit}）。"
                f"请填写{total.name}的{title}（等于各分项之和）。", field)
        if whole is None or summed is None or whole == summed:
            continue
        terms = " + ".join(fmt(v) if v is not None else "0" for v in part_values)
        yield ctx.finding(
            "error", "FUNDS_SUM_MISMATCH", ("funds", total.name),
            f"资金表“{total.name}”的{title} {fmt(whole)}{unit}，不等于其中各项之和 {terms} = "
            f"{fmt(summed)}{unit}。请核对合计数和各分项，使合计等于分项之和。", field)


def _reported_blank(ctx: Context, total: FundsRow, field: str) -> bool:
    """Whether the engine already reports this blank cell of the total row (FUNDS_ANNUAL_MISSING,
    ACTUAL_MISSING on a scored 执行率) or _initial_missing does: one mistake, one finding."""
    funds = ctx.form.funds
    if field in ("annual", "executed"):
        return funds is not None and funds.weight is not None
    return ctx.form.kind in _INITIAL_KINDS and (dec(total.annual) is not None or dec(total.executed) is not None)


def _initial_missing(ctx: Context, total: FundsRow) -> Iterator[Finding]:
    if ctx.form.kind not in _INITIAL_KINDS or dec(total.initial) is not None:
        return
    if dec(total.annual) is None and dec(total.executed) is None:
        return
    yield ctx.finding(
        "warning", "FUNDS_INITIAL_MISSING", ("funds", total.name),
        f"资金表“{total.name}”的年初预算数为空。请填写年初批复的预算数；年中追加或调减的金额"
        f"体现在全年预算数中。", "initial")


def _sub_rows_over(ctx: Context, rows: list[FundsRow], unit: str) -> Iterator[Finding]:
    for row in rows[1:]:
        annual, executed = dec(row.annual), dec(row.executed)
        if annual is not None and executed is not None and executed > annual:
            yield ctx.finding(
                "warning", "FUNDS_OVER_100", ("funds", row.name),
                f"资金表“{row.name}”的全年执行数 {fmt(executed)}{unit} 超过全年预算数 {fmt(annual)}{unit}。"
                f"请核对全年预算数是否包含追加的预算，或说明超支原因。", "executed")


def _amounts(items: list[Amount] | None) -> Decimal | None:
    if not items:
        return None
    return _sum([dec(a.amount) for a in items if isinstance(a, Amount)])


def _breakdowns(ctx: Context, total: FundsRow, unit: str) -> Iterator[Finding]:
    funds = ctx.form.funds
    if funds is None:
        return
    income = _amounts(funds.by_income)
    budget = dec(total.annual) if dec(total.annual) is not None else dec(total.initial)
    if income is not None and budget is not None and income != budget:
        yield ctx.finding(
            "error", "FUNDS_SUM_MISMATCH", ("funds", "按收入性质分"),
            f"“按收入性质分”各项合计 {fmt(income)}{unit}，与{total.name}的预算数 {fmt(budget)}{unit} "
            f"不一致。请核对一般公共预算、政府性基金等各项金额。", "by_income")
    spending = _amounts(funds.by_spending)
    yield from _income_against_spending(ctx, total, income, spending, unit)
    stated = ctx.form.stated if isinstance(ctx.form.stated, dict) else {}
    declared = dec(stated.get("by_spending_total"))
    if spending is not None and declared is not None and spending != declared:
        yield ctx.finding(
            "error", "FUNDS_SUM_MISMATCH", ("funds", "按支出性质分"),
            f"“按支出性质分”合计写的是 {fmt(declared)}{unit}，但基本支出与项目支出之和为 "
            f"{fmt(spending)}{unit}。请核对合计数或各项金额。", "by_spending")


def _income_against_spending(ctx: Context, total: FundsRow, income: Decimal | None, spending: Decimal | None,
                             unit: str) -> Iterator[Finding]:
    """按收入性质分 and 按支出性质分 split the same money: their totals must agree (003 附件2)."""
    if income is None or spending is None or income == spending:
        return
    amounts = {dec(getattr(total, f, None)) for f, _t in _COLUMNS} - {None}
    if income in amounts:
        hint = f"收入合计与{total.name}一致，请核对基本支出和项目支出的金额。"
    elif spending in amounts:
        hint = f"支出合计与{total.name}一致，请核对按收入性质分的各项金额。"
    else:
        hint = f"两者都不等于{total.name}，请逐项核对。"
    yield ctx.finding(
        "error", "FUNDS_SUM_MISMATCH", ("funds", "按支出性质分"),
        f"“按收入性质分”各项合计 {fmt(income)}{unit}，与“按支出性质分”各项合计 {fmt(spending)}{unit} "
        f"不一致（同一笔资金的两种分法，合计应相同）。{hint}", "by_spending")


def check(ctx: Context) -> Iterator[Finding]:
    """FUNDS_SUM_MISMATCH, TOTAL_BLANK, FUNDS_INITIAL_MISSING and FUNDS_OVER_100 on sub-rows."""
    funds = ctx.form.funds
    if funds is None or not funds.rows:
        return
    unit = ctx.form.currency
    yield from _column_sums(ctx, funds.rows, unit)
    yield from _initial_missing(ctx, funds.rows[0])
    yield from _sub_rows_over(ctx, funds.rows, unit)
    yield from _breakdowns(ctx, funds.rows[0], unit)
