"""资金支出计划 (target declarations): cumulative, never above 100%, ending at 100% at the last
checkpoint (12月底). A blank checkpoint means "not planned yet" (docs/rules.md §0, §1.3); blank leading
checkpoints before a filled one are a question (PLAN_LEADING_BLANK: nothing spent in the first months?)
unless a note on the plan says why; shares per period that add up to 100% are not cumulative.

预算数 = 财政资金 + 其他资金 is the funds block's column sum and is checked by checks/funds.py.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from model.form import PlanPoint
from scoring.checks._common import dec, fmt
from scoring.context import Context
from scoring.result import Finding

_FULL = Decimal(100)


_SHARE_TOLERANCE = Decimal("0.5")  # shares printed to 2 decimals may add up to 99.99% or 100.01%


def _noted(plan: list[PlanPoint]) -> bool:
    """Whether a checkpoint carries a note (e.g. 下半年资金到位后开始支出) explaining the plan."""
    return any(isinstance(p.extra, dict) and isinstance(p.extra.get("note"), str) and p.extra["note"].strip()
               for p in plan)


def _leading_blank(ctx: Context, plan: list[PlanPoint]) -> Iterator[Finding]:
    """PLAN_LEADING_BLANK: blank checkpoints before the first filled one, with no note saying why."""
    first = next((i for i, p in enumerate(plan) if dec(p.percent) is not None), None)
    if not first or _noted(plan):
        return
    blank = "、".join(p.label for p in plan[:first])
    start = plan[first]
    yield ctx.finding(
        "info", "PLAN_LEADING_BLANK", ("spending_plan", plan[0].label),
        f"资金支出计划“{blank}”空白，从“{start.label}”（{fmt(dec(start.percent))}%）才开始有支出。"
        f"如果这段时间确实不支出，请在支出计划的说明中写明原因（如资金下半年才下达）；否则请填写这些时点的"
        f"累计支出比例（没有支出填 0%）。", "percent")


def _shares(ctx: Context, plan: list[PlanPoint],
            filled: list[tuple[str, Decimal]]) -> Iterator[Finding]:
    """PLAN_NOT_CUMULATIVE once when the percents look like per-period shares (they add up to 100%)."""
    values = [v for _label, v in filled]
    total = sum(values, Decimal(0))
    if len(values) < 2 or abs(total - _FULL) > _SHARE_TOLERANCE or values[-1] == _FULL:
        return
    terms = " + ".join(f"{fmt(v)}%" for v in values)
    yield ctx.finding(
        "error", "PLAN_NOT_CUMULATIVE", ("spending_plan", plan[-1].label),
        f"资金支出计划各时点 {terms} = {fmt(total)}%，看来填的是每个时段各自的支出比例，而不是累计比例。"
        f"支出计划应填到该时点为止的累计比例，如 {_cumulative_text(filled)}，"
        f"“{plan[-1].label}”为 100%。", "percent")


def _cumulative_text(filled: list[tuple[str, Decimal]]) -> str:
    running = Decimal(0)
    parts = []
    for label, value in filled:
        running += value
        parts.append(f"{label} {fmt(running)}%")
    return "、".join(parts)


def check(ctx: Context) -> Iterator[Finding]:
    """PLAN_NOT_CUMULATIVE, PLAN_NOT_100 and PLAN_LEADING_BLANK."""
    plan = ctx.form.spending_plan
    if not plan:
        return
    filled = [(p.label, v) for p in plan if (v := dec(p.percent)) is not None]
    yield from _leading_blank(ctx, plan)
    shares = list(_shares(ctx, plan, filled))
    if shares:  # one mistake, one finding: not also a decrease or a last checkpoint below 100%
        yield from shares
        return
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
