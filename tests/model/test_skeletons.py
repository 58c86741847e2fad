"""Skeletons of new forms, 自评表 from 目标表, and copying last year's form."""
from __future__ import annotations

from model.codec import load_form
from model.form import Group, Leaf
from model.skeletons import copy_for_year, new_form, self_eval_from_target, skeleton_rows
from model.tree import leaves, walk
from tests.conftest import FIXTURES, make_sample_form


def _level1(form):
    return [(n.name, n.weight) for n in form.goals[0].indicators]


def test_central_2020_starts_with_the_10_50_30_10_split() -> None:
    form = new_form("project_self_eval", 2024, "central-2020", {"project_name": "康复项目", "phone": ""})
    assert _level1(form) == [("产出指标", 50), ("效益指标", 30), ("满意度指标", 10)]
    assert form.funds is not None and form.funds.weight == 10
    # 10 (执行率) + 50 + 30 + 10 = 100, docs/rules.md §0.
    assert form.funds.weight + sum(w for _n, w in _level1(form)) == 100
    assert [g.name for g in form.goals[0].indicators[0].children] == ["数量指标", "质量指标", "时效指标", "成本指标"]
    assert form.header == {"project_name": "康复项目"}  # empty values are not stored
    assert form.rules is None  # the kind's default profile is not written out


def test_hunan_2023_has_cost_as_level_one() -> None:
    form = new_form("dept_self_eval", 2023, "hunan-2023")
    assert _level1(form) == [("产出指标", 30), ("效益指标", 30), ("满意度指标", 10), ("成本指标", 20)]
    assert form.rules == "hunan-2023"
    assert form.goals[0].title == "目标1"


def test_every_level2_has_one_empty_leaf_and_ids_are_unique() -> None:
    form = new_form("evaluation", 2022, "xinjiang-eval-2022")
    assert sum(w for _n, w in _level1(form)) == 100
    ids = [n.id for _g, n, _d, _p in walk(form)]
    assert len(ids) == len(set(ids))
    assert all(isinstance(n, Leaf) for _g, n, d, _p in walk(form) if d == 3)
    assert form.funds is None  # evaluation forms score funds inside the tree


def test_target_kind_has_no_weights_and_basic_data_no_tree() -> None:
    assert all(w is None for _n, w, _s in skeleton_rows("project_target", "central-2020"))
    assert new_form("project_target", 2021, "central-2020").money_unit == "元"
    assert new_form("dept_basic_data", 2023, "central-2020").goals == []


def test_profile_skeleton_wins() -> None:
    data = {"skeleton": [{"name": "产出指标", "weight": 60, "children": ["数量指标"]}]}
    form = new_form("project_self_eval", 2024, "central-2020", profile_data=data)
    assert _level1(form) == [("产出指标", 60)]


def test_self_eval_from_target_keeps_targets_converts_money() -> None:
    target = load_form(FIXTURES / "seeds" / "seed002_p1.json")
    form = self_eval_from_target(target)
    assert form.kind == "project_self_eval" and form.year == 2021 and form.id is None
    assert form.header["project_name"] == target.header["project_name"]
    old = [(l.name, l.target) for l in leaves(target)]
    assert [(l.name, l.target) for l in leaves(form)] == old
    assert all(l.actual is None and l.score is None for l in leaves(form))
    # 110000 元 declared → 11 万元 as 年初 and 全年; nothing executed yet.
    total = form.funds.rows[0]
    assert (total.initial, total.annual, total.executed) == (11, 11, None)
    assert form.funds.rows[1].annual == 11 and form.funds.rows[3].annual == 0
    assert [w for _n, w in _level1(form)] == [50, 30, 10]
    assert {n.id for _g, n, _d, _p in walk(form)}.isdisjoint({n.id for _g, n, _d, _p in walk(target)})


def test_copy_for_year_clears_results_only() -> None:
    last = make_sample_form()
    last.id, last.title = "abc", "2024年度项目支出绩效自评表"
    last.goals[0].indicators[0].children[0].children[0].score = 15
    new = copy_for_year(last, 2025)
    assert (new.id, new.year, new.title) == (None, 2025, "2025年度项目支出绩效自评表")
    assert [(l.name, l.target, l.weight) for l in leaves(new)] == [(l.name, l.target, l.weight) for l in leaves(last)]
    assert all(l.actual is None and l.score is None and l.reason is None for l in leaves(new))
    assert new.funds.rows[0].annual == 40 and new.funds.rows[0].executed is None
    assert new.goals[0].achieved is None and new.goals[0].expected == "完成康复训练"
    # The original is untouched (deep copy).
    assert leaves(last).__next__().actual == "80人"
    assert isinstance(new.goals[0].indicators[0], Group)


def test_profile_start_weights_win() -> None:
    data = {"new_form_weights": {"执行率": 20, "产出指标": 40, "效益指标": 30, "满意度指标": 10}}
    form = new_form("project_self_eval", 2024, "central-2020", profile_data=data)
    assert form.funds.weight == 20
    assert _level1(form) == [("产出指标", 40), ("效益指标", 30), ("满意度指标", 10)]


def test_shipped_profiles_agree_with_the_table() -> None:
    from resources.profile_files import load_profile_data

    for name in ("central-2020", "hunan-2023", "xinjiang-eval-2022"):
        data = load_profile_data(name)
        kind = "evaluation" if name.startswith("xinjiang") else "project_self_eval"
        assert _level1(new_form(kind, 2024, name, profile_data=data)) == _level1(new_form(kind, 2024, name))
