"""The rule registry: `apply_rule` runs the rule function of a rule type.

A rule turns one leaf (weight, target and actual as read, its own data) into an unrounded score,
a Chinese 计算过程 and any issues the rule itself noticed; the engine rounds, caps and adds paths.
What rules receive and return is in types.py; the families live in quant.py (numbers), qual.py
(tiers, deadlines) and evidence.py (surveys, checklists, bands).
"""
from __future__ import annotations

from scoring.rules.evidence import EVAL_RULES
from scoring.rules.qual import QUAL_RULES
from scoring.rules.quant import QUANT_RULES
from scoring.rules.types import Issue, Outcome, RuleFunction, RuleInput, undecided

_REGISTRY: dict[str, RuleFunction] = {**QUANT_RULES, **QUAL_RULES, **EVAL_RULES}

__all__ = ["Issue", "Outcome", "RuleInput", "apply_rule"]


def apply_rule(rule_type: str, inp: RuleInput) -> Outcome:
    """Run the rule of this type; an unknown type is reported, not raised."""
    function = _REGISTRY.get(rule_type)
    if function is None:
        return undecided(f"未知的评分规则“{rule_type}”，无法计算",
                         Issue("error", "RULE_UNKNOWN", f"评分规则类型“{rule_type}”无法识别，"
                               "请在指标的评分规则中选择一种已有的类型", "rule"))
    return function(inp)
