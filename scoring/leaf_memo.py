"""Per-leaf memo of evaluate(): a leaf read, scored and checked once per content and place.

An entry is keyed on everything its results depend on (the leaf's fields and id, its path and
categories, the form kind and year, the profile's content), so on a keystroke only the edited leaf
is computed again and every other leaf costs one dict lookup.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from model.form import Goal, Leaf
from scoring.context import LeafView
from scoring.leaf_score import score_leaf
from scoring.rules.profile import Profile
from scoring.result import Finding, NodeScore
from scoring.rounding import q2


@dataclass(eq=False)
class LeafEntry:
    """One leaf's memoised results; compared and hashed by identity (the goal memo keys on entries)."""

    view: LeafView                          # what the checks see: the leaf read and scored in its place
    issues: tuple[Finding, ...]             # scoring's findings: value notes, rule issues, typed score
    checks: tuple[Finding, ...] | None = None  # the leaf checks' findings, filled by check_runner.py


_ENTRIES: dict[tuple[Any, ...], LeafEntry] = {}
_MAX_ENTRIES = 20000  # about 60 forms of 300 leaves; cleared whole when full (simple and rare)


def leaf_entry(profile: Profile, year: int, scored: bool, kind: str, goal: Goal, leaf: Leaf,
               path: tuple[str, ...], level1: str, level2: str) -> LeafEntry:
    """The memoised entry of a leaf at `path` (depth is len(path) - 1)."""
    key = (profile.cache_key, year, scored, kind, goal.id, path, level1, level2, leaf.id, *leaf_key(leaf))
    entry = _ENTRIES.get(key)
    if entry is None:
        if len(_ENTRIES) >= _MAX_ENTRIES:
            _ENTRIES.clear()
        entry = _ENTRIES[key] = _new_entry(profile, year, scored, goal, leaf, path, level1, level2)
    elif entry.view.leaf is not leaf or entry.view.goal is not goal:
        # Equal content in other objects (the form was loaded again): checks must see these objects.
        entry.view = replace(entry.view, leaf=leaf, goal=goal)
    return entry


# Leaf fields no rule or check reads (tests/scoring/test_vocabulary.py holds scoring/ to it):
# they are left out of the key, so editing them costs no recomputation.
UNSCORED_LEAF_FIELDS = ("description", "basis")


def leaf_key(leaf: Leaf) -> tuple[Any, ...]:
    """The content of a leaf that its results depend on: every field of LEAF_FIELDS but the unscored ones."""
    # Numbers keep their type in the key: 1, 1.0 and True are equal keys but not equal figures.
    weight, score, rule, survey, checklist = leaf.weight, leaf.score, leaf.rule, leaf.survey, leaf.checklist
    return (leaf.code, leaf.name, leaf.target, leaf.actual, weight, type(weight), score, type(score), leaf.tier,
            leaf.reason, leaf.criteria, leaf.process,
            # Most leaves have none of these; skipping the call for None is a third of the lookup.
            None if rule is None else _frozen(rule), None if survey is None else _frozen(survey),
            None if checklist is None else tuple((c.share, c.gate, c.met) for c in checklist))


def clear() -> None:
    """Forget every entry (benchmarks measure the first call with this)."""
    _ENTRIES.clear()


def _new_entry(profile: Profile, year: int, scored: bool, goal: Goal, leaf: Leaf, path: tuple[str, ...],
               level1: str, level2: str) -> LeafEntry:
    core = score_leaf(profile, year, scored, leaf, level1, level2)
    # A typed score counts rounded half-up like a computed one, so subtotals add up as printed (§0).
    score = q2(core.manual) if core.manual is not None else core.computed
    node = NodeScore(leaf.id, path, leaf.code, core.weight, score, core.computed, core.rule_type, core.explanation,
                     core.manual is not None, core.suggested)
    view = LeafView(leaf, goal, path, len(path) - 1, level1, level2, core.target, core.actual, node)
    issues = tuple(Finding(severity, code, path, message, field_name, leaf.id)
                   for severity, code, message, field_name in core.issues)
    return LeafEntry(view, issues)


def _frozen(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value
