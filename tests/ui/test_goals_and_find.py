"""Issue #15 point 14: the chosen goal at the top of the tree, its words in the tab, Ctrl+F in the editor."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from model.codec import load_form
from model.store import Store
from model.tree import find_nodes, leaves
from resources import samples_dir
from tests.conftest import make_sample_form
from tests.ui.helpers import open_session
from ui.form_editor import FormEditor
from ui.main_window import MainWindow
from ui.settings import UiSettings

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def test_choosing_a_goal_puts_its_heading_at_the_top_and_tabs_carry_its_words(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    editor = FormEditor(open_session(memory_store, load_form(samples_dir() / "03-seed001_dept.json")))
    qtbot.addWidget(editor)
    editor.resize(900, 600)
    editor.show()
    qtbot.wait(20)
    bar, tree = editor.goal_bar, editor.tree_view
    assert bar is not None and tree is not None
    goals = editor.session.form.goals
    for n in (6, 11):
        bar.tabs.setCurrentIndex(n)
        qtbot.wait(10)
        index = tree.tree_model.index_of(goals[n].id)
        assert tree.visualRect(index).top() <= 2, n  # the goal's row is the first row shown
        assert tree.indexAt(tree.viewport().rect().topLeft()) == index
    first_leaf = next(leaf.name for leaf in leaves(editor.session.form) if leaf.name)
    assert first_leaf[:6] in bar.tabs.tabText(0) and first_leaf in bar.tabs.tabToolTip(0)


def test_find_nodes_matches_every_word_ignoring_width_and_case() -> None:
    form = make_sample_form()
    ids = {leaf.name: leaf.id for leaf in leaves(form)}
    assert find_nodes(form, "培训") == [ids["培训班期数"]]
    assert find_nodes(form, "康复 人数") == [ids["康复训练人数"]]
    assert find_nodes(form, "  ") == [] and find_nodes(form, "不存在") == []


def test_ctrl_f_in_the_editor_finds_an_indicator_elsewhere_a_form(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(tmp_path / "data")
    form_id = store.add(load_form(samples_dir() / "01-seed000_t1.json"))
    window = MainWindow(store, UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.open_form(form_id)
    editor = window.editor
    assert editor is not None and editor.tree_view is not None and editor.find_bar is not None
    editor.tree_view.setFocus()
    qtbot.waitUntil(editor.tree_view.hasFocus)
    window.find_action.trigger()
    assert editor.find_bar.isVisible() and editor.find_bar.edit.hasFocus()
    editor.find_bar.edit.setText("满意")
    found = editor.session.item(editor.tree_view.current_id())  # type: ignore[arg-type]
    assert "满意" in found.name and "第 1 /" in editor.find_bar.count.text()
    qtbot.keyClick(editor.find_bar.edit, Qt.Key.Key_Escape)
    assert not editor.find_bar.isVisible() and editor.tree_view.hasFocus()
    # From the navigator, Ctrl+F still searches the forms.
    window.navigator.view.setFocus()
    window.find_action.trigger()
    assert window.navigator.search.hasFocus()
    window.close()
    store.close()
