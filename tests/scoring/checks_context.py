"""Build a checker Context from a Form by hand (values read, dummy NodeScores), for check tests.

Stands in for evaluate(): a leaf's NodeScore carries its weight and typed score only, so the checks
are tested on exactly what the form says.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from model.codec import load_form
from model.form import Form, Group, Leaf
from model.tree import walk
from scoring.context import Context, GroupView, LeafView
from scoring.result import Finding, FundsScore, NodeScore
from scoring.values.reading import read_actual, read_target

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
_STRIP_RE = re.compile(r"[（(]\s*\d+\s*分\s*[)）]|指标|\s")


def _category(name: str) -> str:
    text = _STRIP_RE.sub("", name or "")
    return text[2:] if text.startswith("项目") and len(text) > 2 else text


def _d(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def make_context(form: Form, settings: dict[str, Any] | None = None,
                 funds_rate: Decimal | None = None) -> Context:
    """A Context for `form`: every leaf read with the form's year, scores as typed."""
    leaves: list[LeafView] = []
    groups: list[GroupView] = []
    parents: dict[tuple[str, ...], str] = {}
    for goal, node, depth, path in walk(form):
        if isinstance(node, Group):
            parents[path] = _category(node.name)
            groups.append(GroupView(node, goal, path, depth, None))
            continue
        assert isinstance(node, Leaf)
        level1 = parents.get(path[:2], "") if depth > 1 else ""
        level2 = parents.get(path[:3], "") if depth > 2 else ""
        target = read_target(node.target, year=form.year)
        actual = read_actual(node.actual, target, year=form.year)
        score = NodeScore(node.id, path, node.code, _d(node.weight), _d(node.score), None, None, "")
        leaves.append(LeafView(node, goal, path, depth, level1, level2, target, actual, score))
    funds = None if funds_rate is None else FundsScore(funds_rate, Decimal(10), None, None, "")
    return Context(form, form.profile_name(), settings or {}, True, tuple(leaves), tuple(groups),
                   funds, None, None)


def seed(name: str) -> Form:
    """A seed fixture form by file stem (seed000_t1 …)."""
    return load_form(SEEDS / f"{name}.json")


def expected(name: str) -> list[dict[str, Any]]:
    """The expected findings of a seed fixture."""
    data = json.loads((SEEDS / f"{name}.expect.json").read_text(encoding="utf-8"))
    return list(data.get("findings", []))


def keys(findings: list[Finding], code: str | None = None) -> set[tuple[str, tuple[str, ...], str | None]]:
    """(code, path, field) of findings, optionally of one code."""
    return {(f.code, tuple(f.path), f.field) for f in findings if code is None or f.code == code}


def tree_form(groups: dict[str, dict[str, list[Leaf]]], kind: str = "project_self_eval",
              year: int = 2024, **fields: Any) -> Form:
    """A one-goal form: {一级: {二级: [leaves]}} under goal 目标1 (made-up content)."""
    from model.form import Goal
    indicators: list[Any] = [Group(name=l1, children=[Group(name=l2, children=list(ls))
                                                      for l2, ls in l2s.items()])
                             for l1, l2s in groups.items()]
    return Form(kind=kind, year=year, goals=[Goal(title="目标1", indicators=indicators)], **fields)


def run(check: Any, form: Form, **kw: Any) -> list[Finding]:
    """The findings of one check function on a form."""
    return list(check(make_context(form, **kw)))
