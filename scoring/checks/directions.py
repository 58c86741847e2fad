"""Direction and category: a target's operator against its place in the tree (docs/rules.md §2.7, §2.12).

DIRECTION_SUSPECT: a cost with ≥, a count of beneficiaries with ≤, a written cost rule that takes
points off for savings. CATEGORY_SUSPECT: a rate under 数量, budget execution under 质量/时效 (it is
scored in the funds block), a qualitative phrase as a cost target.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from scoring.checks._common import PEOPLE_UNITS, each_leaf, is_category, is_cost, label
from scoring.context import Context, LeafView
from scoring.result import Finding

# A written cost rule where a saving (actual below target) earns less than full marks.
_PENALISES_SAVING_RE = re.compile(r"(小于|低于|少于)[^；;。]*?(得分\s*[=＝]\s*实际|得\s*0\s*分|不得分)")
# Names that measure budget execution, which the funds block already scores.
_EXECUTION_WORDS = ("执行率", "资金使用率", "支出进度", "使用进度", "支付进度")


def _direction(ctx: Context, lv: LeafView) -> Iterator[Finding]:
    t = lv.target
    written = lv.leaf.target
    if is_cost(lv):
        if t.kind == "number" and t.op in (">=", ">"):
            extra = ("；百分比也不是成本，应写金额或单价" if t.family == "percent" else "")
            yield ctx.finding(
                "warning", "DIRECTION_SUSPECT", lv.path,
                f"成本指标{label(lv)}的年度指标值写成“{written}”（不低于）：成本应是上限{extra}。"
                f"请改为“≤金额”或“≤单价”，例如“≤10万元”“≤500元/人”。", "target", lv.leaf.id)
        rule_text = " ".join(x for x in (lv.leaf.criteria, lv.leaf.process) if isinstance(x, str))
        if _PENALISES_SAVING_RE.search(rule_text):
            yield ctx.finding(
                "warning", "DIRECTION_SUSPECT", lv.path,
                f"成本指标{label(lv)}的评分标准对“实际低于指标值”扣分，节约反而失分，与成本节约率"
                f"=（计划成本−实际成本）÷计划成本的定义相反。请改为：实际成本不超过计划成本得满分，"
                f"超支按比例扣分（本程序按反向指标计分）。", "criteria", lv.leaf.id)
        return
    if (t.kind == "number" and t.op in ("<=", "<") and t.unit in PEOPLE_UNITS
            and not is_category(lv, "时效")):
        yield ctx.finding(
            "warning", "DIRECTION_SUSPECT", lv.path,
            f"{label(lv)}的年度指标值“{written}”是上限（不超过），但受益人数、户数应越多越好。"
            f"请改为“≥{_plain(t.value)}{t.unit}”；若确实是上限（如名额控制），请在指标描述中说明。",
            "target", lv.leaf.id)


def _plain(value: object) -> str:
    return format(value, "f") if value is not None else ""


def _category(ctx: Context, lv: LeafView) -> Iterator[Finding]:
    name = lv.leaf.name if isinstance(lv.leaf.name, str) else ""
    t = lv.target
    if is_cost(lv):
        if t.kind == "qualitative":
            yield ctx.finding(
                "warning", "CATEGORY_SUSPECT", lv.path,
                f"成本指标{label(lv)}的年度指标值“{lv.leaf.target}”是效益描述，不是成本。成本指标应填"
                f"金额或单价（如“≤10万元”“≤500元/人”），请核对是否照抄了效益指标。", "target", lv.leaf.id)
        return
    if any(w in name for w in _EXECUTION_WORDS) and (is_category(lv, "质量") or is_category(lv, "时效")):
        yield ctx.finding(
            "warning", "CATEGORY_SUSPECT", lv.path,
            f"{label(lv)}衡量的是预算执行情况，已由“预算执行率”在资金部分单独计分，不宜再作为"
            f"质量或时效指标。请删除，或换成反映工作质量、完成时间的指标。", "target", lv.leaf.id)
    elif is_category(lv, "数量") and t.kind == "number" and t.family == "percent":
        yield ctx.finding(
            "warning", "CATEGORY_SUSPECT", lv.path,
            f"{label(lv)}的年度指标值“{lv.leaf.target}”是比率，但放在数量指标下；数量指标应是人数、"
            f"户数、次数等数量。请把比率指标移到质量指标，或改写为数量。", "target", lv.leaf.id)


def leaf_check(ctx: Context, lv: LeafView) -> Iterator[Finding]:
    """DIRECTION_SUSPECT and CATEGORY_SUSPECT for one leaf."""
    yield from _direction(ctx, lv)
    yield from _category(ctx, lv)


def check(ctx: Context) -> Iterator[Finding]:
    """DIRECTION_SUSPECT and CATEGORY_SUSPECT for every leaf."""
    return each_leaf(ctx, leaf_check)
