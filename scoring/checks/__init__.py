"""The checker (审核): every check function, in the order their findings are listed.

Each module holds one theme and a `check(ctx) -> Iterator[Finding]` that only reads the Context
built by evaluate(); ALL_CHECKS lists them. evaluate() runs the same checks split by what they look
at (LEAF_CHECKS, GOAL_CHECKS, FORM_CHECKS) so it can keep the findings of unchanged leaves and goals.
docs/findings.md explains each finding code to users.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from scoring.checks import (
    basic_data, costs, directions, duplicates, evaluation, funds, goal_text, header, header_facts, measures, plan,
    reason_facts, reasons, stated, values,
)
from scoring.context import Context, LeafView
from scoring.result import Finding

Check = Callable[[Context], Iterable[Finding]]
LeafCheck = Callable[[Context, LeafView], Iterable[Finding]]
GoalCheck = Callable[[Context, list[LeafView]], Iterable[Finding]]

ALL_CHECKS: tuple[Check, ...] = (
    header.check,
    header_facts.check,
    funds.check,
    plan.check,
    values.check,
    measures.check,
    directions.check,
    reasons.check,
    duplicates.check,
    costs.check,
    evaluation.check,
    basic_data.check,
    stated.check,
    goal_text.check,
    reason_facts.check,
)

# The same checks by scope; together they give exactly the findings of ALL_CHECKS (tested).
# A leaf check reads one LeafView, the form kind and the profile settings; a leaf field it reads must
# be in scoring/leaf_memo.py's key, or an edit of that field would show stale findings.
LEAF_CHECKS: tuple[LeafCheck, ...] = (
    values.leaf_check, measures.leaf_check, directions.leaf_check, reasons.leaf_check,
    costs.leaf_check, evaluation.leaf_check, reason_facts.leaf_check,
)
# A goal check reads the leaves of one goal and what goal_inputs() returns.
GOAL_CHECKS: tuple[GoalCheck, ...] = (values.goal_check, reasons.goal_check, duplicates.goal_check,
                                      costs.goal_check, reason_facts.goal_check)
# Form checks read the rest of the form (funds, plan, basic data, stated figures); run every time.
FORM_CHECKS: tuple[Check, ...] = (
    header.check, header_facts.check, funds.check, plan.check, reasons.form_check, basic_data.check, stated.check,
    goal_text.check, reason_facts.form_check,
)


def goal_inputs(ctx: Context) -> tuple[Any, ...]:
    """Everything GOAL_CHECKS read besides the goal's leaves (part of evaluate()'s memo key)."""
    return costs.budget_inputs(ctx)


__all__ = ["ALL_CHECKS", "FORM_CHECKS", "GOAL_CHECKS", "LEAF_CHECKS", "Check", "GoalCheck", "LeafCheck",
           "goal_inputs"]
