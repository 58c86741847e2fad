"""Hypothesis properties of evaluate(): scores within [0, weight], sums of rounded parts, determinism."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from model.form import Form, Funds, FundsRow, Goal, Group, Leaf
from resources.profile_files import load_profile_data
from scoring import evaluate

PROFILES = [load_profile_data(n) for n in ("central-2020", "hunan-2023", "xinjiang-eval-2022")]
SUBS = ["数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "服务对象满意度指标", "产出数量", "资金管理"]
numbers = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
texts = st.one_of(
    numbers.map(str),
    st.tuples(st.sampled_from(["≥", "≤", "=", ""]), numbers, st.sampled_from(["", "%", "人", "万元", "个月"]))
    .map(lambda t: f"{t[0]}{t[1]}{t[2]}"),
    st.sampled_from(["明显改善", "提升", "无", "是/否", "2024年10月底", "未完成", "按时完成", "", "≥10人"]),
    st.text(max_size=8),
)
weights = st.one_of(st.none(), st.integers(min_value=0, max_value=20),
                    st.decimals(min_value=0, max_value=20, places=2).map(float))
tiers = st.sampled_from([None, "达成", "部分达成", "未达成"])
rules = st.sampled_from([None, {"type": "ratio"}, {"type": "reverse_r2"}, {"type": "bands", "bands": [
    {"min": 1, "score": 5}, {"min": 0.5, "score": 2}]}, {"type": "quality_floor"}, {"type": "survey"}])

leaves = st.builds(Leaf, name=st.sampled_from(["人数", "资金到位率", "满意度", "成本"]), target=texts, actual=texts,
                   weight=weights, tier=tiers, rule=rules,
                   score=st.one_of(st.none(), st.decimals(min_value=-1, max_value=25, places=2).map(float)))
groups = st.builds(lambda sub, children: Group(name=sub, children=children), st.sampled_from(SUBS),
                   st.lists(leaves, min_size=1, max_size=4))
forms = st.builds(
    lambda kind, top, subs, annual, executed: Form(
        kind=kind, year=2024,
        funds=Funds(weight=10, rows=[FundsRow("年度资金总额", annual, annual, executed)]),
        goals=[Goal(title="目标1", indicators=[Group(name=top, children=subs)])]),
    st.sampled_from(["project_self_eval", "evaluation", "dept_self_eval", "project_target"]),
    st.sampled_from(["产出指标", "效益指标", "过程", "成本指标(20分)"]),
    st.lists(groups, min_size=1, max_size=3, unique_by=lambda g: g.name),  # paths stay unique
    st.one_of(st.none(), st.decimals(min_value=0, max_value=1000, places=2).map(float)),
    st.one_of(st.none(), st.decimals(min_value=0, max_value=2000, places=2).map(float)),
)


@settings(max_examples=150, deadline=None)
@given(forms, st.sampled_from(PROFILES))
def test_computed_scores_lie_in_zero_to_weight_with_two_places(form: Form, profile: dict) -> None:
    result = evaluate(form, profile)
    for node in result.nodes:
        if node.computed is not None:
            assert node.weight is not None and 0 <= node.computed <= node.weight
            assert node.computed == node.computed.quantize(Decimal("0.01"))
    if result.funds is not None and result.funds.computed is not None:
        assert 0 <= result.funds.computed <= 10


@settings(max_examples=150, deadline=None)
@given(forms, st.sampled_from(PROFILES))
def test_subtotals_and_total_are_sums_of_rounded_parts(form: Form, profile: dict) -> None:
    result = evaluate(form, profile)
    for group in result.groups:
        parts = [n.score for n in result.nodes if n.path[:len(group.path)] == group.path and n.score is not None]
        assert group.score == (sum(parts, Decimal(0)) if parts else None)
    if result.total is not None:
        funds = result.funds.score if result.funds is not None and result.funds.score is not None else 0
        assert result.total == funds + sum((n.score for n in result.nodes if n.score is not None), Decimal(0))


@settings(max_examples=80, deadline=None)
@given(forms, st.sampled_from(PROFILES))
def test_evaluate_is_deterministic_and_leaves_the_form_alone(form: Form, profile: dict) -> None:
    from model.codec import dumps_form

    before = dumps_form(form)
    first = evaluate(form, profile).to_json()
    assert evaluate(form, profile).to_json() == first
    assert dumps_form(form) == before
