"""Library entries put into a form: filled, moved to their category, one undo step each."""
from __future__ import annotations

from model.form import Group, Leaf
from model.library import builtin_entries
from model.store import Store
from model.tree import leaves
from tests.ui.helpers import leaf_named, open_session
from ui.editing.library_apply import apply_entry, insert_entries
from ui.services.library import leaf_place

ENTRIES = {e.name: e for e in builtin_entries()}


def test_choosing_an_entry_fills_and_moves_the_row_in_one_undo_step(memory_store: Store) -> None:
    session = open_session(memory_store)
    leaf = leaf_named(session, "培训班期数")  # under 产出指标 / 数量指标
    leaf.target = None
    before = session.undo_stack.count()
    entry = ENTRIES["残疾人康复服务率"]  # belongs under 质量指标, which the form lacks
    apply_entry(session, leaf.id, entry)
    assert session.undo_stack.count() == before + 1
    assert leaf.name == "残疾人康复服务率" and leaf.target == entry.target and leaf.description == entry.explanation
    assert leaf_place(session.form, leaf.id)[1] == ("产出指标", "质量指标")
    session.undo_stack.undo()
    assert leaf.name == "培训班期数" and leaf.target is None and leaf.description is None
    assert leaf_place(session.form, leaf.id)[1] == ("产出指标", "数量指标")
    assert not any(isinstance(n, Group) and n.name == "质量指标" for n in session.form.goals[0].indicators[0].children)


def test_a_row_in_the_right_place_stays_and_keeps_its_target(memory_store: Store) -> None:
    session = open_session(memory_store)
    leaf = leaf_named(session, "康复训练人数")
    apply_entry(session, leaf.id, ENTRIES["残疾人基本康复服务人数"])
    assert leaf.name == "残疾人基本康复服务人数" and leaf.target == "≥100人"
    assert leaf_place(session.form, leaf.id)[1] == ("产出指标", "数量指标")


def test_picker_choices_go_under_their_categories_in_one_undo_step(memory_store: Store) -> None:
    session = open_session(memory_store)
    goal = session.form.goals[0]
    before = session.undo_stack.count()
    chosen = [ENTRIES["职业培训人数"], ENTRIES["两项补贴对象满意度"], ENTRIES["残疾人就业率"]]
    ids = insert_entries(session, goal.id, chosen)
    assert session.undo_stack.count() == before + 1 and len(ids) == 3
    places = {leaf.name: leaf_place(session.form, leaf.id)[1] for leaf in leaves(session.form) if leaf.id in ids}
    assert places == {"职业培训人数": ("产出指标", "数量指标"),
                      "两项补贴对象满意度": ("满意度指标", "服务对象满意度指标"),
                      "残疾人就业率": ("效益指标", "社会效益指标")}  # groups the form lacked were added
    session.undo_stack.undo()
    assert not [leaf for leaf in leaves(session.form) if leaf.id in ids]
    assert [g.name for g in goal.indicators] == ["产出指标", "满意度指标"]


def test_a_blank_row_in_the_group_is_filled_first(memory_store: Store) -> None:
    session = open_session(memory_store)
    group = session.form.goals[0].indicators[0].children[0]  # type: ignore[union-attr]
    assert isinstance(group, Group)
    blank = Leaf()
    session.insert_node(group.id, len(group.children), blank)
    [leaf_id] = insert_entries(session, session.form.goals[0].id, [ENTRIES["职业培训人数"]])
    assert leaf_id == blank.id and blank.name == "职业培训人数"
