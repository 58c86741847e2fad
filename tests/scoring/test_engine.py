"""evaluate(): rule choice by place and target, manual scores, subtotals, totals, grades, findings."""
from __future__ import annotations

from decimal import Decimal

from model.form import Form, Funds, FundsRow, Goal, Group, Leaf
from resources.profile_files import load_profile_data
from scoring import Profile, evaluate
from scoring.rules.profile import profile_for

CENTRAL = load_profile_data("central-2020")


def form_with(*leaves: Leaf, group: str = "产出指标", sub: str = "数量指标", funds: Funds | None = None,
              kind: str = "project_self_eval", stated: dict | None = None) -> Form:
    return Form(kind=kind, year=2024, funds=funds, stated=stated,
                goals=[Goal(title="目标1", indicators=[Group(name=group, children=[
                    Group(name=sub, children=list(leaves))])])])


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


def test_sample_form(sample_form: Form) -> None:
    result = evaluate(sample_form, CENTRAL)
    by_name = {n.path[-1]: n for n in result.nodes}
    assert by_name["康复训练人数"].computed == Decimal("16.00")  # 80 ÷ 100 × 20
    assert by_name["培训班期数"].computed == 10
    assert by_name["完成时间"].computed == 20                      # done 2024-09 before 10月底
    assert by_name["受益残疾人满意度"].computed == 10
    assert result.funds is not None and result.funds.score == Decimal("7.50")  # 30 ÷ 40 × 10
    assert result.total == Decimal("63.50") and result.max == 70
    assert result.grade == "中"
    assert "TOTAL_WEIGHT_NOT_100" in codes(result)


def test_bare_number_is_reverse_under_cost_and_equal_elsewhere() -> None:
    cost = evaluate(form_with(Leaf(name="成本", target="40", actual="50", weight=10), sub="成本指标"), CENTRAL)
    assert (cost.nodes[0].rule, cost.nodes[0].computed) == ("reverse_r1", Decimal("7.50"))
    count = evaluate(form_with(Leaf(name="人数", target="40", actual="50", weight=10)), CENTRAL)
    assert (count.nodes[0].rule, count.nodes[0].computed) == ("equal", Decimal("10.00"))


def test_reverse_variant_is_a_profile_setting() -> None:
    r2 = Profile.from_dict({**CENTRAL, "name": "r2", "reverse": "reverse_r2"})
    result = evaluate(form_with(Leaf(name="成本", target="≤40", actual="50", weight=10)), r2)
    assert (result.nodes[0].rule, result.nodes[0].computed) == ("reverse_r2", Decimal("8.00"))


def test_leaf_rule_overrides_the_profile() -> None:
    leaf = Leaf(name="人数", target="≥100人", actual="85人", weight=10,
                rule={"type": "deviation", "band": 0.1, "side": "both"})
    assert evaluate(form_with(leaf), CENTRAL).nodes[0].computed == 0  # 15% off, band 10%


def test_manual_score_is_in_force_and_mismatch_reported() -> None:
    leaf = Leaf(name="人数", target="2", actual="1", weight=10, score=6)
    result = evaluate(form_with(leaf), CENTRAL)
    node = result.nodes[0]
    assert (node.score, node.computed, node.manual) == (Decimal(6), Decimal("5.00"), True)
    assert "SCORE_MISMATCH" in codes(result)
    assert result.group(result.groups[1].node_id).score == 6


def test_score_over_weight_is_an_error() -> None:
    result = evaluate(form_with(Leaf(name="人数", target="2", actual="2", weight=10, score=12)), CENTRAL)
    over = [f for f in result.findings if f.code == "SCORE_OVER_WEIGHT"]
    assert over and over[0].severity == "error" and over[0].field == "score"


def test_qualitative_band_checks() -> None:
    inside = Leaf(name="改善", target="明显改善", actual="明显改善", weight=10, tier="达成", score=9)
    outside = Leaf(name="改善2", target="明显改善", actual="有所改善", weight=10, tier="部分达成", score=9)
    low = Leaf(name="提升", target="提升", actual="提升", weight=15, score=8)
    result = evaluate(form_with(inside, outside, low, group="效益指标", sub="社会效益指标"), CENTRAL)
    found = {(f.code, f.path[-1]) for f in result.findings}
    assert ("QUAL_TIER_BAND", "改善2") in found and ("QUAL_TIER_BAND", "改善") not in found
    assert ("QUAL_MET_LOW_SCORE", "提升") in found
    assert result.nodes[0].computed == 10 and result.nodes[1].computed == 6


def test_funds_capped_and_annual_required() -> None:
    funds = Funds(weight=10, rows=[FundsRow("年度资金总额", 100, 100, 150), FundsRow("当年财政拨款", 100, None, 150)])
    result = evaluate(form_with(Leaf(name="x", target="1", actual="1", weight=90), funds=funds), CENTRAL)
    assert result.funds is not None and result.funds.score == 10 and result.funds.rate == Decimal("1.5")
    found = {(f.code, f.path) for f in result.findings}
    assert ("FUNDS_OVER_100", ("funds", "年度资金总额")) in found
    assert ("FUNDS_ANNUAL_MISSING", ("funds", "当年财政拨款")) in found
    assert result.total == 100 and result.grade == "优"


def test_stated_figures_are_compared_not_used() -> None:
    funds = Funds(weight=10, rows=[FundsRow("年度资金总额", 20, 20, 2.05)])
    stated = {"total": 95, "funds_rate": "10.20%", "funds_score": 1}
    result = evaluate(form_with(Leaf(name="x", target="1", actual="1", weight=90), funds=funds, stated=stated),
                      CENTRAL)
    assert result.total == Decimal("91.03")
    assert {"TOTAL_MISMATCH", "FUNDS_RATE_MISMATCH", "FUNDS_SCORE_MISMATCH"} <= set(codes(result))


def test_declared_group_weight_must_match() -> None:
    form = Form(kind="project_self_eval", year=2024, goals=[Goal(title="目标1", indicators=[
        Group(name="产出指标", weight=30, children=[Leaf(name="a", target="1", actual="1", weight=20)])])])
    result = evaluate(form, CENTRAL)
    mismatch = [f for f in result.findings if f.code == "WEIGHT_SUM_MISMATCH"]
    assert mismatch and mismatch[0].path == ("目标1", "产出指标") and mismatch[0].field == "weight"


def test_unscored_kinds_have_no_total_or_score_findings() -> None:
    leaf = Leaf(name="人数", target="是/否", weight=None)
    result = evaluate(form_with(leaf, kind="project_target"), CENTRAL)
    assert (result.total, result.max, result.grade) == (None, None, None)
    assert "TARGET_PLACEHOLDER" in codes(result)
    assert not {"TOTAL_WEIGHT_NOT_100", "SCORE_MISMATCH"} & set(codes(result))


def test_findings_sorted_and_unique() -> None:
    leaves = [Leaf(name=f"n{i}", target="≤2,53万", actual="3万", weight=10, score=11) for i in range(3)]
    result = evaluate(form_with(*leaves), CENTRAL)
    keys = [(f.code, f.path, f.field) for f in result.findings]
    assert len(keys) == len(set(keys))
    leaf_paths = [f.path for f in result.findings if len(f.path) == 4]
    assert leaf_paths == sorted(leaf_paths, key=lambda p: p[-1])  # tree order
    first = [f for f in result.findings if f.path[-1:] == ("n0",)]
    assert first[0].severity == "error"  # errors before warnings on the same node


def test_profile_for_prefers_inline_rules() -> None:
    inline = {**CENTRAL, "name": "inline"}
    assert profile_for(inline, "inline", lambda name: {}).name == "inline"
    assert profile_for("central-2020", "central-2020", load_profile_data).name == "central-2020"


def test_deterministic(sample_form: Form) -> None:
    assert evaluate(sample_form, CENTRAL).to_json() == evaluate(sample_form, CENTRAL).to_json()


def test_edits_are_seen_despite_the_leaf_cache() -> None:
    from model.form import ChecklistItem

    leaf = Leaf(name="人数", target="2", actual="1", weight=10)
    items = [ChecklistItem(share=0.5, met=True), ChecklistItem(share=0.5, met=True)]
    listed = Leaf(name="制度", weight=4, rule={"type": "checklist"}, checklist=items)
    form = form_with(leaf, listed)
    assert [n.computed for n in evaluate(form, CENTRAL).nodes] == [Decimal("5.00"), Decimal("4.00")]
    leaf.actual = "2"
    items[0].met = False
    assert [n.computed for n in evaluate(form, CENTRAL).nodes] == [Decimal("10.00"), Decimal("2.00")]
