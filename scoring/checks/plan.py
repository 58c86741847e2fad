"""资金支出计划 (target declarations): cumulative, never above 100%, ending at 100% at the last
checkpoint (12月底). A blank checkpoint means "not planned yet" (domain.md §0, §1.3).

预算数 = 财政资金 + 其他资金 is the funds block's column sum and is checked by checks/funds.py.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from scoring.checks._common import dec, fmt
from scoring.context import Context
from scoring.result import Finding

_FULL = Decimal(100)


def check(ctx: Context) -> Iterator[Finding]:
    """PLAN_NOT_CUMULATIVE and PLAN_NOT_100."""
    plan = ctx.form.spending_plan
    if not plan:
        return
    filled = [(p.label, v) for p in plan if (v := dec(p.percent)) is not None]
    last_label = plan[-1].label
    previous: tuple[str, Decimal] | None = None
    for label, percent in filled:
        if percent > _FULL or percent < 0:
            yield ctx.finding(
                "error", "PLAN_NOT_100", ("spending_plan", label),
                f"资金支出计划“{label}”填的是 {fmt(percent)}%，累计支出比例应在 0% 到 100% 之间。"
                f"请改为到该时点累计计划支出占预算的百分比。", "percent")
        if previous is not None and percent < previous[1]:
            yield ctx.finding(
                "error", "PLAN_NOT_CUMULATIVE", ("spending_plan", label),
                f"资金支出计划“{label}”的 {fmt(percent)}% 小于前一时点“{previous[0]}”的 {fmt(previous[1])}%。"
                f"计划按累计比例填写，后一时点不能小于前一时点；请填累计数。", "percent")
        previous = (label, percent)
    if not filled:
        yield ctx.finding(
            "warning", "PLAN_NOT_100", ("spending_plan", last_label),
            f"资金支出计划各时点都是空白。请至少在“{last_label}”填写 100%。", "percent")
        return
    final = dec(plan[-1].percent)
    if final is None:
        label, percent = filled[-1]
        yield ctx.finding(
            "error", "PLAN_NOT_100", ("spending_plan", last_label),
            f"资金支出计划最后填写的是“{label}” {fmt(percent)}%，“{last_label}”却空白。"
            f"累计支出计划应在“{last_label}”达到 100%，请在“{last_label}”填写 100%。", "percent")
    elif final != _FULL:
        yield ctx.finding(
            "error", "PLAN_NOT_100", ("spending_plan", last_label),
            f"资金支出计划“{last_label}”累计 {fmt(final)}%，没有达到 100%。年底前预算应全部支出，"
            f"请改为 100%，或说明不能支出的原因。", "percent")
