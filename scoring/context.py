"""What the checks see: the form, its profile settings, each leaf read and scored, groups, funds.

evaluate() (scoring/engine.py) builds one Context after computing the scores; every check module
(scoring/checks/*.py) has a function `check(ctx) -> Iterable[Finding]` that only reads it, and
scoring/check_runner.py runs their leaf, goal and form parts.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from model.form import Form, Goal, Group, Leaf
from scoring.result import Finding, FundsScore, GroupScore, NodeScore
from scoring.values.types import Reading


@dataclass(frozen=True)
class LeafView:
    """One leaf with everything a check needs about it.

    `level1` / `level2` are the normalised category names of its 一级 / 二级 ancestors
    ("产出", "效益", "满意度", "成本", "决策", "过程" / "数量", "质量", "时效", "成本", "经济效益",
    "社会效益", "生态效益", "可持续影响", "满意度", …), or "" when unknown or absent.
    """

    leaf: Leaf
    goal: Goal
    path: tuple[str, ...]
    depth: int
    level1: str
    level2: str
    target: Reading
    actual: Reading
    score: NodeScore | None


@dataclass(frozen=True)
class GroupView:
    """A group with its path, level and subtotal."""

    group: Group
    goal: Goal
    path: tuple[str, ...]
    depth: int
    subtotal: GroupScore | None


@dataclass(frozen=True)
class Context:
    """The read and scored form handed to each check."""

    form: Form
    profile_name: str
    settings: Mapping[str, Any]      # the profile's settings (thresholds such as over_target 1.3)
    scored: bool                     # whether the form kind carries scores
    leaves: tuple[LeafView, ...]
    groups: tuple[GroupView, ...]
    funds: FundsScore | None
    total: Decimal | None
    max_total: Decimal | None

    def finding(self, severity: str, code: str, path: tuple[str, ...], message: str,
                field: str | None = None, node_id: int | None = None) -> Finding:
        """Build a Finding (a small convenience so checks stay short)."""
        return Finding(severity, code, path, message, field, node_id)
