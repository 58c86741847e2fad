"""Rules of third-party evaluations (docs/rules.md §2.4, §2.8): five-level satisfaction surveys,
checklists with shares, gates and 扣完为止, and banded rates (资金到位率, 预算执行率).
"""
from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from scoring.rounding import ONE, ZERO, percent_text, plain, score_text, to_decimal
from scoring.rules.types import Issue, Outcome, RuleFunction, RuleInput, show, undecided
from scoring.rules.quant import numbers

SURVEY_LEVELS = ("很满意", "满意", "一般", "不满意", "很不满意")
_DEFAULT_WEIGHTS = ("1", "0.8", "0.6", "0.3", "0")


def _param(inp: RuleInput, key: str, default: str) -> Decimal:
    value = to_decimal(inp.params.get(key, default))
    return Decimal(default) if value is None else value


def tally_rate(tally: Mapping[str, Any] | None, raw_weights: Any = _DEFAULT_WEIGHTS) -> tuple[Decimal, str] | None:
    """The weighted satisfaction rate of a five-level tally and how it was computed (docs/rules.md §0:
    weights 1.0/0.8/0.6/0.3/0); None without a tally or when no answer was counted."""
    if not tally:
        return None
    weights = [to_decimal(w) or ZERO for w in raw_weights][:5]
    counts = [to_decimal(tally.get(level, 0)) or ZERO for level in SURVEY_LEVELS]
    total = sum(counts, ZERO)
    if total <= 0:
        return None
    rate = sum((c * w for c, w in zip(counts, weights)), ZERO) / total
    parts = " + ".join(f"{lvl}{plain(c)}×{plain(w)}" for lvl, c, w in zip(SURVEY_LEVELS, counts, weights))
    return rate, f"满意度 = ({parts}) ÷ 样本 {plain(total)} = {percent_text(rate)}"


def survey_rate(inp: RuleInput) -> tuple[Decimal, str] | Outcome:
    """The satisfaction rate from the tally (weighted) or, without a tally, from the written actual."""
    tally = inp.leaf.survey
    if tally:
        got = tally_rate(tally, inp.params.get("weights", _DEFAULT_WEIGHTS))
        return undecided("满意度调查样本数为 0，无法计算满意度") if got is None else got
    if inp.actual.kind != "number" or inp.actual.value is None or inp.actual.op not in ("=", None):
        return undecided("没有满意度调查统计，实际完成值也不是百分比，无法计算")
    rate = inp.actual.value
    return rate, f"满意度 {show(inp.actual)}（无五级调查统计，按填写的百分比计）"


def survey(inp: RuleInput) -> Outcome:
    """≥ full_at → w; < scale_below → rate ÷ scale_below × w; between the two: a gap in the rule."""
    got = survey_rate(inp)
    if isinstance(got, Outcome):
        return got
    rate, how = got
    full_at, scale_below = _param(inp, "full_at", "0.99"), _param(inp, "scale_below", "0.95")
    if rate >= full_at:
        return Outcome(inp.weight, f"{how}；≥ {percent_text(full_at)}，得满分 {score_text(inp.weight)}")
    score = min(rate / scale_below, ONE) * inp.weight
    text = f"{how}；{percent_text(rate)} ÷ {percent_text(scale_below)} × 分值 {plain(inp.weight)} = {score_text(score)}"
    if rate < scale_below:
        return Outcome(score, text)
    gap = Issue("warning", "RULE_GAP",
                f"满意度 {percent_text(rate)} 落在评价标准未规定的区间 [{percent_text(scale_below)}, "
                f"{percent_text(full_at)}) 内；本程序按 min(满意度 ÷ {percent_text(scale_below)}, 1) × 分值计分，"
                "请在评价标准中补充该区间的计分方法", "rule")
    return Outcome(score, text + "（评价标准未规定此区间，封顶为分值）", (gap,))


def checklist(inp: RuleInput) -> Outcome:
    """Each unmet point deducts its share of w; an unmet gate gives 0; deductions stop at 0."""
    items = inp.leaf.checklist or []
    if not items:
        return undecided("评价要点清单为空，请添加评价要点或手工评分")
    shares = [to_decimal(item.share) for item in items]
    if all(s is None for s in shares):
        shares = [ONE / len(items)] * len(items)  # no shares written: equal parts
    issues: list[Issue] = []
    total_share = sum((s or ZERO for s in shares), ZERO)
    if total_share != ONE:
        issues.append(Issue("warning", "SHARE_MISMATCH",
                            f"评价要点的扣分占比合计为 {percent_text(total_share)}，不是 100%，"
                            "请核对各要点的占比（超出部分只能靠“扣完为止”兜底）", "checklist"))
    if any(item.met is None for item in items):
        pending = next(i + 1 for i, item in enumerate(items) if item.met is None)
        return undecided(f"第{pending}个评价要点尚未判断是否符合，无法计算", *issues)
    for i, item in enumerate(items):
        if item.gate and not item.met:
            return Outcome(ZERO, f"第{i + 1}个评价要点是否决项且不符合，得 0.00", tuple(issues))
    deducted = [(i, s or ZERO) for i, (item, s) in enumerate(zip(items, shares)) if not item.met]
    if not deducted:
        return Outcome(inp.weight, f"评价要点全部符合，得满分 {score_text(inp.weight)}", tuple(issues))
    deduction = sum((s for _i, s in deducted), ZERO) * inp.weight
    score = max(inp.weight - deduction, ZERO)
    listed = "、".join(f"第{i + 1}点扣 {percent_text(s)}" for i, s in deducted)
    return Outcome(score, f"{listed}：分值 {plain(inp.weight)} − {plain(deduction)} = {score_text(score)}"
                          "（扣完为止）", tuple(issues))


def bands(inp: RuleInput) -> Outcome:
    """The rate (a ÷ t, or a itself without a numeric target) scored by the first band it reaches."""
    actual = inp.actual
    if inp.target.kind == "number" and inp.target.value:
        got = numbers(inp)
        if isinstance(got, Outcome):
            return got
        t, a = got
        rate = a / t
        how = f"比率 = 实际 {show(inp.target, a)} ÷ 目标 {show(inp.target, t)} = {percent_text(rate)}"
    elif actual.kind == "number" and actual.value is not None:
        rate = actual.value
        how = f"比率 = {show(actual)}"
    else:
        return undecided(f"实际完成值“{actual.text}”不是数值，无法按档次计分")
    as_share = bool(inp.params.get("shares"))
    issues: list[Issue] = []
    raw_bands = [(to_decimal(b.get("min")), to_decimal(b.get("score"))) for b in inp.params.get("bands", [])]
    table = sorted(((m, s) for m, s in raw_bands if m is not None and s is not None), reverse=True)
    below = to_decimal(inp.params.get("below", 0)) or ZERO
    top = max([s for _m, s in table] + [below])
    top_points = top * inp.weight if as_share else top
    if top_points != inp.weight:
        issues.append(Issue("warning", "RULE_MAX_NE_WEIGHT",
                            f"评价标准的最高档得分 {plain(top_points)} 分与分值 {plain(inp.weight)} 分不一致，"
                            "请核对评价标准或分值", "rule"))
    chosen = next(((m, s) for m, s in table if rate >= m), None)
    points = chosen[1] if chosen else below
    score = points * inp.weight if as_share else points
    step = f"≥ {percent_text(chosen[0])} 档" if chosen else "低于最低档"
    capped = "（超过分值，按分值计）" if score > inp.weight else ""
    return Outcome(score, f"{how}，{step}，得 {score_text(min(score, inp.weight))}{capped}", tuple(issues))


EVAL_RULES: dict[str, RuleFunction] = {"survey": survey, "checklist": checklist, "bands": bands}
