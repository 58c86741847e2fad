"""Cost plausibility: Σ unit cost × quantity within the budget (UNIT_COST_OVER_BUDGET), and a cost
actual far below its target (COST_FAR_BELOW_TARGET: budget set too high, or work not done).

A unit cost (万元/人/年, 元/户) is paired with the 数量 leaf of the same goal whose name shares the
most characters with it (寄宿制托养 ↔ 寄宿制托养人数).
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from scoring.checks._common import (
    comparable, dec, direction, each_goal, each_leaf, fmt, is_category, is_cost, label, setting,
)
from scoring.context import Context, LeafView
from scoring.result import Finding
from scoring.values.units import money_factor

_PER_UNIT_MARKS = ("/人", "/户", "/次", "/件", "/名", "每人", "每户", "人均", "户均")
_FAR_BELOW = Decimal("0.5")  # profile setting cost_far_below
_MIN_SHARED = 3  # characters a cost name and a quantity name must share to be paired


def _per_unit(lv: LeafView) -> bool:
    if lv.target.family != "money":
        return False
    text = f"{lv.leaf.name or ''}{lv.leaf.target or ''}"
    return any(m in text for m in _PER_UNIT_MARKS)


def _shared(a: str, b: str) -> int:
    return len(set(a) & set(b))


def _quantity_for(cost: LeafView, quantities: list[LeafView]) -> LeafView | None:
    best = max(quantities, key=lambda q: _shared(cost.leaf.name or "", q.leaf.name or ""), default=None)
    if best is None or _shared(cost.leaf.name or "", best.leaf.name or "") < _MIN_SHARED:
        return None
    return best


def budget_inputs(ctx: Context) -> tuple[object, ...]:
    """What goal_check reads besides its leaves: the budget and its money unit."""
    funds = ctx.form.funds
    total = funds.rows[0] if funds is not None and funds.rows else None
    return (ctx.form.currency, None if total is None else (total.annual, type(total.annual),
                                                           total.initial, type(total.initial)))


def _budget(ctx: Context) -> Decimal | None:
    funds = ctx.form.funds
    if funds is None or not funds.rows:
        return None
    total = funds.rows[0]
    amount = dec(total.annual) if dec(total.annual) is not None else dec(total.initial)
    factor = money_factor(ctx.form.currency)
    return None if amount is None or factor is None else amount * factor


def goal_check(ctx: Context, rows: list[LeafView]) -> Iterator[Finding]:
    """UNIT_COST_OVER_BUDGET: Σ unit cost × quantity of one goal above the project budget."""
    budget = _budget(ctx)
    if budget is None:
        return
    # The cheap tests on the reading first: this runs on the edited leaf's goal at every keystroke.
    costs = [lv for lv in rows if lv.target.value is not None and _per_unit(lv) and is_cost(lv)]
    quantities = [lv for lv in rows if lv.target.family == "count" and lv.target.value is not None
                  and is_category(lv, "数量")]
    terms: list[tuple[LeafView, LeafView]] = []
    for cost in costs:
        qty = _quantity_for(cost, quantities)
        if qty is not None:
            terms.append((cost, qty))
    if not terms:
        return
    total = sum((c.target.value * q.target.value for c, q in terms  # type: ignore[operator]
                 ), Decimal(0))
    if total <= budget:
        return
    unit = ctx.form.currency
    scale = money_factor(unit) or Decimal(1)
    shown = " + ".join(f"{fmt(c.target.value / scale)}×{fmt(q.target.value)}"  # type: ignore[operator]
                       for c, q in terms)
    where = terms[0][0].path[:-1]
    yield ctx.finding(
        "warning", "UNIT_COST_OVER_BUDGET", where,
        f"成本指标的单价乘以数量：{shown} = {fmt(total / scale)}{unit}，超过项目预算 "
        f"{fmt(budget / scale)}{unit}。请核对单价标准、数量指标或预算数，使单价×数量不超过预算。")


def leaf_check(ctx: Context, lv: LeafView) -> Iterator[Finding]:
    """COST_FAR_BELOW_TARGET: a cost actual under cost_far_below (default 50%) of its target."""
    if not is_cost(lv) or direction(lv) != "reverse":
        return
    pair = comparable(lv)
    if pair is None:
        return
    share = setting(ctx, "cost_far_below", _FAR_BELOW)
    t, a = pair
    if t > 0 and a < t * share:
        yield ctx.finding(
            "warning", "COST_FAR_BELOW_TARGET", lv.path,
            f"成本指标{label(lv)}实际“{lv.leaf.actual}”不到年度指标值“{lv.leaf.target}”的 {fmt(share * 100)}%。"
            f"可能是预算编制偏高，或项目没有按计划实施；请核对，并在偏差原因中说明。",
            "actual", lv.leaf.id)


def check(ctx: Context) -> Iterator[Finding]:
    """UNIT_COST_OVER_BUDGET and COST_FAR_BELOW_TARGET."""
    yield from each_goal(ctx, goal_check)
    yield from each_leaf(ctx, leaf_check)
