"""Field-by-field differences between two revisions of a form."""
from __future__ import annotations

import copy

from model.form import Group, Leaf
from model.form_diff import ADDED, CHANGED, REMOVED, diff
from tests.conftest import make_sample_form


def test_a_changed_actual_reads_as_path_field_old_arrow_new() -> None:
    old = make_sample_form()
    new = copy.deepcopy(old)
    leaf = new.goals[0].indicators[0].children[0].children[0]  # type: ignore[union-attr]
    leaf.actual = "100人"
    new.header["phone"] = "0998-5550999"
    texts = [c.text() for c in diff(old, new)]
    assert texts == ["表头：联系电话 0998-5550123 → 0998-5550999",
                     "年度总体目标 / 产出指标 / 数量指标 / 康复训练人数：实际完成值 80人 → 100人"]


def test_same_form_has_no_changes_and_numbers_print_plainly() -> None:
    old = make_sample_form()
    assert diff(old, copy.deepcopy(old)) == []
    new = copy.deepcopy(old)
    assert new.funds is not None
    new.funds.rows[0].executed = 35.0
    (change,) = diff(old, new)
    assert change.text() == "资金 / 年度资金总额：全年执行数 30 → 35"


def test_added_and_removed_nodes_are_listed_once_not_field_by_field() -> None:
    old = make_sample_form()
    new = copy.deepcopy(old)
    output = new.goals[0].indicators[0]
    assert isinstance(output, Group)
    output.children.pop(1)  # 时效指标 with its leaf
    output.children.append(Group(name="质量指标", children=[Leaf(name="合格率", target="100%")]))
    changes = diff(old, new)
    assert [(c.kind, c.path) for c in changes] == [
        (ADDED, ("年度总体目标", "产出指标", "质量指标")),
        (REMOVED, ("年度总体目标", "产出指标", "时效指标"))]
    assert changes[0].text() == "新增指标组：年度总体目标 / 产出指标 / 质量指标"
    assert all(c.kind != CHANGED for c in changes)


def test_two_nodes_of_one_name_are_told_apart() -> None:
    old = make_sample_form()
    counts = old.goals[0].indicators[0].children[0]  # type: ignore[union-attr]
    counts.children.append(Leaf(name="康复训练人数", actual="1人"))  # type: ignore[union-attr]
    new = copy.deepcopy(old)
    new.goals[0].indicators[0].children[0].children[2].actual = "2人"  # type: ignore[union-attr]
    (change,) = diff(old, new)
    assert change.path[-1] == "康复训练人数#2" and (change.old, change.new) == ("1人", "2人")


def test_changes_lists_lines_with_a_limit_and_a_changed_sign_off() -> None:
    from model.form_diff import changes
    from model.signoff import sign

    old = make_sample_form()
    new = copy.deepcopy(old)
    for i, leaf in enumerate(new.goals[0].indicators[0].children[0].children):  # type: ignore[union-attr]
        leaf.actual = f"{i}人"
    sign(new, "填表人", "李小明", "2024-03-01")
    lines = changes(old, new, limit=1)
    assert lines == ["年度总体目标 / 产出指标 / 数量指标 / 康复训练人数：实际完成值 80人 → 0人", "……另有 2 处改动"]
    assert changes(old, new)[-1] == "签字记录有变化（有人签字或解锁）"
