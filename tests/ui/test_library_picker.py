"""指标 → 从指标库添加… and 加入指标库 (ui/library_picker.py)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from model.library import builtin_entries, user_entries
from model.store import Store
from model.tree import leaves
from tests.ui.helpers import leaf_named, open_session
from ui.library_picker import ALL, LibraryPicker
from ui.main_window import MainWindow
from ui.services.library import leaf_place
from ui.tree_view import IndicatorTreeView

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")]


def test_picker_searches_filters_and_keeps_ticks(qtbot) -> None:  # type: ignore[no-untyped-def]
    picker = LibraryPicker(builtin_entries(), "年度总体目标")
    qtbot.addWidget(picker)
    assert picker.list.count() == len(builtin_entries()) and not picker.ok.isEnabled()
    picker.query.setText("托养")
    names = [picker.list.item(r).text() for r in range(picker.list.count())]
    assert names and len(names) < len(builtin_entries()) and "托养" in names[0]
    picker.set_checked(["寄宿制托养人数"])
    assert picker.ok.isEnabled() and "1 项" in picker.ok.text()
    picker.query.setText("满意度")
    picker.category.setCurrentText("满意度指标")
    shown = [picker.list.item(r) for r in range(picker.list.count())]
    assert shown and all("满意度指标 / 服务对象满意度指标" in item.text() for item in shown)
    picker.set_checked(["两项补贴对象满意度"])
    picker.query.setText("")
    picker.category.setCurrentText(ALL)
    ticked = [picker.list.item(r) for r in range(picker.list.count())
              if picker.list.item(r).checkState() == Qt.CheckState.Checked]
    assert len(ticked) == 2  # ticks survive a new search
    assert [e.name for e in picker.chosen()] == ["寄宿制托养人数", "两项补贴对象满意度"]
    picker.query.setText("没有这种指标")
    assert picker.list.count() == 0 and "没有找到" in picker.detail.text()


def test_menu_action_inserts_the_ticked_entries_in_one_undo_step(sample_window: MainWindow,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def accept(dialog: LibraryPicker) -> int:
        dialog.set_checked(["职业培训人数", "受助对象满意度"])
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(LibraryPicker, "exec", accept)
    menus = {a.text(): a for a in sample_window.menuBar().actions()}
    assert sample_window.library_action in menus["指标(&I)"].menu().actions()  # type: ignore[attr-defined]
    session = sample_window.session
    assert session is not None
    before = session.undo_stack.count()
    sample_window.library_action.trigger()
    added = {leaf.name: leaf_place(session.form, leaf.id)[1] for leaf in leaves(session.form)}
    assert added["职业培训人数"] == ("产出指标", "数量指标")
    assert added["受助对象满意度"] == ("满意度指标", "服务对象满意度指标")
    assert session.undo_stack.count() == before + 1
    assert "已从指标库添加 2 项" in sample_window.statusBar().currentMessage()
    session.undo_stack.undo()
    assert "职业培训人数" not in {leaf.name for leaf in leaves(session.form)}


def test_a_row_is_kept_in_the_library_and_offered_again(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = open_session(memory_store)
    view = IndicatorTreeView(session)
    qtbot.addWidget(view)
    leaf = leaf_named(session, "康复训练人数")
    leaf.description = "本县接受康复训练的残疾人人数"
    view.select_cell(leaf.id, "name")
    assert "加入指标库" in [a.text() for a in view.context_menu().actions()]
    qtbot.keyClick(view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    [entry] = user_entries(memory_store.db)
    assert entry.name == "康复训练人数" and entry.category == ("产出指标", "数量指标")
    assert entry.unit == "人" and entry.direction == "≥" and entry.explanation == leaf.description
    errors: list[str] = []
    session.error.connect(errors.append)
    view.select_cell(session.form.goals[0].indicators[0].id, "name")
    view.add_to_library()
    assert errors and "三级指标" in errors[0] and len(user_entries(memory_store.db)) == 1
