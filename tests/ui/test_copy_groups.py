"""Copying whole groups: Ctrl+C puts TSV plus node JSON; Ctrl+V inserts a copy with new ids, one undo step."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from model import tree
from model.codec import dumps_form, node_from_dict, node_to_dict
from model.errors import FormFileError
from model.form import Group, Leaf
from model.store import Store
from tests.ui.helpers import open_session
from ui.tree_view import SUBTREE_MIME, IndicatorTreeView


def named(view: IndicatorTreeView, name: str) -> int:
    return next(n.id for _g, n, _d, _p in tree.walk(view.session.form) if n.name == name)


def test_node_json_round_trips_with_fresh_ids(qapp, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = open_session(memory_store)
    group = session.item(next(n.id for _g, n, _d, _p in tree.walk(session.form) if n.name == "数量指标"))
    copy = node_from_dict(json.loads(json.dumps(node_to_dict(group))))  # type: ignore[arg-type]
    assert isinstance(copy, Group) and [c.name for c in copy.children] == ["康复训练人数", "培训班期数"]
    assert node_to_dict(copy) == node_to_dict(group)  # type: ignore[arg-type]
    assert copy.id != group.id and {c.id for c in copy.children}.isdisjoint({c.id for c in group.children})  # type: ignore[union-attr]
    with pytest.raises(FormFileError):
        node_from_dict(node_to_dict(group), depth=3)  # type: ignore[arg-type]  # a group at 三级


def test_copying_a_group_puts_text_and_its_subtree(view: IndicatorTreeView) -> None:
    view.select_cell(named(view, "数量指标"))
    view.copy()
    data = QGuiApplication.clipboard().mimeData()
    assert data.text().strip() == "数量指标"  # the TSV stays for Excel/WPS
    docs = json.loads(bytes(data.data(SUBTREE_MIME).data()).decode("utf-8"))
    assert [d["name"] for d in docs] == ["数量指标"]
    assert [c["name"] for c in docs[0]["children"]] == ["康复训练人数", "培训班期数"]


def test_copying_leaves_only_puts_text_only(view: IndicatorTreeView) -> None:
    view.select_cell(named(view, "完成时间"))
    view.copy()
    data = QGuiApplication.clipboard().mimeData()
    assert data.text().strip() == "完成时间" and not data.hasFormat(SUBTREE_MIME)


def test_pasting_a_group_inserts_a_copy_below_in_one_undo_step(view: IndicatorTreeView) -> None:
    session = view.session
    view.select_cell(named(view, "数量指标"))
    view.copy()
    before, steps = dumps_form(session.form), session.undo_stack.count()
    view.select_cell(named(view, "时效指标"))
    view.paste()
    output = session.item(named(view, "产出指标"))
    assert [c.name for c in output.children] == ["数量指标", "时效指标", "数量指标"]  # type: ignore[union-attr]
    original, pasted = output.children[0], output.children[2]  # type: ignore[union-attr]
    assert isinstance(pasted, Group) and [c.name for c in pasted.children] == ["康复训练人数", "培训班期数"]
    assert pasted.id != original.id and view.current_id() == pasted.id
    assert session.undo_stack.count() == steps + 1
    after = dumps_form(session.form)
    session.undo_stack.undo()
    assert dumps_form(session.form) == before
    session.undo_stack.redo()
    assert dumps_form(session.form) == after
    pasted.children[0].actual = "1人"  # type: ignore[union-attr]  # the copy shares nothing with the original
    assert original.children[0].actual != "1人"  # type: ignore[union-attr]


def test_pasting_a_group_where_it_would_be_a_fourth_level_is_refused(view: IndicatorTreeView) -> None:
    session = view.session
    view.select_cell(named(view, "产出指标"))
    view.copy()
    before, steps = dumps_form(session.form), session.undo_stack.count()
    errors: list[str] = []
    session.error.connect(errors.append)
    view.select_cell(named(view, "康复训练人数"))  # a 三级 leaf: a copy beside it would be 三级 too
    view.paste()
    assert dumps_form(session.form) == before and session.undo_stack.count() == steps
    assert errors and "三级" in errors[-1] and "产出指标" in errors[-1]


def test_ctrl_c_ctrl_v_on_a_goal_appends_the_copy_to_it(view: IndicatorTreeView, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = view.session
    view.select_cell(named(view, "满意度指标"))
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    view.select_cell(session.form.goals[0].id)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    top = session.form.goals[0].indicators
    assert [n.name for n in top] == ["产出指标", "满意度指标", "满意度指标"]
    leaf = top[2].children[0].children[0]  # type: ignore[union-attr]
    assert isinstance(leaf, Leaf) and leaf.name == "受益残疾人满意度"
