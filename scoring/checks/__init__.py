"""The checker (审核): every check function, in the order their findings are listed.

Each module holds one theme and a `check(ctx) -> Iterator[Finding]` that only reads the Context
built by evaluate(); evaluate() runs every function in ALL_CHECKS. docs/findings.md explains each
finding code to users.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from scoring.checks import (
    basic_data, costs, directions, duplicates, evaluation, funds, measures, plan, reasons, stated,
    values,
)
from scoring.context import Context
from scoring.result import Finding

Check = Callable[[Context], Iterable[Finding]]

ALL_CHECKS: tuple[Check, ...] = (
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
)

__all__ = ["ALL_CHECKS", "Check"]
