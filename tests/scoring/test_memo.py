"""evaluate()'s memos (scoring/leaf_memo.py, scoring/check_runner.py): edits in place, equal profiles
built apart and forms loaded again give what a first call with empty memos gives."""
from __future__ import annotations

import copy
from collections import Counter
from decimal import Decimal

import pytest

from model.codec import load_form
from model.form import Form, Funds, FundsRow, Goal, Group, Leaf
from model.tree import leaves
from resources.profile_files import load_profile_data
from scoring import Profile, check_runner, evaluate, leaf_memo
from scoring.checks import ALL_CHECKS, FORM_CHECKS, GOAL_CHECKS, LEAF_CHECKS
from scoring.checks._common import leaves_by_goal
from tests.scoring.checks_context import SEEDS, make_context

CENTRAL = load_profile_data("central-2020")
SEED_NAMES = sorted(p.name[:-5] for p in SEEDS.glob("seed*.json") if not p.name.endswith(".expect.json"))


def cold(form: Form, profile: dict = CENTRAL) -> list[tuple]:
    """The findings of a first call: memos emptied and the form copied (new objects)."""
    leaf_memo.clear()
    check_runner.clear()
    return findings_of(evaluate(copy.deepcopy(form), profile))


def findings_of(result) -> list[tuple]:
    return [(f.severity, f.code, f.path, f.field, f.node_id, f.message) for f in result.findings]


def project(*sub_leaves: Leaf, sub: str = "数量指标", annual: float = 40) -> Form:
    return Form(kind="project_self_eval", year=2024,
                funds=Funds(weight=10, rows=[FundsRow("年度资金总额", annual, annual, annual)]),
                goals=[Goal(title="目标1", indicators=[Group(name="产出指标", children=[
                    Group(name=sub, children=list(sub_leaves))])])])


@pytest.mark.parametrize("name", SEED_NAMES)
def test_checks_by_scope_give_exactly_the_findings_of_all_checks(name: str) -> None:
    ctx = make_context(load_form(SEEDS / f"{name}.json"), settings={"over_target": 1.3})
    whole = Counter(f for check in ALL_CHECKS for f in check(ctx))
    split = Counter(f for lv in ctx.leaves for check in LEAF_CHECKS for f in check(ctx, lv))
    split.update(f for rows in leaves_by_goal(ctx.leaves).values() for check in GOAL_CHECKS
                 for f in check(ctx, rows))
    split.update(f for check in FORM_CHECKS for f in check(ctx))
    assert split == whole


def test_fields_read_only_by_checks_reach_the_findings_after_an_edit() -> None:
    # 3 of 10 scored: REASON_MISSING until a reason is written; a written rule that takes points
    # off for savings on a cost: DIRECTION_SUSPECT on criteria, gone when the criteria change.
    leaf = Leaf(name="差旅成本", target="≤40万元", actual="30万元", weight=10, score=3)
    form = project(leaf, sub="成本指标")
    assert "REASON_MISSING" in [f.code for f in evaluate(form, CENTRAL).findings]
    leaf.reason = "会议改为线上召开"
    assert "REASON_MISSING" not in [f.code for f in evaluate(form, CENTRAL).findings]
    leaf.criteria = "实际低于指标值的，得分=实际/指标×分值"
    assert ("DIRECTION_SUSPECT", "criteria") in [(f.code, f.field) for f in evaluate(form, CENTRAL).findings]
    leaf.process = leaf.criteria
    leaf.criteria = None
    assert ("DIRECTION_SUSPECT", "criteria") in [(f.code, f.field) for f in evaluate(form, CENTRAL).findings]
    leaf.process = "按比例"
    result = evaluate(form, CENTRAL)
    assert ("DIRECTION_SUSPECT", "criteria") not in [(f.code, f.field) for f in result.findings]
    assert findings_of(result) == cold(form)


def test_a_duplicate_appears_and_goes_with_edits_of_one_leaf() -> None:
    first = Leaf(name="培训残疾人人数", target="≥100人", actual="100人", weight=5, reason="x")
    second = Leaf(name="康复训练人数", target="≥50人", actual="50人", weight=5, reason="y")
    form = project(first, second)
    assert "DUPLICATE_INDICATOR" not in [f.code for f in evaluate(form, CENTRAL).findings]
    second.name = "1、培训残疾人人数"  # the same name once numbering is stripped
    found = [f for f in evaluate(form, CENTRAL).findings if f.code == "DUPLICATE_INDICATOR"]
    assert [(f.node_id, f.field) for f in found] == [(second.id, "name")]
    second.name = "康复训练人数"
    assert "DUPLICATE_INDICATOR" not in [f.code for f in evaluate(form, CENTRAL).findings]


def test_a_budget_change_reaches_the_unit_cost_check() -> None:
    # 0.5 万元/人 × 100 人 = 50 万元: over a 40 万元 budget, within 60 万元.
    cost = Leaf(name="培训补助标准/人", target="≤0.5万元/人", actual="0.5万元/人", weight=5)
    qty = Leaf(name="培训补助人数", target="≥100人", actual="100人", weight=5)
    form = Form(kind="project_self_eval", year=2024,
                funds=Funds(weight=10, rows=[FundsRow("年度资金总额", 40, 40, 40)]),
                goals=[Goal(title="目标1", indicators=[Group(name="产出指标", children=[
                    Group(name="数量指标", children=[qty]), Group(name="成本指标", children=[cost])])])])
    assert "UNIT_COST_OVER_BUDGET" in [f.code for f in evaluate(form, CENTRAL).findings]
    form.funds.rows[0].annual = 60
    assert "UNIT_COST_OVER_BUDGET" not in [f.code for f in evaluate(form, CENTRAL).findings]


def test_a_number_keeps_its_type_in_the_memo_key() -> None:
    # True == 1 in Python, but a boolean 分值 is no number (to_decimal gives None).
    leaf = Leaf(name="培训人数", target="≥100人", actual="100人", weight=1)
    form = project(leaf)
    assert evaluate(form, CENTRAL).nodes[0].weight == 1
    leaf.weight = True
    assert evaluate(form, CENTRAL).nodes[0].weight is None


def test_profiles_built_apart_from_equal_dicts_share_the_memo() -> None:
    form = project(Leaf(name="培训人数", target="≥100人", actual="80人", weight=10))
    once = evaluate(form, Profile.from_dict(load_profile_data("central-2020")))
    again = evaluate(form, Profile.from_dict(load_profile_data("central-2020")))
    assert again.nodes[0] is once.nodes[0]
    other = evaluate(form, Profile.from_dict({**CENTRAL, "name": "r2", "reverse": "reverse_r2"}))
    assert other.nodes[0] is not once.nodes[0]


def test_a_form_loaded_again_is_checked_through_its_own_objects() -> None:
    form = load_form(SEEDS / "seed002_p1.json")
    before = findings_of(evaluate(form, CENTRAL))
    again = copy.deepcopy(form)  # equal content and ids, other objects
    assert findings_of(evaluate(again, CENTRAL)) == before
    entry = leaf_memo.leaf_entry(Profile.from_dict(CENTRAL), again.year, True, again.kind, again.goals[0],
                                 next(iter(leaves(again))), (again.goals[0].title,), "", "")
    assert entry.view.leaf is next(iter(leaves(again))) and entry.view.goal is again.goals[0]


@pytest.mark.parametrize("name", ["seed000_t1", "seed002_p3", "seed003_project", "seed004_eval"])
def test_in_place_edits_give_what_a_first_call_gives(name: str) -> None:
    form = load_form(SEEDS / f"{name}.json")
    evaluate(form, CENTRAL)
    edits = [("actual", "1人"), ("target", "≤5万元"), ("name", "（2）同名指标"), ("reason", None),
             ("weight", 0), ("score", 2.5), ("tier", "部分达成"), ("actual", "")]
    for i, leaf in enumerate(list(leaves(form))[:16]):
        field, value = edits[i % len(edits)]
        setattr(leaf, field, value)
        assert findings_of(evaluate(form, CENTRAL)) == cold(form), (i, field)


def test_group_rate_is_score_over_declared_or_summed_weight_half_up() -> None:
    # 得分率 = 1 ÷ 32 = 0.03125 → 0.0313 (half-up, not banker's 0.0312)
    result = evaluate(project(Leaf(name="培训人数", target="≥100人", actual="100人", weight=32, score=1)), CENTRAL)
    sub = result.groups[-1]
    assert sub.path == ("目标1", "产出指标", "数量指标") and sub.rate == Decimal("0.0313")
    # A declared 分值 of 20 over children worth 10: 8 ÷ 20 = 0.4
    form = project(Leaf(name="培训人数", target="≥100人", actual="80人", weight=10))
    form.goals[0].indicators[0].weight = 20
    top = evaluate(form, CENTRAL).groups[1]
    assert (top.declared, top.weight, top.score, top.rate) == (20, 10, Decimal("8.00"), Decimal("0.4000"))


def test_group_rate_is_none_without_score_or_weight() -> None:
    no_weight = evaluate(project(Leaf(name="培训人数", target="≥100人", actual="80人", weight=0)), CENTRAL)
    assert no_weight.groups[-1].weight == 0 and no_weight.groups[-1].rate is None
    unscored = evaluate(project(Leaf(name="培训人数", target="≥100人", actual="80人")), CENTRAL)
    assert unscored.groups[-1].score is None and unscored.groups[-1].rate is None


def test_group_rate_is_an_extra_key_of_the_scoring_output() -> None:
    out = evaluate(project(Leaf(name="培训人数", target="≥100人", actual="80人", weight=10)), CENTRAL).to_json()
    sub = out["groups"][-1]
    assert set(sub) == {"path", "weight", "declared", "score", "rate"} and sub["rate"] == 0.8
