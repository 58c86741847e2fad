"""One vocabulary: each list of words or codes has one home, and the lists that must agree are tied here."""
from __future__ import annotations

import ast
import dataclasses
from decimal import Decimal

import pytest

from model.form import LEAF_FIELDS, TIERS, ChecklistItem, Leaf
from scoring.leaf_memo import UNSCORED_LEAF_FIELDS, leaf_key
from scoring.result import SEVERITIES, SEVERITY_LABELS, severity_label, severity_rank
from scoring.rules.registry import _REGISTRY
from scoring.rules.types import RULE_TYPES
from tests.conftest import REPO

# A value of each leaf field unlike a blank leaf's.
_OTHER = {"name": "康复人数", "code": "A1", "description": "说明", "target": "≥10人", "actual": "12人", "weight": 10,
          "score": 8, "reason": "原因", "basis": "依据", "criteria": "标准", "process": "过程",
          "rule": {"type": "ratio"}, "checklist": [ChecklistItem("要点", share=1)], "survey": {"very": 3},
          "tier": "达成"}


def test_leaf_fields_are_the_leaf_dataclass_fields() -> None:
    assert set(LEAF_FIELDS) == {f.name for f in dataclasses.fields(Leaf)} - {"extra", "id"}
    assert set(_OTHER) == set(LEAF_FIELDS)


@pytest.mark.parametrize("field", [f for f in LEAF_FIELDS if f not in UNSCORED_LEAF_FIELDS])
def test_every_scored_leaf_field_is_in_the_memo_key(field: str) -> None:
    """A field missing from the key would give the old findings after an edit of it."""
    blank, edited = Leaf(), Leaf()
    setattr(edited, field, _OTHER[field])
    assert leaf_key(blank) != leaf_key(edited)


@pytest.mark.parametrize("field", UNSCORED_LEAF_FIELDS)
def test_unscored_leaf_fields_are_read_nowhere_in_scoring(field: str) -> None:
    readers = [str(p.relative_to(REPO)) for p in sorted((REPO / "scoring").rglob("*.py"))
               if any(isinstance(n, ast.Attribute) and n.attr == field for n in ast.walk(ast.parse(p.read_text("utf-8"))))]
    assert readers == [], f"scoring reads leaf.{field}: add it to leaf_key and drop it from UNSCORED_LEAF_FIELDS"


def test_the_registry_applies_exactly_the_rule_types() -> None:
    assert set(_REGISTRY) == set(RULE_TYPES)


def test_severities_have_their_words_and_order() -> None:
    assert set(SEVERITY_LABELS) == set(SEVERITIES)
    assert [severity_rank(s) for s in SEVERITIES] == [0, 1, 2] and severity_rank("odd") == 3
    assert severity_label("error") == "错误" and severity_label("odd") == "odd"


def test_tiers_best_first() -> None:
    from scoring.rules.qual import tier_band

    bands = (Decimal("0.8"), Decimal("0.6"))
    highs = [tier_band(t, Decimal(10), bands)[1] for t in TIERS]
    assert highs == sorted(highs, reverse=True)


def test_word_lists_are_not_written_again() -> None:
    """The literal lists live in one module each; another copy would drift."""
    literals = {'("达成", "部分达成", "未达成")': "model/form.py", '"warning": "警告"': "scoring/result.py",
                '"quality_floor", "survey"': "model/form.py"}  # the form reader checks rule objects too
    for literal, home in literals.items():
        found = [str(p.relative_to(REPO)) for pkg in ("model", "scoring", "reports", "ui")
                 for p in sorted((REPO / pkg).rglob("*.py")) if literal in p.read_text("utf-8")]
        assert found == [home], literal
