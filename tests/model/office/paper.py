"""What a form says on paper, for comparing an imported form with its hand-made transcription."""
from __future__ import annotations

import copy
from typing import Any

from model.form import Form, Group, Node
from model.tree import is_blank_leaf
from model.office.synonyms import synonyms
from resources.profile_files import load_profile_data
from scoring import evaluate
from scoring.rules.profile import profile_for

_LEAF = ("name", "code", "description", "target", "actual", "weight", "score", "reason", "basis", "criteria",
         "process")


def _official(form: Form, name: str) -> str:
    return name if form.kind == "evaluation" else synonyms().category(name)


def tree_rows(form: Form) -> list[tuple[Any, ...]]:
    """(goal, category path, leaf fields…) for every leaf, in order; categories by their official names."""
    out: list[tuple[Any, ...]] = []

    def walk(goal: str, nodes: list[Node], path: tuple[Any, ...]) -> None:
        for node in nodes:
            if isinstance(node, Group):
                walk(goal, node.children, path + ((_official(form, node.name), node.weight, node.code),))
            else:
                out.append((goal, path, *((getattr(node, f) or None) for f in _LEAF)))

    for goal in form.goals:
        walk(goal.title, goal.indicators, ())
    return out


def paper_only(form: Form) -> Form:
    """The form as an import gives it: without what a person added beyond the paper (rule choices,
    checklists, tiers), without blank rows (the import skips them), categories by official names."""
    out = copy.deepcopy(form)

    def strip(nodes: list[Node]) -> list[Node]:
        kept: list[Node] = []
        for node in nodes:
            if isinstance(node, Group):
                node.name = _official(out, node.name)
                node.children = strip(node.children)
                if node.children:
                    kept.append(node)
            elif not is_blank_leaf(node):
                node.rule = node.checklist = node.tier = node.survey = None
                kept.append(node)
        return kept
    for goal in out.goals:
        goal.indicators = strip(goal.indicators)
    return out


def scored(form: Form) -> dict[str, Any]:
    """The parts of `score`'s output that the paper decides: total, each node's score, finding codes."""
    result = evaluate(form, profile_for(form.rules, form.profile_name(), load_profile_data)).to_json()
    return {
        "total": result["total"],
        "funds": result.get("funds") and {k: result["funds"][k] for k in ("rate", "score")},
        "nodes": [(n["path"][1:], n["score"], n["computed"]) for n in result["nodes"]],
        "findings": sorted((f["code"], tuple(f["path"][1:])) for f in result["findings"]
                           if not f["code"].startswith("CHECKLIST")),
    }


def funds_rows(form: Form) -> list[tuple[Any, ...]]:
    if form.funds is None:
        return []
    return [(r.name, r.initial, r.annual, r.executed) for r in form.funds.rows]
