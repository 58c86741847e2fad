"""Runs the checker for evaluate(), keeping the findings of leaves and goals that did not change.

Leaf checks run once per memoised leaf entry (scoring/leaf_memo.py); goal checks once per goal
whose entries and inputs (the budget) are unchanged; form checks, which are small, every time.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from scoring.checks import FORM_CHECKS, GOAL_CHECKS, LEAF_CHECKS, goal_inputs
from scoring.context import Context
from scoring.leaf_memo import LeafEntry
from scoring.result import Finding

_GOALS: dict[tuple[Any, ...], tuple[Finding, ...]] = {}
_MAX_GOALS = 4000


def run_checks(ctx: Context, entries: Sequence[LeafEntry],
               goals: Iterable[Sequence[LeafEntry]]) -> list[Finding]:
    """Every check's findings: leaf checks per entry (tree order), goal checks per goal, form checks.

    Args:
        ctx: the Context whose `leaves` are the entries' views.
        entries: the leaf entries in tree order.
        goals: the entries of each goal id, goals in tree order.
    """
    found: list[Finding] = []
    for entry in entries:
        if entry.checks is None:
            entry.checks = tuple(f for check in LEAF_CHECKS for f in check(ctx, entry.view))
        found.extend(entry.checks)
    inputs = goal_inputs(ctx)
    for rows in goals:
        # Entries compare by identity and stand for their whole content (see leaf_memo.py).
        key = (inputs, *rows)
        goal_found = _GOALS.get(key)
        if goal_found is None:
            if len(_GOALS) >= _MAX_GOALS:
                _GOALS.clear()
            views = [entry.view for entry in rows]
            goal_found = _GOALS[key] = tuple(f for check in GOAL_CHECKS for f in check(ctx, views))
        found.extend(goal_found)
    for check in FORM_CHECKS:
        found.extend(check(ctx))
    return found


def clear() -> None:
    """Forget the goal findings (with leaf_memo.clear(), the first call is measured cold)."""
    _GOALS.clear()
