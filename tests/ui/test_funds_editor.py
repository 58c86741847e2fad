"""FundsEditor: the 说明 (产生差异的原因) column, the finding that asks for it, and the table's keys."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from model.store import Store
from tests.conftest import make_sample_form
from tests.ui.helpers import open_session
from ui.form_editor import FormEditor
from ui.funds_editor import NOTE_COLUMN, FundsEditor
from ui.editing.session import FormSession


def _unexplained_session(store: Store) -> FormSession:
    """The sample (执行率 30 ÷ 40 = 75%) with no 实际完成情况, so the rate needs a note."""
    form = make_sample_form()
    form.goals[0].achieved = None
    return open_session(store, form)


def _reason_missing(session: FormSession) -> list:  # type: ignore[type-arg]
    return [f for f in session.result.findings if f.code == "REASON_MISSING" and f.path[0] == "funds"]


def test_note_is_shown_and_edited_as_a_command(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    form = make_sample_form()
    form.funds.rows[1].note = "财政拨款按进度拨付"
    session = open_session(memory_store, form)
    editor = FundsEditor(session)
    qtbot.addWidget(editor)
    assert editor.table.horizontalHeaderItem(NOTE_COLUMN).text().startswith("说明")
    assert editor.table.item(1, NOTE_COLUMN).text() == "财政拨款按进度拨付"
    assert editor.table.item(0, NOTE_COLUMN).flags() & Qt.ItemFlag.ItemIsEditable
    editor.table.item(0, NOTE_COLUMN).setText("  部分资金年底才到位  ")
    assert session.form.funds.rows[0].note == "部分资金年底才到位"
    session.undo_stack.undo()
    assert session.form.funds.rows[0].note is None and editor.table.item(0, NOTE_COLUMN).text() == ""


def test_reason_missing_selects_the_note_and_a_note_clears_it(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = _unexplained_session(memory_store)
    editor = FormEditor(session)
    qtbot.addWidget(editor)
    editor.resize(1000, 700)
    editor.show()
    [finding] = _reason_missing(session)
    assert finding.field == "note"
    assert editor.select_finding(finding.node_id, finding.field, finding.path)
    table = editor.funds_editor.table  # type: ignore[union-attr]
    assert (table.currentRow(), table.currentColumn()) == (0, NOTE_COLUMN)
    # The funds have a page of their own: the finding turns to it and the cell is in view.
    assert editor.top_tabs.tabText(editor.top_tabs.currentIndex()) == "资金"
    cell = table.visualItemRect(table.currentItem())
    assert table.isVisible() and table.viewport().rect().contains(cell)
    table.currentItem().setText("部分资金年底才到位，结转下年使用")
    assert not _reason_missing(session)


def test_enter_commits_and_moves_down(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = open_session(memory_store)
    editor = FundsEditor(session)
    qtbot.addWidget(editor)
    editor.show()
    table = editor.table
    table.setFocus()
    table.setCurrentCell(1, 2)
    qtbot.keyClick(table, Qt.Key.Key_3)  # typing starts the editor with the key
    line = table.findChild(QLineEdit)
    assert line is not None and line.isVisible()
    qtbot.keyClicks(line, "5")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.form.funds.rows[1].executed == 35)
    assert (table.currentRow(), table.currentColumn()) == (2, 2)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # not editing: Enter moves down as well
    assert (table.currentRow(), table.currentColumn()) == (3, 2)


def test_tab_moves_across_skipping_the_computed_cells(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = open_session(memory_store)
    editor = FundsEditor(session)
    qtbot.addWidget(editor)
    editor.show()
    table = editor.table
    table.setFocus()
    table.setCurrentCell(0, 2)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert (table.currentRow(), table.currentColumn()) == (0, NOTE_COLUMN)  # 分值/执行率/得分 skipped
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert (table.currentRow(), table.currentColumn()) == (1, 0)
    qtbot.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert (table.currentRow(), table.currentColumn()) == (0, NOTE_COLUMN)


def test_target_form_shows_one_amount_column_in_its_unit(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    """Walk-through: a 项目绩效目标表 showed 年初/执行数, 分值, 执行率 and 得分, none of which it has,
    and no unit (target forms are usually in 元). Only the declared amount is shown, named with its unit."""
    form = make_sample_form()
    form.kind, form.money_unit = "project_target", "元"
    session = open_session(memory_store, form)
    editor = FundsEditor(session)
    qtbot.addWidget(editor)
    editor.show()
    table = editor.table
    shown = [c for c in range(table.columnCount()) if not table.isColumnHidden(c)]
    assert shown == [1]
    assert table.horizontalHeaderItem(1).text() == "年度金额（元）"
    table.setFocus()
    table.setCurrentCell(0, 1)
    qtbot.keyClick(table, Qt.Key.Key_Tab)  # the hidden note is skipped: on to the next row's amount
    assert (table.currentRow(), table.currentColumn()) == (1, 1)
    table.item(1, 1).setText("120000")
    assert session.form.funds.rows[1].annual == 120000


def test_self_evaluation_keeps_every_column_and_names_the_unit(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = open_session(memory_store)
    editor = FundsEditor(session)
    qtbot.addWidget(editor)
    table = editor.table
    assert not any(table.isColumnHidden(c) for c in range(table.columnCount()))
    assert table.horizontalHeaderItem(0).toolTip() == "年初预算数，单位：万元"


def test_an_amount_being_typed_is_confirmed_when_the_keyboard_goes_elsewhere(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    """Walk-through (X11): a click into the indicator tree left 1.8 in the open funds cell, never saved."""
    from PySide6.QtWidgets import QApplication, QLineEdit

    session = open_session(memory_store)
    session.form.funds.rows[1].executed = None
    editor = FundsEditor(session)
    qtbot.addWidget(editor)
    elsewhere = QLineEdit()
    qtbot.addWidget(elsewhere)
    editor.show()
    table = editor.table
    table.setCurrentCell(1, 2)
    table.editItem(table.item(1, 2))
    cell_editor = table.indexWidget(table.model().index(1, 2))
    assert isinstance(cell_editor, QLineEdit)
    cell_editor.setText("1.8")
    # What Qt reports when the focus moves to another widget (the delegate's own focus-out commit
    # did not run under X11).
    QApplication.instance().focusChanged.emit(cell_editor, elsewhere)
    assert session.form.funds.rows[1].executed == 1.8
    assert table.state() != table.State.EditingState
    editor.detach()
