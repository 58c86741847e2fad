"""docs/rules.md §0, one test per decision: the engine and the checker do exactly what §0 decides.

Every expected figure is worked out by hand in the comment beside it.
"""
from __future__ import annotations

from decimal import Decimal

from model.codec import dumps_form
from model.form import Form, Funds, FundsRow, Goal, Group, Leaf, PlanPoint
from resources.profile_files import load_profile_data
from scoring import Profile, evaluate

CENTRAL = load_profile_data("central-2020")
HUNAN = load_profile_data("hunan-2023")
XINJIANG = load_profile_data("xinjiang-eval-2022")


def _form(*leaves: Leaf, level1: str = "产出指标", level2: str = "数量指标", funds: Funds | None = None,
          kind: str = "project_self_eval", stated: dict | None = None,
          plan: list[PlanPoint] | None = None) -> Form:
    return Form(kind=kind, year=2024, funds=funds, stated=stated, spending_plan=plan,
                goals=[Goal(title="目标1", indicators=[Group(name=level1, children=[
                    Group(name=level2, children=list(leaves))])])])


def _funds(initial: float | None, annual: float | None, executed: float | None) -> Funds:
    return Funds(weight=10, rows=[FundsRow(name="年度资金总额", initial=initial, annual=annual, executed=executed)])


def _codes(result, code: str) -> list:
    return [f for f in result.findings if f.code == code]


def _leaf_score(leaf: Leaf, profile=CENTRAL, **where: str):
    return evaluate(_form(leaf, **where), profile).nodes[0]


def test_profiles_are_data_with_the_settings_of_the_table() -> None:
    central, hunan, xinjiang = (Profile.from_dict(p) for p in (CENTRAL, HUNAN, XINJIANG))
    assert [(m, g) for m, g in central.grades] == [(90, "优"), (80, "良"), (60, "中"), (0, "差")]
    assert [(m, g) for m, g in xinjiang.grades] == [(90, "优"), (80, "良"), (70, "中"), (0, "差")]
    assert dict(central.new_form_weights) == {"执行率": 10, "产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert dict(hunan.new_form_weights) == {"执行率": 10, "产出指标": 30, "成本指标": 20, "效益指标": 30,
                                            "满意度指标": 10}
    assert dict(xinjiang.new_form_weights) == {"决策": 15, "过程": 20, "产出": 40, "效益": 25}
    assert sum(central.new_form_weights.values()) == sum(hunan.new_form_weights.values()) == 100
    assert central.setting("over_target", None) == 1.3
    # 成本 under xinjiang is R1, not 004's written rule that penalises savings
    assert xinjiang.place_rules["成本"]["type"] == "reverse_r1"
    # a total of 65 is 中 under 10号 (≥ 60) but 差 under the Kashgar bands (≥ 70)
    assert central.grade(Decimal(65)) == "中" and xinjiang.grade(Decimal(65)) == "差"


def test_funds_rate_capped_at_weight_over_100_and_no_fall_back_to_initial_budget() -> None:
    # 1005.67 ÷ 581.79 = 172.86% → score min(1, 1.7286) × 10 = 10.00, with FUNDS_OVER_100
    over = evaluate(_form(funds=_funds(581.79, 581.79, 1005.67)), CENTRAL)
    assert over.funds is not None and over.funds.score == Decimal("10.00")
    assert over.funds.rate is not None and over.funds.rate > 1
    assert len(_codes(over, "FUNDS_OVER_100")) == 1
    # 全年预算数 blank, 年初预算数 40 and 执行 30: no rate from 30 ÷ 40, no score, FUNDS_ANNUAL_MISSING
    blank = evaluate(_form(funds=_funds(40, None, 30)), CENTRAL)
    assert blank.funds is not None and blank.funds.rate is None and blank.funds.score is None
    assert [f.field for f in _codes(blank, "FUNDS_ANNUAL_MISSING")] == ["annual"]
    # within 100%: linear, 30 ÷ 40 = 75% → 7.50, no over-100 finding
    normal = evaluate(_form(funds=_funds(40, 40, 30)), CENTRAL)
    assert normal.funds is not None and normal.funds.score == Decimal("7.50")
    assert not _codes(normal, "FUNDS_OVER_100")


def test_direction_from_operator_bare_number_by_place_and_cost_far_below_target() -> None:
    # written operators and words
    assert _leaf_score(Leaf(name="人数", target="不低于40人", actual="30人", weight=10)).rule == "ratio"
    assert _leaf_score(Leaf(name="成本", target="不超过40万元", actual="30万元", weight=10)).rule == "reverse_r1"
    # bare number under 成本 is a ceiling (reverse): 50 vs 40 → (1 − 10 ÷ 40) × 10 = 7.50
    cost = _leaf_score(Leaf(name="项目成本", target="40万元", actual="50万元", weight=10), level2="成本指标")
    assert (cost.rule, cost.computed) == ("reverse_r1", Decimal("7.50"))
    # elsewhere "equal", scored like positive: 30 ÷ 40 × 10 = 7.50; 50 of 40 → full
    assert _leaf_score(Leaf(name="人数", target="40人", actual="30人", weight=10)).computed == Decimal("7.50")
    equal = _leaf_score(Leaf(name="人数", target="40人", actual="50人", weight=10))
    assert (equal.rule, equal.computed) == ("equal", Decimal("10.00"))
    # zero target: 0起 accidents → any accident scores 0, none scores full
    assert _leaf_score(Leaf(name="安全事故", target="0起", actual="1起", weight=10),
                       level2="质量指标").computed == 0
    assert _leaf_score(Leaf(name="安全事故", target="0起", actual="0起", weight=10),
                       level2="质量指标").computed == 10
    # a cost actual under half its target: warning (here 15 < 0.5 × 40), not at 25 (62.5%)
    low = evaluate(_form(Leaf(name="项目成本", target="≤40万元", actual="15万元", weight=10),
                         level2="成本指标"), CENTRAL)
    assert [f.severity for f in _codes(low, "COST_FAR_BELOW_TARGET")] == ["warning"]
    near = evaluate(_form(Leaf(name="项目成本", target="≤40万元", actual="25万元", weight=10),
                          level2="成本指标"), CENTRAL)
    assert not _codes(near, "COST_FAR_BELOW_TARGET")


def test_reverse_default_r1_and_r2_offered_in_profiles() -> None:
    leaf = Leaf(name="成本", target="≤40万元", actual="50万元", weight=10)
    # R1: (1 − (50 − 40) ÷ 40) × 10 = 7.50; at 2t = 80 → 0
    assert _leaf_score(leaf).computed == Decimal("7.50")
    assert _leaf_score(Leaf(name="成本", target="≤40万元", actual="80万元", weight=10)).computed == 0
    # R2: 40 ÷ 50 × 10 = 8.00
    r2 = {**CENTRAL, "name": "central-r2", "reverse": "reverse_r2"}
    node = _leaf_score(Leaf(name="成本", target="≤40万元", actual="50万元", weight=10), r2)
    assert (node.rule, node.computed) == ("reverse_r2", Decimal("8.00"))


def test_qualitative_tier_suggested_scores_never_inflate_and_band_checked() -> None:
    def qual(tier: str | None = None, score: float | None = None, actual: str = "明显改善"):
        leaf = Leaf(name="生活质量", target="明显改善", actual=actual, weight=10, tier=tier, score=score)
        return evaluate(_form(leaf, level1="效益指标", level2="社会效益指标"), CENTRAL)

    # no tier chosen: the tier is suggested (actual equals target → 达成), the user confirms: no score yet
    pending = qual().nodes[0]
    assert (pending.tier_suggested, pending.computed) == ("达成", None)
    # w for 达成, the floor of the band for the others: 0.6 × 10 = 6, and 0
    assert qual("达成").nodes[0].computed == 10
    assert qual("部分达成", actual="基本完成").nodes[0].computed == Decimal("6.00")
    assert qual("未达成", actual="未完成").nodes[0].computed == 0
    # a typed score inside the band is accepted (7 in [6, 8)); outside it (8 for 部分达成) is QUAL_TIER_BAND
    assert not _codes(qual("部分达成", 7, actual="基本完成"), "QUAL_TIER_BAND")
    assert len(_codes(qual("部分达成", 8, actual="基本完成"), "QUAL_TIER_BAND")) == 1
    assert len(_codes(qual("达成", 7.9), "QUAL_TIER_BAND")) == 1
    # the leaf's own bands count: [0.9, 0.5] puts 8.5 of 10 in 部分达成's band [5, 9)
    own = Leaf(name="生活质量", target="明显改善", actual="基本完成", weight=10, tier="部分达成", score=8.5,
               rule={"type": "qualitative", "bands": [0.9, 0.5]})
    assert not _codes(evaluate(_form(own, level1="效益指标", level2="社会效益指标"), CENTRAL), "QUAL_TIER_BAND")


def test_rounding_half_up_per_leaf_sums_of_rounded_and_rates_with_2_decimals() -> None:
    # 2.05 ÷ 20 × 10 = 1.025 → 1.03 (half-up; Python's round gives 1.02)
    assert evaluate(_form(funds=_funds(20, 20, 2.05)), CENTRAL).funds.score == Decimal("1.03")
    # three leaves of 1 ÷ 3 × 10 = 3.333… → 3.33 each; the subtotal is 9.99, not 10.00
    leaves = [Leaf(name=f"人数{i}", target="3人", actual="1人", weight=10) for i in range(3)]
    result = evaluate(_form(*leaves), CENTRAL)
    assert [n.computed for n in result.nodes] == [Decimal("3.33")] * 3
    assert result.total == Decimal("9.99")
    # a typed score counts rounded too: 3.335 → 3.34, so the printed 3.34 + 3.33 + 3.33 adds up
    leaves[0].score = 3.335
    assert evaluate(_form(*leaves), CENTRAL).total == Decimal("10.00")
    # a rate prints with 2 decimals, half-up: 1005.67 ÷ 581.79 = 172.8579…% → 172.86%
    over = evaluate(_form(funds=_funds(581.79, 581.79, 1005.67)), CENTRAL)
    assert "172.86%" in over.funds.explanation and "172.85%" not in over.funds.explanation


def test_satisfaction_tally_uses_five_weights_without_tally_positive() -> None:
    tally = {"很满意": 12, "满意": 5, "一般": 2, "不满意": 1, "很不满意": 0}
    # evaluation profile, tally: (12 + 5×0.8 + 2×0.6 + 1×0.3) ÷ 20 = 87.5% < 95% → 87.5 ÷ 95 × 10 = 9.21
    surveyed = Leaf(name="满意度", target="≥95%", actual="", weight=10, survey=tally)
    node = _leaf_score(surveyed, XINJIANG, level1="效益", level2="满意度", kind="evaluation")
    assert (node.rule, node.computed) == ("survey", Decimal("9.21"))
    # no tally: the written 90% is a positive indicator against ≥95%: 90 ÷ 95 × 10 = 9.47
    written = Leaf(name="满意度", target="≥95%", actual="90%", weight=10)
    node = _leaf_score(written, XINJIANG, level1="效益", level2="满意度", kind="evaluation")
    assert (node.rule, node.computed) == ("ratio", Decimal("9.47"))
    # a self-evaluation with a tally: its rate 87.5% is the actual, 87.5 ÷ 90 × 10 = 9.72
    self_eval = Leaf(name="满意度", target="≥90%", actual="", weight=10, survey=tally)
    node = _leaf_score(self_eval, level1="满意度指标", level2="服务对象满意度指标")
    assert node.computed == Decimal("9.72") and "87.50%" in node.explanation


def test_spending_plan_blank_not_planned_last_filled_12月底_at_100_non_decreasing() -> None:
    def plan_codes(*percents: float | None) -> list[tuple[str, tuple[str, ...]]]:
        labels = ("3月底", "6月底", "10月底", "12月底")
        plan = [PlanPoint(label=lb, percent=p) for lb, p in zip(labels, percents)]
        result = evaluate(_form(kind="project_target", plan=plan), CENTRAL)
        return [(f.code, f.path) for f in result.findings if f.code.startswith("PLAN_")]

    assert plan_codes(25, 50, 80, 100) == []
    assert plan_codes(25, None, None, 100) == []  # blanks are "not planned yet"
    # ... but blank leading checkpoints are a question (issue #14): nothing spent before 6月底?
    assert plan_codes(None, 50, None, 100) == [("PLAN_LEADING_BLANK", ("spending_plan", "3月底"))]
    assert plan_codes(25, 50, 80, None) == [("PLAN_NOT_100", ("spending_plan", "12月底"))]
    assert plan_codes(25, 50, 80, 90) == [("PLAN_NOT_100", ("spending_plan", "12月底"))]
    assert plan_codes(25, 20, 80, 100) == [("PLAN_NOT_CUMULATIVE", ("spending_plan", "6月底"))]


def test_checker_never_changes_the_form_and_stated_never_used_for_scores() -> None:
    leaf = Leaf(name="人数", target="≥40人", actual="30人", weight=10)
    form = _form(leaf, funds=_funds(40, 40, 30))
    before = dumps_form(form)
    plain = evaluate(form, CENTRAL)
    assert dumps_form(form) == before
    # the paper said other figures: they are compared (findings), never scored
    form.stated = {"total": 99, "funds_rate": "80.00%", "funds_score": 8}
    before = dumps_form(form)
    said = evaluate(form, CENTRAL)
    assert dumps_form(form) == before
    assert (said.total, said.funds.score, said.nodes[0].computed) == (plain.total, plain.funds.score,
                                                                       plain.nodes[0].computed)
    assert {"TOTAL_MISMATCH", "FUNDS_RATE_MISMATCH", "FUNDS_SCORE_MISMATCH"} <= {f.code for f in said.findings}
