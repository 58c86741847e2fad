"""FormEditor: the editors composed per kind, the detail panel following the tree, findings to cells."""
from __future__ import annotations

from model.codec import load_form
from model.store import Store
from model.form import Leaf
from model.tree import leaves, walk
from resources import samples_dir
from tests.ui.helpers import open_session
from ui.form_editor import FormEditor


def _editor(qtbot, store: Store, sample: str) -> FormEditor:  # type: ignore[no-untyped-def]
    editor = FormEditor(open_session(store, load_form(samples_dir() / sample)))
    qtbot.addWidget(editor)
    return editor


def test_each_kind_gets_its_editors(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    parts = ("funds_editor", "plan_editor", "basic_data_editor", "goal_bar", "tree_view", "leaf_detail")
    expected = {"04-seed002_p2.json": {"funds_editor", "plan_editor", "tree_view"},
                "05-seed003_basic.json": {"basic_data_editor"},
                "03-seed001_dept.json": {"funds_editor", "goal_bar", "tree_view", "leaf_detail"},
                "08-seed004_eval.json": {"funds_editor", "tree_view", "leaf_detail"},
                "01-seed000_t1.json": {"funds_editor", "tree_view", "leaf_detail"}}
    for sample, wanted in expected.items():
        editor = _editor(qtbot, memory_store, sample)
        assert {p for p in parts if getattr(editor, p) is not None} == wanted, sample
        editor.close_session()


def test_detail_follows_the_tree_and_a_checklist_finding_opens_its_tab(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, memory_store, "08-seed004_eval.json")
    leaf = next(leaf for leaf in leaves(editor.session.form) if leaf.code == "B21")
    editor.tree_view.select_cell(leaf.id)
    assert editor.leaf_detail.leaf_id == leaf.id and editor.leaf_detail.checklist.rowCount() == 2
    assert editor.select_finding(leaf.id, "checklist", ())
    assert editor.leaf_detail.tabs.currentIndex() == 2


def test_goal_tabs_follow_the_tree_without_moving_it(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, memory_store, "03-seed001_dept.json")
    goals = editor.session.form.goals
    leaf = next(n for g, n, _d, _p in walk(editor.session.form) if g is goals[2] and isinstance(n, Leaf))
    editor.tree_view.select_cell(leaf.id)
    assert editor.goal_bar.current_goal_id() == goals[2].id and editor.tree_view.current_id() == leaf.id
    assert editor.header_editor.goal_choice.currentIndex() == 2
    editor.goal_bar.tabs.setCurrentIndex(4)  # choosing a tab shows that goal's row
    assert editor.tree_view.current_id() == goals[4].id


def test_plan_and_basic_data_findings_select_their_cells(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    plan = _editor(qtbot, memory_store, "04-seed002_p2.json")
    assert plan.select_finding(None, "percent", ("spending_plan", "10月底"))
    assert plan.plan_editor.table.currentColumn() == 2
    basic = _editor(qtbot, memory_store, "05-seed003_basic.json")
    path = ("basic_data", "楼堂馆所控制情况(2023年完工项目)", "楼堂馆所")
    assert basic.select_finding(None, "投资概算控制率", path)
    assert basic.basic_data_editor.tables[2].currentColumn() == 5
