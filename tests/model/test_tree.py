"""Tree operations: structure invariants and exact undo through the returned inverse."""
from __future__ import annotations

import pytest

from model.codec import dumps_form
from model.errors import TreeError
from model.form import Form, Group, Leaf
from model.tree import (find, indent, insert_goal, insert_node, move_goal, move_node, node_by_id, outdent,
                        remove_goal, remove_node, set_node_field, walk)
from model.form import Goal


def _ids_by_name(form: Form) -> dict[str, int]:
    return {node.name: node.id for _g, node, _d, _p in walk(form)}


def test_walk_gives_levels_and_paths(sample_form: Form) -> None:
    rows = [(d, p) for _g, _n, d, p in walk(sample_form)]
    assert rows[0] == (1, ("年度总体目标", "产出指标"))
    assert rows[2] == (3, ("年度总体目标", "产出指标", "数量指标", "康复训练人数"))
    assert max(d for d, _p in rows) == 3


def test_remove_then_insert_restores_exactly(sample_form: Form) -> None:
    before = dumps_form(sample_form)
    ids = _ids_by_name(sample_form)
    removed = remove_node(sample_form, ids["数量指标"])
    assert "康复训练人数" not in _ids_by_name(sample_form)
    insert_node(sample_form, removed.parent_id, removed.index, removed.node)
    assert dumps_form(sample_form) == before


def test_move_and_inverse_move(sample_form: Form) -> None:
    before = dumps_form(sample_form)
    ids = _ids_by_name(sample_form)
    old_parent, old_index = move_node(sample_form, ids["完成时间"], ids["数量指标"], 0)
    assert find(sample_form, ids["完成时间"]).parent.id == ids["数量指标"]
    move_node(sample_form, ids["完成时间"], old_parent, old_index)
    assert dumps_form(sample_form) == before


def test_indent_and_outdent_are_inverse(sample_form: Form) -> None:
    ids = _ids_by_name(sample_form)
    before = dumps_form(sample_form)
    # 时效指标 goes under 数量指标? It has a leaf child, so it would make four levels: refused.
    with pytest.raises(TreeError, match="三级"):
        indent(sample_form, ids["时效指标"])
    assert dumps_form(sample_form) == before
    outdent(sample_form, ids["完成时间"])  # 三级 → 二级 under 产出指标
    assert find(sample_form, ids["完成时间"]).depth == 2
    indent(sample_form, ids["完成时间"])  # back under 时效指标
    assert dumps_form(sample_form) == before


def test_indent_under_a_leaf_is_refused(sample_form: Form) -> None:
    ids = _ids_by_name(sample_form)
    with pytest.raises(TreeError, match="上一行"):
        indent(sample_form, ids["培训班期数"])


def test_outdent_of_level_one_is_refused(sample_form: Form) -> None:
    with pytest.raises(TreeError, match="一级"):
        outdent(sample_form, _ids_by_name(sample_form)["产出指标"])


def test_no_fourth_level(sample_form: Form) -> None:
    ids = _ids_by_name(sample_form)
    with pytest.raises(TreeError):
        insert_node(sample_form, ids["数量指标"], 0, Group(name="太深", children=[Leaf(name="x")]))
    with pytest.raises(TreeError, match="三级指标"):
        insert_node(sample_form, ids["康复训练人数"], 0, Leaf(name="x"))


def test_no_duplicate_ids(sample_form: Form) -> None:
    ids = _ids_by_name(sample_form)
    existing = node_by_id(sample_form, ids["培训班期数"])
    with pytest.raises(TreeError, match="重复"):
        insert_node(sample_form, ids["数量指标"], 0, existing)


def test_move_into_own_subtree_is_refused(sample_form: Form) -> None:
    ids = _ids_by_name(sample_form)
    with pytest.raises(TreeError, match="自己"):
        move_node(sample_form, ids["产出指标"], ids["数量指标"], 0)


def test_set_field_returns_old_value(sample_form: Form) -> None:
    ids = _ids_by_name(sample_form)
    old = set_node_field(sample_form, ids["康复训练人数"], "actual", "100人")
    assert old == "80人"
    assert node_by_id(sample_form, ids["康复训练人数"]).actual == "100人"
    with pytest.raises(TreeError):
        set_node_field(sample_form, ids["产出指标"], "actual", "x")  # groups have no actual


def test_goal_operations(sample_form: Form) -> None:
    g2 = Goal(title="目标2")
    insert_goal(sample_form, 5, g2)
    assert [g.title for g in sample_form.goals] == ["年度总体目标", "目标2"]
    assert move_goal(sample_form, g2.id, 0) == 1
    assert sample_form.goals[0] is g2
    index, goal = remove_goal(sample_form, g2.id)
    assert (index, goal) == (0, g2) and len(sample_form.goals) == 1
    assert set_node_field(sample_form, sample_form.goals[0].id, "title", "总目标") == "年度总体目标"


def test_field_setters_return_old_values(sample_form: Form) -> None:
    from model.fields import set_form_field, set_funds_cell, set_funds_field, set_header, set_plan_percent

    assert set_header(sample_form, "preparer", "李华") == "张明"
    assert set_header(sample_form, "preparer", "") == "李华" and "preparer" not in sample_form.header
    assert set_funds_cell(sample_form, 0, "executed", 35) == 30
    assert set_funds_field(sample_form, "weight", 20) == 10
    assert set_form_field(sample_form, "year", 2025) == 2024
    assert set_plan_percent(sample_form, 3, 100) is None
    assert [p.label for p in sample_form.spending_plan or []] == ["3月底", "6月底", "10月底", "12月底"]
    with pytest.raises(TreeError):
        set_funds_cell(sample_form, 9, "executed", 1)
    with pytest.raises(TreeError):
        set_form_field(sample_form, "kind", "evaluation")


def test_indent_and_outdent_places_change_nothing(sample_form: Form) -> None:
    from model.tree import indent_place, outdent_place

    ids, before = _ids_by_name(sample_form), dumps_form(sample_form)
    assert indent_place(sample_form, ids["时效指标"]) == (ids["数量指标"], 2)
    assert outdent_place(sample_form, ids["完成时间"]) == (ids["产出指标"], 2)
    with pytest.raises(TreeError, match="请先在上面插入一个分组"):
        indent_place(sample_form, ids["培训班期数"])
    assert dumps_form(sample_form) == before


def test_outermost_and_is_under(sample_form: Form) -> None:
    from model.tree import is_under, outermost

    ids = _ids_by_name(sample_form)
    goal = sample_form.goals[0].id
    assert is_under(sample_form, ids["完成时间"], ids["产出指标"]) and is_under(sample_form, ids["完成时间"], goal)
    assert not is_under(sample_form, ids["产出指标"], ids["完成时间"]) and not is_under(sample_form, 1, 999_999)
    assert outermost(sample_form, [ids["完成时间"], ids["产出指标"], ids["满意度指标"]]) == [
        ids["产出指标"], ids["满意度指标"]]


@pytest.mark.parametrize("moved, parent, says", [
    ("goal", "产出指标", "目标只能在最上层"), ("康复训练人数", None, "必须放在某个目标下面"),
    ("产出指标", "数量指标", "自己的下级"), ("数量指标", "时效指标", "超过三级"),
    ("康复训练人数", "培训班期数", "不能再添加下级")])
def test_check_drop_says_why(sample_form: Form, moved: str, parent: str | None, says: str) -> None:
    from model.tree import check_drop

    ids = {**_ids_by_name(sample_form), "goal": sample_form.goals[0].id}
    with pytest.raises(TreeError, match=says):
        check_drop(sample_form, [ids[moved]], None if parent is None else ids[parent])
    check_drop(sample_form, [ids["完成时间"]], ids["数量指标"])  # a leaf into another 二级 group is fine
