"""Scoring one leaf from its own content: reading target and actual, choosing the rule, applying it,
rounding and capping, and the findings about a typed (manual) score.

Where the leaf sits only enters through its 一级/二级 keys; evaluate() adds paths and memoises.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Optional

from model.form import TIERS, Leaf
from scoring.categories import is_cost
from scoring.rules.profile import Profile
from scoring.rounding import ZERO, clamp, percent_text, plain, q2, score_text, to_decimal
from scoring.rules.registry import Outcome, RuleInput, apply_rule
from scoring.rules.evidence import tally_rate
from scoring.rules.qual import in_band, tier_band
from scoring.values.types import Reading
from scoring.values.reading import read_actual, read_target

_NUMERIC_RULES = ("ratio", "equal", "reverse_r1", "reverse_r2", "deviation", "quality_floor", "bands")
# Severity of each note the value reader attaches (scoring/values/notes.py) when it becomes a finding.
_NOTE_SEVERITY = {"DECIMAL_COMMA": "warning", "TARGET_PLACEHOLDER": "warning", "TARGET_NOT_MEASURABLE": "info",
                  "DEADLINE_OUTSIDE_YEAR": "warning", "ACTUAL_NOT_VALUE": "warning",
                  "PERCENT_AS_FRACTION": "info", "UNIT_MISMATCH": "info"}
IssueRow = tuple[str, str, str, Optional[str]]  # severity, code, message, field


def choose_rule(leaf: Leaf, target: Reading, level1: str, level2: str,
                profile: Profile) -> tuple[str, Mapping[str, Any]] | None:
    """The rule of a leaf: its own, else the profile's for its name or place (when the target fits),
    else the default for the written target (docs/rules.md §0); None when nothing can be scored."""
    own = leaf.rule
    if isinstance(own, Mapping) and isinstance(own.get("type"), str):
        return own["type"], own
    for word, rule in profile.name_rules.items():
        if word in leaf.name and _fits(rule["type"], target, leaf):
            return rule["type"], rule
    for key in (level2, level1):
        placed = profile.place_rules.get(key) if key else None
        if placed is not None and _fits(placed["type"], target, leaf):
            return placed["type"], placed
    if target.kind == "deadline":
        return "deadline", {}
    if target.kind == "qualitative":
        return "qualitative", {}
    if target.kind == "range":
        return "ratio", {}
    if target.kind != "number":
        return None
    if target.op in (">=", ">"):
        return "ratio", {}
    if target.op in ("<=", "<"):
        return profile.reverse, {}
    if not target.explicit_op and is_cost(level1, level2):
        return profile.reverse, {}  # a bare number under 成本 is a budget ceiling
    return "equal", {}


def _fits(rule_type: str, target: Reading, leaf: Leaf) -> bool:
    """Whether a profile's rule for this place can read this leaf (else the target's own default)."""
    if rule_type in _NUMERIC_RULES:
        return target.kind in ("number", "range")
    if rule_type == "survey":
        # docs/rules.md §0: without a tally the written percentage is a positive indicator (the default)
        return tally_rate(leaf.survey) is not None
    if rule_type == "deadline":
        return target.kind == "deadline"
    if rule_type == "checklist":
        return bool(leaf.checklist)
    if rule_type == "qualitative":
        return target.kind == "qualitative"
    return True


@dataclass(frozen=True)
class LeafCore:
    """What a leaf's content gives under its 一级/二级: readings, score, 计算过程 and issues."""

    target: Reading
    actual: Reading
    weight: Decimal | None
    manual: Decimal | None
    computed: Decimal | None
    rule_type: str | None
    explanation: str
    suggested: str | None
    issues: tuple[IssueRow, ...]


def score_leaf(profile: Profile, year: int, scored: bool, leaf: Leaf, level1: str, level2: str) -> LeafCore:
    """Read the leaf's values, choose and apply its rule, round and cap; issues carry no path yet."""
    target = read_target(leaf.target, year=year)
    actual = read_actual(leaf.actual, target, year=year)
    issues: list[IssueRow] = [(_NOTE_SEVERITY.get(note.code, "info"), note.code, note.message, field_name)
              for field_name, reading in (("target", target), ("actual", actual)) for note in reading.notes]
    weight = to_decimal(leaf.weight) if scored else None
    manual = to_decimal(leaf.score) if scored else None
    if weight is None:
        why = "本表不评分" if not scored else "未填写分值，不计分"
        return LeafCore(target, actual, None, manual, None, None, why, None, tuple(issues))
    chosen = choose_rule(leaf, target, level1, level2, profile)
    params: Mapping[str, Any] = {}
    if chosen is None:
        rule_type = None
        outcome = Outcome(None, _why_no_rule(target))
    else:
        rule_type, params = chosen
        tally = _tally_actual(leaf, target, rule_type)
        if tally is not None:
            actual, how = tally
        outcome = apply_rule(rule_type, RuleInput(weight, target, actual, leaf, params, profile.qualitative_bands))
        if tally is not None:
            outcome = replace(outcome, explanation=f"{how}；{outcome.explanation}")
    computed = None if outcome.score is None else q2(clamp(outcome.score, ZERO, weight))
    issues.extend((i.severity, i.code, i.message, i.field) for i in outcome.issues)
    issues.extend(_manual_findings(_bands_of(params, profile), leaf, rule_type, weight, manual, computed,
                                   outcome.tier_suggested))
    if rule_type == "qualitative" and computed is None and manual is None and actual.kind != "blank":
        hint = f"（程序建议：{outcome.tier_suggested}）" if outcome.tier_suggested else ""
        issues.append(("warning", "TIER_MISSING",
                       f"定性指标“{leaf.name or '（未命名指标）'}”还没有选择完成档次，{plain(weight)} 分暂未计入总分。"
                       f"请在“评分方式”一栏中选择达成、部分达成或未达成{hint}", "tier"))
    # The explanation is the rule's 计算过程 even under a manual score: `score` vs `computed` shows both.
    return LeafCore(target, actual, weight, manual, computed, rule_type, outcome.explanation,
                    outcome.tier_suggested, tuple(issues))


def _why_no_rule(target: Reading) -> str:
    if target.kind == "blank":
        return "未填写年度指标值，无法计算得分"
    if target.kind == "placeholder":
        return f"年度指标值“{target.text}”是未选定的模板选项，无法计算得分"
    return f"无法识别年度指标值“{target.text}”，请改写指标值或手工评分"


def _tally_actual(leaf: Leaf, target: Reading, rule_type: str) -> tuple[Reading, str] | None:
    """A survey tally is the actual of a percent indicator scored by a numeric rule (docs/rules.md §0:
    the five weights), so a tally typed in a self-evaluation is not silently ignored."""
    if rule_type not in _NUMERIC_RULES or target.family != "percent":
        return None
    got = tally_rate(leaf.survey)
    if got is None:
        return None
    rate, how = got
    return Reading(percent_text(rate), "number", None, rate, None, "%", "percent", None, False, False, ()), how


def _bands_of(params: Mapping[str, Any], profile: Profile) -> tuple[Decimal, Decimal]:
    """The qualitative bands in force: the rule's own `bands` (as scoring/rules/qual.py uses), else the profile's."""
    raw = params.get("bands")
    if isinstance(raw, (list, tuple)) and len(raw) == 2:
        high, low = (to_decimal(b) for b in raw)
        if high is not None and low is not None:
            return high, low
    return profile.qualitative_bands


def _manual_findings(bands: tuple[Decimal, Decimal], leaf: Leaf, rule_type: str | None, weight: Decimal,
                     manual: Decimal | None, computed: Decimal | None,
                     suggested: str | None) -> list[IssueRow]:
    if manual is None:
        return []
    out: list[IssueRow] = []
    name = leaf.name or "（未命名指标）"
    if manual > weight or manual < 0:
        out.append(("error", "SCORE_OVER_WEIGHT",
                    f"“{name}”得分 {plain(manual)} 超出 0–{plain(weight)} 分的范围，请改为不超过分值的得分",
                    "score"))
    if rule_type == "qualitative":
        if leaf.tier in TIERS:
            if not in_band(leaf.tier, manual, weight, bands):
                low, high = tier_band(leaf.tier, weight, bands)
                out.append(("warning", "QUAL_TIER_BAND",
                            f"“{name}”完成等级为“{leaf.tier}”，得分应在 {score_text(low)}–{score_text(high)} "
                            f"之间，实际填写 {plain(manual)}；请调整得分或完成等级", "score"))
        elif suggested == "达成" and manual < bands[0] * weight:
            out.append(("warning", "QUAL_MET_LOW_SCORE",
                        f"“{name}”的实际完成值与年度指标值一致（达成），得分却只有 {plain(manual)}，低于达成档的 "
                        f"{score_text(bands[0] * weight)} 分；请确认完成等级，或在偏差原因中说明扣分理由", "score"))
    elif computed is not None and manual != computed:
        out.append(("warning", "SCORE_MISMATCH",
                    f"“{name}”填写得分 {plain(manual)}，按评分规则计算为 {score_text(computed)}；"
                    "请核对得分，或在偏差原因中说明调整理由", "score"))
    return out
