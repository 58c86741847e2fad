"""Every hand-checked figure of the seed fixtures (tests/fixtures/seeds/*.expect.json) is reproduced,
and the findings that come from scoring itself are reported at the expected place."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from model import load_form
from resources.profile_files import load_profile_data
from scoring import evaluate
from scoring.result import Result

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
EXPECTS = sorted(SEEDS.glob("*.expect.json"))
# Findings evaluate() itself produces (scoring and the value reader's notes); the checker adds the rest.
ENGINE_CODES = {"SCORE_MISMATCH", "SCORE_OVER_WEIGHT", "QUAL_TIER_BAND", "QUAL_MET_LOW_SCORE", "RULE_GAP",
                "RULE_MAX_NE_WEIGHT", "SHARE_MISMATCH", "FUNDS_RATE_MISMATCH", "FUNDS_SCORE_MISMATCH",
                "FUNDS_ANNUAL_MISSING", "FUNDS_OVER_100", "WEIGHT_SUM_MISMATCH", "TOTAL_WEIGHT_NOT_100",
                "TOTAL_MISMATCH", "RATE_MISMATCH"}


def _evaluate(expect_path: Path) -> tuple[dict[str, Any], Result]:
    expect = json.loads(expect_path.read_text("utf-8"))
    form = load_form(expect_path.with_name(expect_path.name.replace(".expect", "")))
    # The expect file names the profile (seed003_basic's form leaves it to the default; unscored anyway).
    return expect, evaluate(form, load_profile_data(expect["profile"]))


def _d(value: float) -> Decimal:
    return Decimal(str(value))


@pytest.mark.parametrize("expect_path", EXPECTS, ids=lambda p: p.name.split(".")[0])
def test_funds_figures(expect_path: Path) -> None:
    expect, result = _evaluate(expect_path)
    figures = expect.get("figures", {})
    if "funds_rate" in figures:
        assert result.funds is not None and result.funds.rate is not None
        # Expectations give the rate to at most 6 decimals (1005.67 / 581.79 = 1.728579…).
        assert round(result.funds.rate, 6) == _d(figures["funds_rate"])
    if "funds_score" in figures:
        assert result.funds is not None
        assert result.funds.score == _d(figures["funds_score"])


@pytest.mark.parametrize("expect_path", EXPECTS, ids=lambda p: p.name.split(".")[0])
def test_leaf_and_group_figures(expect_path: Path) -> None:
    expect, result = _evaluate(expect_path)
    figures = expect.get("figures", {})
    nodes = {n.path: n for n in result.nodes}
    for node in figures.get("nodes", []):
        got = nodes[tuple(node["path"])]
        assert got.computed == _d(node["computed"]), (node["path"], got.explanation)
    groups = {g.path: g for g in result.groups}
    for group in figures.get("groups", []):
        assert groups[tuple(group["path"])].score == _d(group["computed_sum"]), group["path"]
    if "total_computed" in figures:
        assert result.total == _d(figures["total_computed"])


@pytest.mark.parametrize("expect_path", EXPECTS, ids=lambda p: p.name.split(".")[0])
def test_engine_findings(expect_path: Path) -> None:
    expect, result = _evaluate(expect_path)
    got = {(f.code, f.path, f.field) for f in result.findings if f.code in ENGINE_CODES}
    wanted = {(f["code"], tuple(f["path"]), f.get("field")) for f in expect["findings"] if f["code"] in ENGINE_CODES}
    assert got == wanted


def test_funds_score_is_half_up_not_float() -> None:
    """2.05 ÷ 20 × 10 = 1.025 exactly: half-up gives 1.03 (float arithmetic would give 1.02)."""
    _expect, result = _evaluate(SEEDS / "seed000_t5.expect.json")
    assert result.funds is not None and result.funds.score == Decimal("1.03")
    assert result.total == Decimal("16.03")


def test_grades_follow_the_profile() -> None:
    _e, t1 = _evaluate(SEEDS / "seed000_t1.expect.json")
    assert (t1.total, t1.grade) == (Decimal("52.00"), "差")
    _e, eval_form = _evaluate(SEEDS / "seed004_eval.expect.json")
    assert (eval_form.total, eval_form.grade) == (Decimal("98"), "优")
    _e, target = _evaluate(SEEDS / "seed002_p1.expect.json")
    assert (target.total, target.grade) == (None, None)
