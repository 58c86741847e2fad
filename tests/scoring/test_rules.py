"""Each rule type on hand-worked cases (docs/form-format.md): score before rounding and 计算过程."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from model.form import ChecklistItem, Leaf
from scoring.rules.registry import RuleInput, apply_rule
from scoring.values.reading import read_actual, read_target

D = Decimal
BANDS = (D("0.8"), D("0.6"))


def run(rule: str, target: str | None, actual: str | None, weight: str = "10", leaf: Leaf | None = None,
        **params: Any) -> tuple[Decimal | None, str, list[str]]:
    t = read_target(target, year=2022)
    a = read_actual(actual, t, year=2022)
    out = apply_rule(rule, RuleInput(D(weight), t, a, leaf or Leaf(), params, BANDS))
    return out.score, out.explanation, [i.code for i in out.issues]


@pytest.mark.parametrize("target,actual,expected", [
    ("2", "1", D(5)),                   # 1 ÷ 2 × 10
    ("≥90%", "60%", D(60) / D(90) * 10),  # 6.666…
    ("≥1000人", "1200人", D(10)),        # over target: full, not more
    ("≥80%", "0.8", D(10)),             # 0.8 read as 80%
])
def test_ratio(target: str, actual: str, expected: Decimal) -> None:
    assert run("ratio", target, actual)[0] == expected


def test_ratio_explanation_names_the_numbers() -> None:
    assert run("ratio", "2", "1")[1] == "实际 1 ÷ 目标 2 × 分值 10 = 5.00"
    assert run("ratio", "≥90%", "60%")[1] == "实际 60% ÷ 目标 90% × 分值 10 = 6.67"


def test_ratio_undecided_on_a_bound_or_blank_actual() -> None:
    assert run("ratio", "≥10人", "≥10人")[0] is None
    assert run("ratio", "≥10人", "")[0] is None


def test_equal_zero_target() -> None:
    assert run("equal", "0起", "0")[0] == 10
    assert run("equal", "0起", "1起")[0] == 0
    assert run("equal", "120户", "90户")[0] == D("7.5")


@pytest.mark.parametrize("actual,expected", [("40", D(10)), ("50", D("7.5")), ("80", D(0)), ("100", D(0))])
def test_reverse_r1(actual: str, expected: Decimal) -> None:
    # t = 40: a = 50 → (1 − 10/40) × 10 = 7.5; a ≥ 2t → 0
    assert run("reverse_r1", "≤40万元", actual + "万元")[0] == expected


def test_reverse_r2() -> None:
    assert run("reverse_r2", "≤40", "50")[0] == D(8)  # 40 ÷ 50 × 10
    assert run("reverse_r2", "≤40", "30")[0] == D(10)


def test_reverse_with_zero_target_is_the_equal_zero_rule() -> None:
    assert run("reverse_r1", "≤0起", "0")[0] == 10
    assert run("reverse_r1", "≤0起", "2起")[0] == 0


def test_range_target() -> None:
    assert run("ratio", "30-50人", "40人")[0] == 10
    assert run("ratio", "30-50人", "15人")[0] == 5      # 15 ÷ 30 × 10
    assert run("ratio", "30-50人", "75人")[0] == D(5)   # R1 above the top: (1 − 25/50) × 10


def test_deviation_both_and_below() -> None:
    assert run("deviation", "≥100人", "90人", side="both")[0] == 9           # 10% off → 90/100 × 10
    assert run("deviation", "≥100人", "120人", side="both")[0] == 0          # 20% off → 0
    assert run("deviation", "≥100人", "110人", side="both")[0] == 10         # capped at w
    assert run("deviation", "=1年", "1年", weight="5", side="below")[0] == 5
    assert run("deviation", "=10年", "8.5年", side="below")[0] == D("8.5")   # 15% below
    assert run("deviation", "=10年", "8年", side="below")[0] == 0            # 20% below


def test_quality_floor() -> None:
    assert run("quality_floor", "≥90%", "90%", weight="5")[0] == 5
    assert run("quality_floor", "≥90%", "80%", weight="5")[0] == D("2.5")  # (0.8 − 0.6) ÷ 0.4 × 5
    assert run("quality_floor", "≥90%", "60%", weight="5")[0] == 0


def test_qualitative_tiers_never_inflate() -> None:
    assert run("qualitative", "明显改善", "明显改善", weight="15", leaf=Leaf(tier="达成"))[0] == 15
    assert run("qualitative", "明显改善", "有所改善", weight="15", leaf=Leaf(tier="部分达成"))[0] == 9  # 0.6 × 15
    assert run("qualitative", "明显改善", "无", weight="15", leaf=Leaf(tier="未达成"))[0] == 0
    score, text, _ = run("qualitative", "提升", "提升", weight="15")
    assert score is None and "达成" in text


def test_deadline() -> None:
    assert run("deadline", "2022年10月底", "2022年9月")[0] == 10
    assert run("deadline", "2022年10月底", "2022年11月")[0] == 0
    assert run("deadline", "2022年10月底", "未完成")[0] == 0
    assert run("deadline", "=100%", "100%")[0] is None  # not a date


def test_survey_with_tally() -> None:
    leaf = Leaf(survey={"很满意": 12, "满意": 5, "一般": 2, "不满意": 1, "很不满意": 0})
    # (12 + 4 + 1.2 + 0.3) ÷ 20 = 0.875 < 0.95 → 0.875 ÷ 0.95 × 10 = 9.2105…
    score, text, issues = run("survey", "≥95%", "", leaf=leaf)
    assert score == D("0.875") / D("0.95") * 10 and issues == []
    assert "87.50%" in text


def test_survey_gap_is_reported_and_capped() -> None:
    score, _text, issues = run("survey", "≥95%", "95%", weight="4")
    assert score == 4 and issues == ["RULE_GAP"]
    assert run("survey", "≥95%", "99%", weight="4")[0] == 4
    assert run("survey", "≥95%", "76%", weight="4")[0] == D("3.2")  # 0.76 ÷ 0.95 × 4


def test_checklist_shares_gates_and_floor() -> None:
    items = [ChecklistItem(share=0.5, met=False), ChecklistItem(share=0.5, met=True)]
    assert run("checklist", "健全", "待完善", weight="4", leaf=Leaf(checklist=items))[0] == 2
    gate = [ChecklistItem(share=0.25, gate=True, met=False)] + [ChecklistItem(share=0.25, met=True)] * 3
    assert run("checklist", None, None, weight="3", leaf=Leaf(checklist=gate))[0] == 0
    over = [ChecklistItem(share=0.3, met=False)] * 3 + [ChecklistItem(share=0.2, met=False)] * 2
    score, _t, issues = run("checklist", None, None, weight="2", leaf=Leaf(checklist=over))
    assert score == 0 and issues == ["SHARE_MISMATCH"]  # 130% deducted, stops at 0
    pending = [ChecklistItem(share=1, met=None)]
    assert run("checklist", None, None, leaf=Leaf(checklist=pending))[0] is None


def test_bands_points_and_cap_warning() -> None:
    bands = [{"min": 1.0, "score": 3}, {"min": 0.8, "score": 2}, {"min": 0.6, "score": 1.5}]
    assert run("bands", "100%", "100%", weight="4", bands=bands)[0] == 3
    assert run("bands", "100%", "85%", weight="4", bands=bands)[0] == 2
    assert run("bands", "100%", "50%", weight="4", bands=bands, below=0)[0] == 0
    assert run("bands", "100%", "100%", weight="4", bands=bands)[2] == ["RULE_MAX_NE_WEIGHT"]
    shares = [{"min": 1.0, "score": 1}, {"min": 0.8, "score": 0.6}]
    assert run("bands", "100%", "90%", weight="5", bands=shares, shares=True)[0] == 3
    assert run("bands", "100%", "90%", weight="5", bands=shares, shares=True)[2] == []


def test_manual_and_unknown() -> None:
    assert run("manual", "合规", "合规")[0] is None
    score, _t, issues = run("no_such_rule", "1", "1")
    assert score is None and issues == ["RULE_UNKNOWN"]
