"""Blank cells: TARGET_MISSING (年度指标值 empty) and ACTUAL_MISSING (实际完成值 empty); a row left
wholly blank (the new-form skeleton's row under each 二级) is BLANK_ROW instead, not yet filled in.

What the value reader notes about filled cells (placeholders, bounds, units …) is turned into
findings by the engine from Reading.notes; this module does not repeat them.
"""
from __future__ import annotations

from collections.abc import Iterator

from scoring.checks._common import each_goal, each_leaf, fmt, is_blank, label, rule_type, score_of, weight_of
from model.form import Group, Leaf, Node
from model.tree import is_blank_leaf, is_spare_row
from scoring.context import Context, LeafView
from scoring.result import Finding

# Rules that score from something other than target/actual (评价要点, a survey tally, a typed score).
_OWN_EVIDENCE = frozenset({"checklist", "survey", "manual"})
_NO_ACTUAL_KINDS = frozenset({"project_target", "dept_basic_data"})


def _not_applicable(lv: LeafView) -> bool:
    """A row kept with 分值 0 (评价 forms keep 经济效益/生态效益 that do not apply) needs no values."""
    w = weight_of(lv)
    return w is not None and w == 0


def leaf_check(ctx: Context, lv: LeafView) -> Iterator[Finding]:
    """A wholly blank row; else a blank target and, on forms with an actual column, a blank actual."""
    if is_blank_leaf(lv.leaf):
        return  # judged with its siblings in goal_check
    if _not_applicable(lv):
        return
    own = rule_type(lv) in _OWN_EVIDENCE or bool(lv.leaf.checklist) or bool(lv.leaf.survey)
    if is_blank(lv.leaf.target) and not own:
        yield ctx.finding(
            "error", "TARGET_MISSING", lv.path,
            f"{label(lv)}的年度指标值为空，无法判断完成情况。请填写年度指标值（如“≥100人”“≥90%”"
            f"“2024年10月底”），不适用的指标请删除整行。",
            "target", lv.leaf.id)
    if ctx.form.kind in _NO_ACTUAL_KINDS or own or not is_blank(lv.leaf.actual):
        return
    score = score_of(lv)
    scored = f"却填了得分 {fmt(score)}，" if score is not None and lv.leaf.score is not None else ""
    yield ctx.finding(
        "error", "ACTUAL_MISSING", lv.path,
        f"{label(lv)}的实际完成值为空，{scored}无法核对得分。请填写全年实际完成的数值或情况"
        f"（与年度指标值同一单位）。",
        "actual", lv.leaf.id)


def goal_check(ctx: Context, goal_leaves: list[LeafView]) -> Iterator[Finding]:
    """Blank rows: BLANK_ROW for a spare row beside filled ones; a group whose rows are all blank
    has no indicator yet (TARGET_MISSING). Uses the same rule as the printout (model.tree)."""
    if not goal_leaves:
        return
    views = {lv.leaf.id: lv for lv in goal_leaves}
    stack: list[list[Node]] = [goal_leaves[0].goal.indicators]
    while stack:
        siblings = stack.pop()
        rows = [n for n in siblings if isinstance(n, Leaf) and n.id in views]
        stack.extend(n.children for n in siblings if isinstance(n, Group))
        blank = [views[n.id] for n in rows if is_blank_leaf(n)]
        if not blank:
            continue
        where = "/".join(p for p in blank[0].path[1:-1] if p)
        if is_spare_row(blank[0].leaf, siblings):
            for lv in blank:
                yield ctx.finding(
                    "info", "BLANK_ROW", lv.path,
                    f"“{where}”下有一行空行，不审核、不计分，导出时不会打印；如不需要请删除该行。",
                    "name", lv.leaf.id)
        else:
            what = f"“{where}”下" if where else "这个目标下"
            yield ctx.finding(
                "error", "TARGET_MISSING", blank[0].path,
                f"{what}还没有填写任何指标。请填写三级指标和年度指标值；不适用的指标类别请选中它的上级指标行，按 Ctrl+Delete 连同空行一起删除。",
                "target", blank[0].leaf.id)


def check(ctx: Context) -> Iterator[Finding]:
    """Report blank targets and, on forms with an actual column, blank actuals; blank rows."""
    yield from each_leaf(ctx, leaf_check)
    yield from each_goal(ctx, goal_check)
