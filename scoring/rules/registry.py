"""The rule registry: what every rule function receives and returns, and `apply_rule`.

A rule turns one leaf (weight, target and actual as read, its own data) into an unrounded score,
a Chinese 计算过程 and any issues the rule itself noticed; the engine rounds, caps and adds paths.
The families live in quant.py (numbers), qual.py (tiers, deadlines) and evidence.py
(surveys, checklists, bands).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from model.form import Leaf
from scoring.rounding import percent_text, plain
from scoring.values.units import match_unit
from scoring.values.types import Reading


@dataclass(frozen=True)
class Issue:
    """A finding raised by a rule, before the engine attaches the leaf's path."""

    severity: str
    code: str
    message: str
    field: str | None = None


@dataclass(frozen=True)
class RuleInput:
    """Everything a rule may look at for one leaf."""

    weight: Decimal
    target: Reading
    actual: Reading
    leaf: Leaf
    params: Mapping[str, Any]
    qualitative_bands: tuple[Decimal, Decimal]


@dataclass(frozen=True)
class Outcome:
    """A rule's answer: `score` unrounded (None: the rule cannot decide), and why."""

    score: Decimal | None
    explanation: str
    issues: tuple[Issue, ...] = ()
    tier_suggested: str | None = None


RuleFunction = Callable[[RuleInput], Outcome]


def undecided(explanation: str, *issues: Issue) -> Outcome:
    """An outcome without a score."""
    return Outcome(None, explanation, issues)


def show(reading: Reading, value: Decimal | None = None) -> str:
    """A read value as people write it, in the unit it was written in: 60%, 1.8, 0.02万元, 100人."""
    number = reading.value if value is None else value
    if number is None:
        return reading.text
    if reading.family == "percent":
        return plain(number * 100) + "%"
    unit = reading.unit or ""
    match = match_unit(unit) if unit else None
    if match is not None and match.factor != 1:
        number = number / match.factor
    return plain(number) + unit


def show_rate(rate: Decimal) -> str:
    """A rate (fraction) as a percentage with 2 decimals."""
    return percent_text(rate)


_REGISTRY: dict[str, RuleFunction] = {}


def apply_rule(rule_type: str, inp: RuleInput) -> Outcome:
    """Run the rule of this type; an unknown type is reported, not raised."""
    if not _REGISTRY:
        # Imported here: the family modules import this one for Outcome and Issue.
        from scoring.rules.evidence import EVAL_RULES
        from scoring.rules.qual import QUAL_RULES
        from scoring.rules.quant import QUANT_RULES

        _REGISTRY.update({**QUANT_RULES, **QUAL_RULES, **EVAL_RULES})
    function = _REGISTRY.get(rule_type)
    if function is None:
        return undecided(f"未知的评分规则“{rule_type}”，无法计算",
                         Issue("error", "RULE_UNKNOWN", f"评分规则类型“{rule_type}”无法识别，"
                               "请在指标的评分规则中选择一种已有的类型", "rule"))
    return function(inp)


def known_rule_types() -> tuple[str, ...]:
    """Every rule type the engine can apply."""
    apply_rule("manual", RuleInput(Decimal(0), _BLANK, _BLANK, Leaf(), {}, (Decimal("0.8"), Decimal("0.6"))))
    return tuple(sorted(_REGISTRY))


_BLANK = Reading("", "blank", None, None, None, None, None, None, False, False, ())
