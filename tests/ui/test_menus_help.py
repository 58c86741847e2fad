"""Keyboard: every menu command has a shortcut shown in its menu, the tool bar's tooltips name the
shortcut, the tree's context menu keys work; 帮助 → 使用说明 / 关于."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QMenu, QToolBar

from installer.build import app_files
from model.form import Group, Leaf
from model.store import Store
from model.version import VERSION
from tests.ui.helpers import leaf_named, open_session
from ui import help_dialog
from ui.main_window import MainWindow
from ui.tree_view import IndicatorTreeView

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")]


@pytest.fixture
def window(sample_window: MainWindow) -> MainWindow:
    """The sample form open in the window (tests/ui/conftest.py)."""
    return sample_window


NATIVE = QKeySequence.SequenceFormat.NativeText


def _menu_actions(window: MainWindow) -> dict[str, list[QAction]]:
    menus: dict[str, list[QAction]] = {}
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        menus[top.text()] = [a for a in menu.actions() if not a.isSeparator()]
    return menus


def test_every_menu_command_has_its_own_shortcut(window: MainWindow) -> None:
    menus = _menu_actions(window)
    assert set(menus) == {"文件(&F)", "编辑(&E)", "指标(&I)", "审核(&A)", "帮助(&H)"}
    keys = {}
    for actions in menus.values():
        for action in actions:
            key = action.shortcut().toString()
            assert key, f"“{action.text()}” has no shortcut"
            assert key not in keys, f"“{action.text()}” and “{keys[key]}” share {key}"
            keys[key] = action.text()
    # Shortcuts that differ by platform are spelled out (Quit has none on Windows).
    assert keys["Ctrl+Q"] == "退出" and keys["Ctrl+Z"].startswith("撤销") and keys["Ctrl+Y"].startswith("重做")


def test_tool_bar_tooltips_name_the_shortcut(window: MainWindow) -> None:
    [toolbar] = window.findChildren(QToolBar)
    actions = toolbar.actions()
    assert len(actions) == 5
    for action in actions:
        key = action.shortcut().toString(NATIVE)
        assert key and f"（{key}）" in action.toolTip()
    assert window.new_action.toolTip().startswith("新建表格（")
    assert window.undo_action.toolTip() == f"撤销（{window.undo_action.shortcut().toString(NATIVE)}）"


def test_help_menu_opens_the_guide_and_the_about_box(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    help_actions = [a.text() for a in _menu_actions(window)["帮助(&H)"]]
    assert help_actions == ["使用说明", "关于"]
    window.guide_action.trigger()
    guide = window._guide
    assert guide is not None and guide.isVisible()
    text = guide.browser.toPlainText()
    assert "使用说明" in text and "Ctrl+N" in text and "说明（差异原因）" in text
    window.guide_action.trigger()
    assert window._guide is guide  # one window, raised again
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr("ui.messages.show_info", lambda _parent, text, title="": shown.append((title, text)))
    window.about_action.trigger()
    assert shown and shown[0][0] == "关于" and VERSION in shown[0][1]


def test_the_guide_ships_with_the_program(tmp_path: Path) -> None:
    assert help_dialog.GUIDE.is_file()
    assert "resources/help/guide.md" in app_files()
    missing = help_dialog.guide_text(tmp_path / "none.md")
    assert "找不到使用说明文件" in missing and "重新安装" in missing


def test_guide_lists_the_menu_shortcuts(window: MainWindow) -> None:
    guide = help_dialog.guide_text()
    for actions in _menu_actions(window).values():
        for action in actions:
            assert action.shortcut().toString() in guide, action.text()


def _close_editor(view: IndicatorTreeView) -> None:
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None
    view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)


def test_tree_context_menu_entries_have_shortcuts_that_work(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = open_session(memory_store)
    view = IndicatorTreeView(session)
    qtbot.addWidget(view)
    leaf = leaf_named(session, "康复训练人数")
    view.select_cell(leaf.id, "name")
    entries = [a for a in view.context_menu().actions() if not a.isSeparator()]
    assert "手动填写得分" in [a.text() for a in entries]
    for action in entries:
        assert action.shortcut().toString(), f"“{action.text()}” has no shortcut"

    top = session.form.goals[0].indicators[0]  # 一级 产出指标
    second = next(g for g in top.children if isinstance(g, Group) and leaf in g.children)
    qtbot.keyClick(view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert leaf.score is not None  # manual score switched on
    qtbot.keyClick(view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert leaf.score is None
    leaves_before, groups_before = len(second.children), len(top.children)
    view.select_cell(second.id, "name")
    qtbot.keyClick(view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # a row under the 二级
    assert len(second.children) == leaves_before + 1 and isinstance(second.children[-1], Leaf)
    _close_editor(view)  # the new row opened its name for typing
    view.select_cell(second.id, "name")
    qtbot.keyClick(view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)  # a 二级 below it
    assert len(top.children) == groups_before + 1
    assert isinstance(top.children[top.children.index(second) + 1], Group)
    _close_editor(view)
    view.select_cell(top.id, "name")
    qtbot.keyClick(view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(top.children) == groups_before + 2 and isinstance(top.children[-1], Group)
