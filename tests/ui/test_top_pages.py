"""Issue #15 points 4, 17 and 20: header, goal texts and funds whole on their pages at 1366×768 (and
the other screen sizes), a new form's cursor in its first empty header field, Tab through the pages
into the tree."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWidget

from model.form import Leaf
from model.skeletons import new_form
from model.store import Store
from tests.conftest import make_sample_form
from ui.main_window import MainWindow
from ui.settings import UiSettings

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    store = Store.open(tmp_path / "data")
    win = MainWindow(store, UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    yield win
    win.close()
    store.close()


def _whole(widget: QWidget, page: QWidget) -> bool:
    """Whether a widget lies whole inside a page's visible area."""
    top_left = widget.mapTo(page, widget.rect().topLeft())
    bottom_right = widget.mapTo(page, widget.rect().bottomRight())
    return page.rect().contains(top_left) and page.rect().contains(bottom_right) and widget.isVisible()


@pytest.mark.parametrize("size", [(1024, 700), (1366, 728), (1920, 1040)])
def test_every_funds_row_and_both_goal_texts_show_whole(window: MainWindow, qtbot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    form_id = window.store.add(make_sample_form())
    window.resize(*size)
    window.show()
    window.open_form(form_id)
    qtbot.wait(30)
    editor = window.editor
    assert editor is not None and editor.funds_editor is not None
    tabs = editor.top_tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["表头", "目标", "资金"]
    header_page = tabs.widget(0)
    for edit in editor.header_editor.fields.values():
        assert _whole(edit, header_page)
    tabs.setCurrentIndex(1)
    qtbot.wait(10)
    for box in (editor.header_editor.expected, editor.header_editor.achieved):
        assert _whole(box, tabs.widget(1)) and box.height() >= 50
    tabs.setCurrentIndex(2)
    qtbot.wait(10)
    table = editor.funds_editor.table
    assert _whole(table, tabs.widget(2))
    rows_height = sum(table.rowHeight(r) for r in range(table.rowCount()))
    assert table.viewport().height() >= rows_height  # 年度资金总额 … 其他资金, no inner scrolling
    assert table.verticalScrollBar().maximum() == 0
    # The tree keeps most of the height.
    assert editor.tree_view is not None and editor.tree_view.height() > 150


def test_a_new_form_starts_in_its_first_empty_header_field_and_tab_runs_through_the_pages(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1366, 728)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    form = new_form("project_self_eval", 2020, "central-2020", {"department": "示例县人民政府"})
    window.add_and_open(form)
    editor = window.editor
    assert editor is not None
    fields = editor.header_editor.fields
    first_blank = next(edit for edit in fields.values() if not edit.text())
    qtbot.waitUntil(lambda: first_blank.hasFocus())
    # Tab from the last header field: the goal page, 预期目标; then 实际完成情况; then the funds.
    last = list(fields.values())[-1]
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_Tab)
    assert editor.top_tabs.currentIndex() == 1 and editor.header_editor.expected.hasFocus()
    qtbot.keyClick(editor.header_editor.expected, Qt.Key.Key_Tab)
    assert editor.header_editor.achieved.hasFocus()
    qtbot.keyClick(editor.header_editor.achieved, Qt.Key.Key_Tab)
    table = editor.funds_editor.table  # type: ignore[union-attr]
    assert editor.top_tabs.currentIndex() == 2 and table.hasFocus()
    assert (table.currentRow(), table.currentColumn()) == (0, 0)
    # Tab across the funds cells, then out of the table into the tree's first empty row.
    for _ in range(50):
        if not table.hasFocus():
            break
        qtbot.keyClick(table, Qt.Key.Key_Tab)
    tree = editor.tree_view
    assert tree is not None and tree.hasFocus()
    item = tree.tree_model.item(tree.currentIndex())
    assert isinstance(item, Leaf) and item.name == "" and tree.currentIndex().column() == 0


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1040)])
def test_tree_columns_and_panels_follow_the_window_width(window: MainWindow, qtbot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Point 20: at 1024 nothing needs sideways scrolling; at 1920 the names get the spare room."""
    form_id = window.store.add(make_sample_form())
    window.resize(*size)
    window.show()
    window.open_form(form_id)
    qtbot.wait(30)
    tree = window.editor.tree_view  # type: ignore[union-attr]
    widths = [tree.columnWidth(i) for i in range(tree.tree_model.columnCount())]
    assert sum(widths) <= tree.viewport().width()
    assert sum(widths) >= tree.viewport().width() - 20  # no empty band beside the columns
    name_default = tree.tree_model.columns[0].width
    assert (widths[0] > name_default) == (size[0] > 1366)
    navigator, centre, side = window.splitter.sizes()
    assert navigator >= 200 and side >= 220 and centre > navigator + side - 100
    # The score panel's heading stays whole.
    panel = window.score_panel
    assert panel.total_label.width() >= panel.total_label.fontMetrics().horizontalAdvance("总分 100.00 / 100")
