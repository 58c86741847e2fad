"""Issue #15 points 2, 9 and 12: typing a score, symbols through an input method, Enter/Tab and
typing on rows that cannot take it."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from model.form import Leaf
from tests.ui.helpers import col, leaf_named
from ui.tree_view import IndicatorTreeView

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def _type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """A key event carrying non-ASCII text (qtbot.keyClicks aborts on it, see pitfalls.md)."""
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, text))


def test_typing_into_a_computed_score_cell_makes_it_manual_and_delete_goes_back(view: IndicatorTreeView, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = view.session
    leaf = leaf_named(session, "康复训练人数")
    view.select_cell(leaf.id, "score")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_5)  # typing opens the editor, as on every other cell
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.setText("5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: leaf.score == 5)
    assert session.result.node(leaf.id).score == Decimal("5.00")
    assert view.tree_model.index_of(leaf.id, col(view, "得分")).data() == "5.00（算16）"
    # Delete on the cell: one key back to the computed score.
    view.select_cell(leaf.id, "score")
    view.selectionModel().select(view.currentIndex(), view.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert leaf.score is None and session.result.node(leaf.id).score == Decimal("16.00")


def test_enter_goes_down_to_the_next_indicator_row_never_a_group_row(view: IndicatorTreeView, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = view.session
    second, timing = leaf_named(session, "培训班期数"), leaf_named(session, "完成时间")
    view.select_cell(second.id, "actual")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    # 时效指标 (a group row) lies between them: Enter skips it.
    assert view.current_id() == timing.id and view.currentIndex().column() == col(view, "实际完成值")
    # Tab from the last cell of a row also skips the group rows in between.
    view.select_cell(second.id, "reason")
    assert view.moveCursor(view.CursorAction.MoveNext, Qt.KeyboardModifier.NoModifier) == \
        view.tree_model.index_of(timing.id, 0)


def test_typing_on_a_group_row_never_edits_another_row(view: IndicatorTreeView, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = view.session
    group = session.form.goals[0].indicators[0].children[1]  # 时效指标
    view.select_cell(group.id, "actual")  # a group has no 实际完成值
    view.setFocus()
    before = [(leaf.name, leaf.actual, leaf.target) for leaf in session.form.goals[0].indicators[0].children[0].children]
    errors: list[str] = []
    session.error.connect(errors.append)
    for text in ("康", "8", "2", "户"):  # 康 starts 康复训练人数: Qt's keyboard search jumped there
        _type_text(view, text)
    assert view.current_id() == group.id and view.state() != view.State.EditingState
    assert [(leaf.name, leaf.actual, leaf.target)
            for leaf in session.form.goals[0].indicators[0].children[0].children] == before
    assert errors and "不能填写" in errors[0]


SEED_SYMBOLS = "≥≤＞＜％～、"


@pytest.mark.parametrize("symbol", list(SEED_SYMBOLS))
def test_every_seed_symbol_arrives_intact_through_an_input_method(view: IndicatorTreeView, qtbot, symbol: str) -> None:  # type: ignore[no-untyped-def]
    """Point 9: what an IME commits (a QInputMethodEvent) into an open cell editor is stored as typed."""
    session = view.session
    leaf = leaf_named(session, "培训班期数")
    view.select_cell(leaf.id, "target")
    view.setFocus()
    view.edit(view.currentIndex())
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.clear()
    for piece in (symbol, "90", "％" if symbol != "％" else "人"):
        event = QInputMethodEvent()
        event.setCommitString(piece)
        QApplication.sendEvent(editor, event)
    expected = symbol + "90" + ("％" if symbol != "％" else "人")
    assert editor.text() == expected
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: leaf.target == expected)
    assert isinstance(session.item(leaf.id), Leaf)


@pytest.mark.parametrize("symbol", list(SEED_SYMBOLS))
def test_a_seed_symbol_typed_as_the_first_key_opens_the_cell_with_it(view: IndicatorTreeView, qtbot, symbol: str) -> None:  # type: ignore[no-untyped-def]
    """The first key on a closed cell opens its editor: the symbol it carries must not be dropped."""
    session = view.session
    leaf = leaf_named(session, "培训班期数")
    view.select_cell(leaf.id, "target")
    view.setFocus()
    _type_text(view, symbol)
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == symbol


@pytest.mark.parametrize("symbol", list(SEED_SYMBOLS))
def test_a_seed_symbol_committed_by_an_ime_on_a_closed_cell_opens_it_with_the_symbol(view: IndicatorTreeView, qtbot, symbol: str) -> None:  # type: ignore[no-untyped-def]
    session = view.session
    leaf = leaf_named(session, "培训班期数")
    view.select_cell(leaf.id, "target")
    view.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(symbol + "90")
    QApplication.sendEvent(view, event)
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == symbol + "90"


def test_after_ctrl_delete_the_cursor_is_on_the_row_that_took_the_place(view: IndicatorTreeView, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Walk-through: after deleting a 二级 the cursor sat on the row above, and the next typing
    overwrote the indicator there."""
    session = view.session
    output = session.form.goals[0].indicators[0]
    timing = output.children[1]  # 时效指标, the second 二级 of 产出指标
    view.select_cell(timing.id)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert timing not in output.children
    satisfaction = session.form.goals[0].indicators[1]  # 满意度指标 took its place below
    assert view.current_id() == satisfaction.id
    # Down then goes into that category, not into 数量指标's rows above.
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.current_id() == satisfaction.children[0].id
