"""What every rule function receives and returns (RuleInput, Outcome, Issue) and two helpers for rules.

Kept apart from the registry (registry.py) so the rule families (quant.py, qual.py, evidence.py)
import these types and the registry imports the families, with no cycle.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

# RULE_TYPES: every rule type a profile, a leaf's `rule` or the registry (registry.py) knows; the
# window's names for them (ui/editing/columns.RULE_NAMES, ui/rule_editor.RULE_LABELS) cover exactly
# these. Defined beside the form (model/form.py) so the form reader checks rule objects against it.
from model.form import RULE_TYPES, Leaf
from scoring.rounding import plain
from scoring.values.units import match_unit
from scoring.values.types import Reading

__all__ = ["RULE_TYPES", "Issue", "Outcome", "RuleInput", "show", "undecided"]


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
