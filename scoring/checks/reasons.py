"""偏差原因分析及改进措施: when it must be filled, and when one sentence was copied onto every row.

Rules of docs/rules.md §2.10: (1) any deduction, (2) a shortfall against the target even at full
marks, (3) far over target (over_target × t, default 1.3) need a reason; (4) 执行率 ≠ 100% needs an
explanation; (6) the same reason on most rows of a goal is boilerplate. Rule (5), a reason on a
fully met row, is not wrong in itself and gives no finding.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from scoring.checks._common import (
    comparable, direction, each_goal, each_leaf, fmt, is_blank, label, norm_name, pct, score_of,
    scored_leaf, setting, weight_of,
)
from scoring.context import Context, LeafView
from scoring.result import Finding

_BOILERPLATE_MIN_ROWS = 3
# A third-party 综合评分表 has no 偏差原因 column: its 评价过程 already says why points were taken.
_NO_REASON_COLUMN = frozenset({"evaluation", "project_target", "dept_basic_data"})


def _shortfall(lv: LeafView) -> bool:
    """Whether the written actual misses the written target (positive a < t, reverse a > t)."""
    pair = comparable(lv)
    if pair is None:
        return False
    t, a = pair
    d = direction(lv)
    if d == "positive":
        return a < t
    if d == "reverse":
        return a > t
    if d == "range" and lv.target.high is not None:
        return a < t or a > lv.target.high
    return False


def _far_over(lv: LeafView, factor: Decimal) -> bool:
    pair = comparable(lv)
    if pair is None or direction(lv) != "positive":
        return False
    t, a = pair
    return t > 0 and a >= t * factor


def leaf_check(ctx: Context, lv: LeafView) -> Iterator[Finding]:
    """REASON_MISSING and OVER_TARGET_NO_REASON for one leaf with a blank reason."""
    if ctx.form.kind in _NO_REASON_COLUMN or not scored_leaf(lv) or not is_blank(lv.leaf.reason):
        return
    factor = setting(ctx, "over_target", Decimal("1.3"))
    w, s = weight_of(lv), score_of(lv)
    if s is not None and w is not None and s < w:
        yield ctx.finding(
            "warning", "REASON_MISSING", lv.path,
            f"{label(lv)}得分 {fmt(s)} 低于分值 {fmt(w)}，但没有填写偏差原因分析及改进措施。"
            f"请说明未达标的原因和下一步改进措施。", "reason", lv.leaf.id)
    elif _shortfall(lv):
        yield ctx.finding(
            "warning", "REASON_MISSING", lv.path,
            f"{label(lv)}实际完成值“{lv.leaf.actual}”未达到年度指标值“{lv.leaf.target}”，但没有填写"
            f"偏差原因分析及改进措施。即使保留满分，也请说明差距的原因和改进措施。", "reason", lv.leaf.id)
    elif _far_over(lv, factor):
        yield ctx.finding(
            "warning", "OVER_TARGET_NO_REASON", lv.path,
            f"{label(lv)}实际完成值“{lv.leaf.actual}”达到年度指标值“{lv.leaf.target}”的 "
            f"{pct(factor)} 以上，超计划较多，但没有填写原因。请说明超额的原因；若是年度指标值定得"
            f"过低，应酌情扣分。", "reason", lv.leaf.id)


def is_boilerplate(count: int, rows: int) -> bool:
    """Whether one reason text on `count` of a goal's `rows` rows is boilerplate (most rows, at least 3)."""
    return count >= _BOILERPLATE_MIN_ROWS and count * 2 > rows


def goal_check(ctx: Context, rows: list[LeafView]) -> Iterator[Finding]:
    """REASON_BOILERPLATE when the leaves of one goal mostly carry the very same reason text."""
    texts = Counter(norm_name(lv.leaf.reason) for lv in rows if not is_blank(lv.leaf.reason))
    if not texts:
        return
    text, count = texts.most_common(1)[0]
    if is_boilerplate(count, len(rows)):
        goal = rows[0].goal
        sample = next(lv.leaf.reason for lv in rows if norm_name(lv.leaf.reason) == text)
        yield ctx.finding(
            "info", "REASON_BOILERPLATE", (goal.title,),
            f"“{goal.title}”中有 {count} 行（共 {len(rows)} 行）的偏差原因是同一句话：“{sample}”，"
            f"连已完成的指标也照抄。请逐项说明各指标的实际原因；已完成的指标可不填。",
            "reason", goal.id)


def form_check(ctx: Context) -> Iterator[Finding]:
    """执行率 other than 100% needs an explanation (a funds note or the goal's 实际完成情况)."""
    f = ctx.funds
    form = ctx.form
    if f is None or f.rate is None or f.rate == 1 or form.funds is None or not form.funds.rows:
        return
    total = form.funds.rows[0]
    explained = not is_blank(total.note) or any(not is_blank(g.achieved) for g in form.goals)
    if explained:
        return
    side = "低于" if f.rate < 1 else "高于"
    yield ctx.finding(
        "warning", "REASON_MISSING", ("funds", total.name),
        f"预算执行率 {pct(f.rate)} {side} 100%，但没有说明原因。请在资金说明或“实际完成情况”中写明"
        f"资金未支出（或超支）的原因和改进措施。", "note")


def check(ctx: Context) -> Iterator[Finding]:
    """REASON_MISSING, OVER_TARGET_NO_REASON and REASON_BOILERPLATE."""
    yield from each_leaf(ctx, leaf_check)
    yield from each_goal(ctx, goal_check)
    yield from form_check(ctx)
