"""What a 偏差原因 says against its row: its own arithmetic (REASON_ARITHMETIC_MISMATCH: “计划培训60人，
实际培训45人” on a row of 60人 / 40人), a cost far over its cap whose reason does not say why
(COST_OVER_REASON_WEAK), and one specific reason copied word for word onto unrelated rows
(REASON_COPIED). TIMELINESS_MISSING: a goal with 产出 indicators but none under 时效.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from scoring.checks._common import (
    comparable, count_unit, direction, fmt, is_blank, is_category, is_cost, label, norm_name, setting,
)
from scoring.checks.reasons import is_boilerplate
from scoring.context import Context, LeafView
from scoring.result import Finding
from scoring.values.prose import Mention, mentions

_PLAN_WORDS = ("计划", "预计", "原定", "原计划", "目标", "应")
_DONE_WORDS = ("实际", "实", "完成", "已", "仅", "只")
# A reason that explains an overrun names it or its cause.
_OVERRUN_RE = re.compile(r"超|增加|追加|调增|扩大|上涨|涨价|提高标准|标准提高|新增|多出|增多|增长|比计划多|规模")
_APPROX = Decimal("0.1")
_COPIED_MIN_CHARS = 8  # “已完成”, “无” and other short words are not a copied explanation
_NO_REASON_KINDS = frozenset({"evaluation", "project_target", "dept_basic_data"})
_TIMELINESS_KINDS = frozenset({"project_self_eval", "project_target", "dept_self_eval", "evaluation"})


def _role(m: Mention) -> str | None:
    """Whether a figure in a reason is the planned one (target) or the achieved one (actual)."""
    last = {role: max((m.before.rfind(w) for w in words), default=-1)
            for role, words in (("target", _PLAN_WORDS), ("actual", _DONE_WORDS))}
    role = max(last, key=lambda r: last[r])
    if last[role] < 0 or "其中" in m.before[last[role]:]:
        return None  # “实际培训45人其中女性20人”: the 20 is a part, not the row's figure
    return role


def _arithmetic(ctx: Context, lv: LeafView) -> Iterator[Finding]:
    unit = count_unit(lv)
    if unit is None:
        return
    for m in mentions(lv.leaf.reason):
        role = _role(m)
        if m.unit != unit or role is None or m.per_unit:
            continue
        reading = lv.target if role == "target" else lv.actual
        if reading.kind != "number" or reading.value is None:
            continue
        if role == "actual" and reading.op not in (None, "="):
            continue
        tolerance = abs(reading.value) * _APPROX if m.approx else Decimal(0)
        if abs(m.value - reading.value) <= tolerance:
            continue
        cell = "年度指标值" if role == "target" else "实际完成值"
        yield ctx.finding(
            "warning", "REASON_ARITHMETIC_MISMATCH", lv.path,
            f"{label(lv)}的偏差原因写“{m.clause.replace('|', m.text)}”，但本行的{cell}是“{getattr(lv.leaf, role)}”。"
            f"原因里的数字应与本行一致：请核对后改正偏差原因或{cell}。", "reason", lv.leaf.id)
        return  # one finding per row: the first figure that disagrees


def _cost_over(ctx: Context, lv: LeafView) -> Iterator[Finding]:
    if not is_cost(lv) or is_blank(lv.leaf.reason) or direction(lv) != "reverse":
        return
    pair = comparable(lv)
    if pair is None:
        return
    target, actual = pair
    factor = setting(ctx, "over_target", Decimal("1.3"))
    if target <= 0 or actual < target * factor:
        return
    if _OVERRUN_RE.search(lv.leaf.reason or ""):
        return
    times = (actual / target).quantize(Decimal("0.01"))
    yield ctx.finding(
        "warning", "COST_OVER_REASON_WEAK", lv.path,
        f"{label(lv)}实际成本“{lv.leaf.actual}”是指标值“{lv.leaf.target}”的 {fmt(times)} 倍，偏差原因"
        f"“{lv.leaf.reason}”没有说明为什么超出（如服务人数增加、标准提高、追加预算）。请写明超支的原因和依据，"
        f"或核对成本指标值是否定得过低。", "reason", lv.leaf.id)


def leaf_check(ctx: Context, lv: LeafView) -> Iterator[Finding]:
    """REASON_ARITHMETIC_MISMATCH and COST_OVER_REASON_WEAK for one leaf with a reason."""
    if ctx.form.kind in _NO_REASON_KINDS or is_blank(lv.leaf.reason):
        return
    yield from _arithmetic(ctx, lv)
    yield from _cost_over(ctx, lv)


def goal_check(ctx: Context, rows: list[LeafView]) -> Iterator[Finding]:
    """TIMELINESS_MISSING: 产出 indicators without any 时效 indicator, where the profile expects one."""
    if ctx.form.kind not in _TIMELINESS_KINDS or not rows or ctx.settings.get("timeliness_expected", True) is False:
        return
    output = [lv for lv in rows if "产出" in (lv.level1 or "")]
    if not output or any(is_category(lv, "时效") for lv in rows):
        return
    goal = rows[0].goal
    yield ctx.finding(
        "warning", "TIMELINESS_MISSING", (goal.title,),
        f"“{goal.title}”的产出指标下没有时效指标。请在“产出指标”下增加一项时效指标（如“项目完成时限 "
        f"≤{ctx.form.year}年12月底”“资金发放及时率 100%”），说明工作在什么时间内完成。", "indicators", goal.id)


def _copies(ctx: Context) -> dict[str, list[LeafView]]:
    """The rows of each specific reason text written on rows of two or more goals or categories."""
    by_text: dict[str, list[LeafView]] = {}
    for lv in ctx.leaves:
        reason = lv.leaf.reason
        if not isinstance(reason, str) or len(reason) < _COPIED_MIN_CHARS:
            continue  # cheap test first: the form check runs on every keystroke
        text = norm_name(reason)
        if len(text) >= _COPIED_MIN_CHARS:
            by_text.setdefault(text, []).append(lv)
    # rows of one category may share a cause: only texts spread over several are copies
    return {text: rows for text, rows in by_text.items()
            if len(rows) > 1 and len({(lv.goal.id, lv.path[:-1]) for lv in rows}) > 1}


def form_check(ctx: Context) -> Iterator[Finding]:
    """REASON_COPIED: one specific reason on rows of different goals or different categories.

    Rows of a goal where the text is REASON_BOILERPLATE (most rows, at least 3) are not reported again.
    """
    if ctx.form.kind in _NO_REASON_KINDS:
        return
    copies = _copies(ctx)
    if not copies:
        return
    goal_sizes = Counter(lv.goal.id for lv in ctx.leaves)
    for rows in copies.values():
        per_goal = Counter(lv.goal.id for lv in rows)
        kept = [lv for lv in rows if not is_boilerplate(per_goal[lv.goal.id], goal_sizes[lv.goal.id])]
        if len(kept) < 2 or len({(lv.goal.id, lv.path[:-1]) for lv in kept}) < 2:
            continue
        first = kept[0]
        for lv in kept[1:]:
            yield ctx.finding(
                "info", "REASON_COPIED", lv.path,
                f"{label(lv)}的偏差原因与{label(first)}一字不差：“{lv.leaf.reason}”。两行是不同的指标，"
                f"请分别写明各自的偏差原因和改进措施；本行已完成的可不填。", "reason", lv.leaf.id)


def check(ctx: Context) -> Iterator[Finding]:
    """Every finding of this module (leaf, goal and form parts)."""
    for lv in ctx.leaves:
        yield from leaf_check(ctx, lv)
    by_goal: dict[int, list[LeafView]] = {}
    for lv in ctx.leaves:
        by_goal.setdefault(lv.goal.id, []).append(lv)
    for rows in by_goal.values():
        yield from goal_check(ctx, rows)
    yield from form_check(ctx)
