"""IndicatorTreeView: spreadsheet keys, editing through delegates, copy/paste, selecting cells."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from model.form import Group
from model.store import Store
from tests.ui.helpers import col, leaf_named, open_session
from ui.tree_view import IndicatorTreeView


def test_typing_starts_an_editor_and_enter_commits_and_moves_down(view: IndicatorTreeView, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = view.session
    leaf = leaf_named(session, "康复训练人数")
    view.select_cell(leaf.id, "actual")
    qtbot.keyClick(view, Qt.Key.Key_9)  # typing opens the editor with what was typed
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "9"
    editor.setText("90人")  # non-ASCII text cannot be sent as key clicks offscreen
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: leaf.actual == "90人")
    assert session.result.node(leaf.id).score == Decimal("18.00")
    assert view.tree_model.index_of(leaf.id, col(view, "得分")).data() == "18.00"
    below = leaf_named(session, "培训班期数")
    assert view.current_id() == below.id and view.currentIndex().column() == col(view, "实际完成值")


def test_select_cell_selects_the_cell_a_finding_is_about(view: IndicatorTreeView) -> None:
    finding = next(f for f in view.session.result.findings if f.code == "REASON_MISSING")
    view.collapseAll()
    view.select_cell(finding.node_id or 0, finding.field)
    current = view.currentIndex()
    assert view.current_id() == finding.node_id and current.column() == col(view, "偏差原因分析及改进措施")
    assert view.isExpanded(current.parent())


def test_delete_key_clears_the_selected_cells_in_one_step(view: IndicatorTreeView, qtbot) -> None:  # type: ignore[no-untyped-def]
    leaf = leaf_named(view.session, "培训班期数")
    view.select_cell(leaf.id, "actual")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert leaf.actual is None and leaf.name == "培训班期数"
    view.session.undo_stack.undo()
    assert leaf.actual == "2期"


def test_ctrl_v_of_three_excel_rows_creates_three_leaves(view: IndicatorTreeView, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = view.session
    quantity = session.form.goals[0].indicators[0].children[0]
    view.select_cell(leaf_named(session, "培训班期数").id)
    QGuiApplication.clipboard().setText("甲\t1次\t1次\t2\r\n乙\t2次\t2次\t2\r\n丙\t3次\t1次\t2\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [c.name for c in quantity.children] == ["康复训练人数", "培训班期数", "甲", "乙", "丙"]
    assert view.tree_model.rowCount(view.tree_model.index_of(quantity.id)) == 5
    assert session.undo_stack.count() == 1


def test_ctrl_c_copies_cells_as_tab_separated_rows(view: IndicatorTreeView, qtbot) -> None:  # type: ignore[no-untyped-def]
    leaf = leaf_named(view.session, "康复训练人数")
    view.select_cell(leaf.id, "target")
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "≥100人\r\n2期\r\n"


def test_one_pasted_column_fills_cells_downwards(view: IndicatorTreeView, qtbot) -> None:  # type: ignore[no-untyped-def]
    first = leaf_named(view.session, "康复训练人数")
    view.select_cell(first.id, "actual")
    QGuiApplication.clipboard().setText("100人\r\n1期\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert (first.actual, leaf_named(view.session, "培训班期数").actual) == ("100人", "1期")
    assert view.session.undo_stack.count() == 1


def test_alt_arrows_indent_and_outdent_the_current_row(view: IndicatorTreeView, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = view.session
    goal = session.form.goals[0]
    new = session.add_node(goal.id, 1, name="新指标")
    view.select_cell(new)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    output = goal.indicators[0]
    assert isinstance(output, Group) and output.children[-1].id == new
    assert view.current_id() == new
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert goal.indicators[1].id == new


def test_insert_key_adds_a_row_below_and_opens_its_editor(view: IndicatorTreeView, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = view.session
    quantity = session.form.goals[0].indicators[0].children[0]
    view.select_cell(quantity.children[0].id)
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    assert len(quantity.children) == 3 and quantity.children[1].name == ""
    assert view.current_id() == quantity.children[1].id
    assert view.state() == view.State.EditingState


def test_tab_commits_and_goes_right_across_the_row_then_to_the_next_row(view: IndicatorTreeView, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A clerk types a row left to right; QTreeView's own Tab went down to the next row instead."""
    session = view.session
    first, second = leaf_named(session, "康复训练人数"), leaf_named(session, "培训班期数")
    view.select_cell(first.id, "actual")
    qtbot.keyClick(view, Qt.Key.Key_9)
    editor = view.focusWidget()
    editor.setText("90人")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: first.actual == "90人")
    assert view.current_id() == first.id and view.currentIndex().column() == col(view, "分值")
    # From 分值, Tab goes to 得分 (typing there makes a manual score), then to 偏差原因.
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: view.currentIndex().column() == col(view, "得分"))
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: view.currentIndex().column() == col(view, "偏差原因分析及改进措施"))
    assert first.score is None  # passing through 得分 without typing leaves it computed
    assert view.current_id() == first.id
    # From the last editable cell of the row (评分方式 is left out), Tab goes to the next row's first cell.
    view.select_cell(first.id, "reason")
    assert view.moveCursor(view.CursorAction.MoveNext, Qt.KeyboardModifier.NoModifier) == \
        view.tree_model.index_of(second.id, 0)
    # Shift+Tab goes back along the row.
    view.select_cell(second.id, "target")
    assert view.moveCursor(view.CursorAction.MovePrevious, Qt.KeyboardModifier.NoModifier) == \
        view.tree_model.index_of(second.id, 0)


def test_tab_in_a_multiline_cell_goes_on_along_the_row_not_out_of_the_tree(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    """Walk-through: Tab in 偏差原因 / 绩效指标描述 (a text edit) moved the keyboard focus out of the tree
    to the next widget (the 资金支出计划 table), so the next value was typed into the wrong place."""
    from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    elsewhere = QLineEdit(window)  # what the focus escaped to
    view = IndicatorTreeView(open_session(memory_store), window)
    layout = QVBoxLayout(window)
    layout.addWidget(elsewhere)
    layout.addWidget(view)
    window.resize(1000, 500)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    leaf = leaf_named(view.session, "康复训练人数")
    reason = col(view, "偏差原因分析及改进措施")
    view.select_cell(leaf.id, "reason")
    view.setFocus()
    view.edit(view.currentIndex())
    editor = view.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    editor.setPlainText("年底集中开展")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: leaf.reason == "年底集中开展")
    assert not elsewhere.hasFocus()
    # 评分方式 is left out of Tab: on to the next indicator row's name.
    assert view.current_id() != leaf.id and view.currentIndex().column() == 0
    assert view.state() == view.State.EditingState  # the next cell is open for typing, as from a line edit
    # Shift+Tab from there comes back to the reason, still inside the tree.
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: view.currentIndex().column() == reason)
    assert not elsewhere.hasFocus()


def test_typing_into_a_multiline_cell_replaces_its_text_as_in_the_other_cells(view: IndicatorTreeView, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Walk-through: Tab (or a keystroke) into 绩效指标描述 appended the new text to the old one."""
    from PySide6.QtWidgets import QPlainTextEdit

    leaf = leaf_named(view.session, "康复训练人数")
    leaf.reason = "旧的原因"
    view.select_cell(leaf.id, "reason")
    qtbot.keyClick(view, Qt.Key.Key_X)  # a keystroke opens the editor with it
    editor = view.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    assert editor.toPlainText() == "x"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: leaf.reason == "x")
