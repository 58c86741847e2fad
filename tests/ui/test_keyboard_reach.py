"""Issue #15 point 17: every region reachable by keys (F6 / Shift+F6), the focus always visible."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from model.codec import load_form
from model.store import Store
from resources import samples_dir
from ui.main_window import FOCUS_STYLE, MainWindow
from ui.settings import UiSettings

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def test_f6_reaches_every_region_and_comes_round(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(tmp_path / "data")
    form_id = store.add(load_form(samples_dir() / "01-seed000_t1.json"))
    window = MainWindow(store, UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.open_form(form_id)
    editor = window.editor
    assert editor is not None and editor.tree_view is not None and editor.leaf_detail is not None
    from model.tree import leaves

    editor.tree_view.select_cell(next(leaves(editor.session.form)).id)  # an indicator: the detail has fields
    window.navigator.view.setFocus()
    qtbot.waitUntil(window.navigator.view.hasFocus)
    reached = []
    for _ in range(len(window.panes())):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        focus = QApplication.focusWidget()
        reached.append(next(i for i, pane in enumerate(window.panes()) if pane is focus or pane.isAncestorOf(focus)))
    assert reached == [1, 2, 3, 4, 0]  # header page, tree, detail pane, side panel, back to the list
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.side_tabs.currentWidget().isAncestorOf(QApplication.focusWidget()) or \
        window.side_tabs.currentWidget() is QApplication.focusWidget()
    # The focus frame is drawn for lists and tables.
    assert "QAbstractItemView:focus" in window.styleSheet() and FOCUS_STYLE == window.styleSheet()
    window.close()
    store.close()
