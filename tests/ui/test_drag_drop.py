"""Dragging rows: the model's mimeData / dropMimeData move rows through one undoable session command."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt

from model import tree
from model.codec import dumps_form
from model.form import Form
from model.store import Store
from tests.ui.helpers import open_session
from ui.editing.session import FormSession
from ui.tree_model import NODE_IDS_MIME, IndicatorTreeModel

MOVE = Qt.DropAction.MoveAction


@pytest.fixture
def session(qapp, memory_store: Store) -> FormSession:  # type: ignore[no-untyped-def]
    return open_session(memory_store)


def node_id(session: FormSession, name: str) -> int:
    return next(n.id for _g, n, _d, _p in tree.walk(session.form) if n.name == name)


def names_under(session: FormSession, name: str) -> list[str]:
    return [c.name for c in session.item(node_id(session, name)).children]  # type: ignore[union-attr]


def drag(model: IndicatorTreeModel, *names: str) -> QMimeData:
    return model.mimeData([model.index_of(node_id(model.session, n)) for n in names])


def test_a_leaf_dropped_on_a_group_moves_in_one_undo_step(qtmodeltester, session: FormSession) -> None:  # type: ignore[no-untyped-def]
    model = IndicatorTreeModel(session)
    before = dumps_form(session.form)
    steps = session.undo_stack.count()
    target = model.index_of(node_id(session, "时效指标"))
    assert model.dropMimeData(drag(model, "培训班期数"), MOVE, -1, -1, target)
    assert names_under(session, "时效指标") == ["完成时间", "培训班期数"]
    assert names_under(session, "数量指标") == ["康复训练人数"]
    assert session.undo_stack.count() == steps + 1
    qtmodeltester.check(model)
    after = dumps_form(session.form)
    session.undo_stack.undo()
    assert dumps_form(session.form) == before
    qtmodeltester.check(model)
    session.undo_stack.redo()
    assert dumps_form(session.form) == after


def test_row_counts_before_the_dragged_rows_are_taken_out(session: FormSession) -> None:
    model = IndicatorTreeModel(session)
    quantity = model.index_of(node_id(session, "数量指标"))
    # Row 2 of 数量指标 is below 培训班期数: Qt counts it with 康复训练人数 still in place.
    assert model.dropMimeData(drag(model, "康复训练人数"), MOVE, 2, 0, quantity)
    assert names_under(session, "数量指标") == ["培训班期数", "康复训练人数"]


def test_several_rows_keep_their_order_where_they_land(session: FormSession) -> None:
    model = IndicatorTreeModel(session)
    timely = model.index_of(node_id(session, "时效指标"))
    assert model.dropMimeData(drag(model, "康复训练人数", "培训班期数"), MOVE, 0, 0, timely)
    assert names_under(session, "时效指标") == ["康复训练人数", "培训班期数", "完成时间"]
    assert names_under(session, "数量指标") == []
    session.undo_stack.undo()  # one step for the whole drop
    assert names_under(session, "数量指标") == ["康复训练人数", "培训班期数"]


def test_a_group_dropped_one_level_too_deep_changes_nothing_and_says_why(session: FormSession) -> None:
    model = IndicatorTreeModel(session)
    before, steps = dumps_form(session.form), session.undo_stack.count()
    errors: list[str] = []
    session.error.connect(errors.append)
    timely = model.index_of(node_id(session, "时效指标"))  # a 二级 group: its children are 三级
    assert not model.dropMimeData(drag(model, "数量指标"), MOVE, -1, -1, timely)
    assert dumps_form(session.form) == before and session.undo_stack.count() == steps
    assert errors and "三级" in errors[-1] and "数量指标" in errors[-1]


def test_leaves_take_no_drops_and_a_drop_on_one_is_refused(session: FormSession) -> None:
    model = IndicatorTreeModel(session)
    leaf = model.index_of(node_id(session, "完成时间"))
    assert not model.flags(leaf) & Qt.ItemFlag.ItemIsDropEnabled
    assert model.flags(leaf) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.flags(model.index_of(node_id(session, "时效指标"))) & Qt.ItemFlag.ItemIsDropEnabled
    before = dumps_form(session.form)
    errors: list[str] = []
    session.error.connect(errors.append)
    assert not model.dropMimeData(drag(model, "康复训练人数"), MOVE, -1, -1, leaf)
    assert dumps_form(session.form) == before
    assert errors and "不能再添加下级" in errors[-1]


def test_indicators_cannot_be_dropped_at_the_top_level(session: FormSession) -> None:
    model = IndicatorTreeModel(session)
    before = dumps_form(session.form)
    errors: list[str] = []
    session.error.connect(errors.append)
    assert not model.dropMimeData(drag(model, "产出指标"), MOVE, 0, 0, QModelIndex())
    assert dumps_form(session.form) == before and "目标" in errors[-1]


def test_a_group_cannot_go_into_its_own_child(session: FormSession) -> None:
    model = IndicatorTreeModel(session)
    before = dumps_form(session.form)
    errors: list[str] = []
    session.error.connect(errors.append)
    inner = model.index_of(node_id(session, "数量指标"))
    assert not model.dropMimeData(drag(model, "产出指标"), MOVE, -1, -1, inner)
    assert dumps_form(session.form) == before and errors


def test_goals_are_reordered_at_the_top(qtmodeltester, session: FormSession) -> None:  # type: ignore[no-untyped-def]
    model = IndicatorTreeModel(session)
    second = session.add_goal("目标2")
    data = model.mimeData([model.index_of(second)])
    assert model.dropMimeData(data, MOVE, 0, 0, QModelIndex())
    assert [g.title for g in session.form.goals] == ["目标2", "年度总体目标"]
    qtmodeltester.check(model)


def test_rows_of_another_form_are_not_accepted(session: FormSession, memory_store: Store) -> None:
    model = IndicatorTreeModel(session)
    other = IndicatorTreeModel(open_session(memory_store, Form(kind="project_self_eval", year=2024)))
    data = drag(model, "完成时间")
    assert model.mimeTypes() == [NODE_IDS_MIME] and data.hasFormat(NODE_IDS_MIME)
    assert model.canDropMimeData(data, MOVE, -1, -1, model.index_of(node_id(session, "数量指标")))
    assert not other.canDropMimeData(data, MOVE, -1, -1, QModelIndex())
    assert not other.dropMimeData(data, MOVE, -1, -1, QModelIndex())


def test_the_view_drags_internally(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    from ui.tree_view import IndicatorTreeView
    view = IndicatorTreeView(open_session(memory_store))
    qtbot.addWidget(view)
    assert view.dragDropMode() == view.DragDropMode.InternalMove
    assert view.showDropIndicator() and view.dragEnabled()
    assert view.tree_model.supportedDropActions() == MOVE
