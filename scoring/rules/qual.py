"""Qualitative tiers with their bands, deadlines and manual scores (docs/rules.md §2.5, §2.6).

A tier's computed score never inflates: 达成 → w, 部分达成 → the band's floor (0.6w), 未达成 → 0;
the user may type any score inside the band (the engine checks it, QUAL_TIER_BAND).
"""
from __future__ import annotations

from decimal import Decimal

from model.form import TIERS
from scoring.rounding import ZERO, plain, score_text
from scoring.rules.types import Outcome, RuleFunction, RuleInput, undecided
from scoring.values.reading import is_deadline_met, suggest_tier


def tier_band(tier: str, weight: Decimal, bands: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal]:
    """The allowed scores (low, high) of a tier; 80% belongs to 达成, 60% to 部分达成."""
    high_share, low_share = bands
    if tier == "达成":
        return high_share * weight, weight
    if tier == "部分达成":
        return low_share * weight, high_share * weight
    return ZERO, low_share * weight


def in_band(tier: str, score: Decimal, weight: Decimal, bands: tuple[Decimal, Decimal]) -> bool:
    """Whether a typed score lies in its tier's band (upper ends of the lower tiers are open)."""
    low, high = tier_band(tier, weight, bands)
    if tier == "达成":
        return low <= score <= high
    return low <= score < high


def qualitative(inp: RuleInput) -> Outcome:
    """Three tiers from the leaf's `tier`; without one, suggest a tier and leave the score open."""
    bands = tuple(Decimal(str(b)) for b in inp.params.get("bands", inp.qualitative_bands))
    bands2 = (bands[0], bands[1]) if len(bands) == 2 else inp.qualitative_bands
    suggested = suggest_tier(inp.target.text, inp.actual.text)
    tier = inp.leaf.tier
    if tier not in TIERS:
        hint = f"（根据实际完成值建议：{suggested}）" if suggested else ""
        return Outcome(None, f"定性指标：请选择完成等级{hint}，或直接填写得分", (), suggested)
    low, high = tier_band(tier, inp.weight, bands2)
    score = inp.weight if tier == "达成" else low
    band = f"{score_text(low)}–{score_text(high)}"
    return Outcome(score, f"定性指标，等级“{tier}”，得分区间 {band}，计 {score_text(score)}"
                          f"（可在区间内手工调整）", (), suggested)


def deadline(inp: RuleInput) -> Outcome:
    """Deadline: done on or before the written date → w, late or not done → 0."""
    if inp.target.kind != "deadline":
        return undecided(f"年度指标值“{inp.target.text}”不是完成时限，时限规则无法计算")
    if inp.actual.kind == "blank":
        return undecided("未填写实际完成时间，无法计算")
    met = is_deadline_met(inp.target, inp.actual)
    if met is None:
        return undecided(f"无法判断“{inp.actual.text}”是否在时限“{inp.target.text}”之前完成，请填写完成日期或手工评分")
    if met:
        return Outcome(inp.weight, f"在时限“{inp.target.text}”前完成（{inp.actual.text}），得满分 {score_text(inp.weight)}")
    return Outcome(ZERO, f"未在时限“{inp.target.text}”前完成（{inp.actual.text}），得 0.00")


def manual(inp: RuleInput) -> Outcome:
    """No computation: only the typed score counts."""
    return undecided(f"手工评分：按评价标准判断后在“得分”中填写 0–{plain(inp.weight)} 分")


QUAL_RULES: dict[str, RuleFunction] = {"qualitative": qualitative, "deadline": deadline, "manual": manual}
