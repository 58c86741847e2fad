"""Type-ahead from the indicator library in the 三级指标 name cell (ui/library_completer.py)."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.ui.helpers import leaf_named
from ui.library_completer import LibraryCompleter
from ui.services.library import leaf_place
from ui.tree_view import IndicatorTreeView

# The offscreen platform cannot raise the popup or grab the keyboard for it; nothing about our code.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise",
                                                         "does not support grabbing")]


def _type(editor: QLineEdit, text: str) -> None:
    # What an input method sends (key clicks with Chinese text abort Qt, pitfalls.md).
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(editor, event)


def _open_name_editor(view: IndicatorTreeView, leaf_id: int) -> tuple[QLineEdit, LibraryCompleter]:
    view.select_cell(leaf_id, "name")
    view.setFocus()
    view.edit(view.currentIndex())
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit)
    completer = editor.findChild(LibraryCompleter)
    assert completer is not None
    editor.clear()
    return editor, completer


def test_typing_lists_library_matches_and_choosing_one_fills_the_row(view: IndicatorTreeView, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = view.session
    leaf = leaf_named(session, "培训班期数")  # under 产出指标 / 数量指标, target "2期"
    editor, completer = _open_name_editor(view, leaf.id)
    _type(editor, "康复服务率")
    shown = completer.shown
    assert shown and shown[0].name == "残疾人康复服务率"
    popup = completer.popup()
    assert popup is not None and popup.isVisible() and popup.model().rowCount() == len(shown)
    before = session.undo_stack.count()
    completer.choose(0)  # what a click or Enter on the first line does
    qtbot.waitUntil(lambda: leaf.name == "残疾人康复服务率")
    assert leaf.description == shown[0].explanation
    assert leaf.target == "2期"  # what was written stays
    assert leaf_place(session.form, leaf.id)[1] == ("产出指标", "质量指标")  # moved to its category
    assert session.undo_stack.count() == before + 1
    qtbot.waitUntil(lambda: view.current_id() == leaf.id)  # the cursor followed the moved row
    assert view.tree_model.columns[view.currentIndex().column()].field == "target"
    session.undo_stack.undo()
    assert leaf.name == "培训班期数" and leaf_place(session.form, leaf.id)[1] == ("产出指标", "数量指标")


def test_a_name_typed_without_choosing_is_kept_as_typed(view: IndicatorTreeView, qtbot) -> None:  # type: ignore[no-untyped-def]
    leaf = leaf_named(view.session, "培训班期数")
    editor, completer = _open_name_editor(view, leaf.id)
    _type(editor, "康复")
    assert completer.shown
    editor.setText("自拟指标")
    view.commit_open_editor()
    qtbot.waitUntil(lambda: leaf.name == "自拟指标")
    assert leaf.description is None


def test_group_rows_get_the_standard_names_not_the_library(view: IndicatorTreeView) -> None:
    group = view.session.form.goals[0].indicators[0]
    view.select_cell(group.id, "name")
    view.setFocus()
    view.edit(view.currentIndex())
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert editor.findChild(LibraryCompleter) is None and editor.completer() is not None


def test_down_and_enter_in_the_popup_choose_by_keyboard(view: IndicatorTreeView, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    leaf = leaf_named(view.session, "康复训练人数")
    editor, completer = _open_name_editor(view, leaf.id)
    _type(editor, "托养人数")
    wanted = completer.shown[0]
    popup = completer.popup()
    assert popup is not None
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: leaf.name == wanted.name)
    assert leaf.description == wanted.explanation
