"""Blank cells: TARGET_MISSING (年度指标值 empty) and ACTUAL_MISSING (实际完成值 empty); a row left
wholly blank (the new-form skeleton's row under each 二级) is BLANK_ROW instead, not yet filled in.

What the value reader notes about filled cells (placeholders, bounds, units …) is turned into
findings by the engine from Reading.notes; this module does not repeat them.
"""
from __future__ import annotations

from collections.abc import Iterator

from scoring.checks._common import each_leaf, fmt, is_blank, label, rule_type, score_of, weight_of
from model.form import Leaf
from scoring.context import Context, LeafView
from scoring.result import Finding

# Rules that score from something other than target/actual (评价要点, a survey tally, a typed score).
_OWN_EVIDENCE = frozenset({"checklist", "survey", "manual"})
_NO_ACTUAL_KINDS = frozenset({"project_target", "dept_basic_data"})


def _not_applicable(lv: LeafView) -> bool:
    """A row kept with 分值 0 (评价 forms keep 经济效益/生态效益 that do not apply) needs no values."""
    w = weight_of(lv)
    return w is not None and w == 0


# What a user can type into a row. Only fields in scoring/leaf_memo.py's key, so the finding follows
# every edit; reports/rows.py leaves the same rows out of the printout.
_TYPED_FIELDS = ("name", "code", "target", "actual", "weight", "score", "reason", "tier", "criteria", "process",
                 "rule", "checklist", "survey")


def blank_leaf(leaf: Leaf) -> bool:
    """Whether nothing at all is written in a row (spaces count as nothing)."""
    for name in _TYPED_FIELDS:
        value = getattr(leaf, name, None)
        if isinstance(value, str):
            if value.strip():
                return False
        elif value is not None and value != [] and value != {}:
            return False
    return True


def leaf_check(ctx: Context, lv: LeafView) -> Iterator[Finding]:
    """A wholly blank row; else a blank target and, on forms with an actual column, a blank actual."""
    if blank_leaf(lv.leaf):
        groups = "/".join(p for p in lv.path[1:-1] if p)
        where = f"“{groups}”下" if groups else ""
        yield ctx.finding(
            "info", "BLANK_ROW", lv.path,
            f"{where}有一行空行，不审核、不计分，导出时不会打印；如不需要请删除该行。",
            "name", lv.leaf.id)
        return
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


def check(ctx: Context) -> Iterator[Finding]:
    """Report blank targets and, on forms with an actual column, blank actuals."""
    return each_leaf(ctx, leaf_check)
