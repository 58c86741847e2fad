"""The main window: opening forms, live panels after an edit, undo/redo actions, saving and reopening."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from model.store import Store
from model.tree import leaves
from tests.conftest import make_sample_form
from tests.ui.fake_scoring import fake_evaluate
from ui.main_window import MainWindow
from ui.settings import UiSettings

# The offscreen platform warns when a top-level window is shown; harmless.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def settings(tmp_path: Path) -> UiSettings:
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def file_store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "data")
    yield store
    store.close()


def _window(qtbot, store: Store, settings: UiSettings) -> MainWindow:
    window = MainWindow(store, settings, evaluator=fake_evaluate)
    qtbot.addWidget(window)
    window.show()
    return window


def _first_empty_leaf_form(store: Store) -> str:
    form = make_sample_form()
    first = next(leaves(form))
    first.actual = None  # 康复训练人数 (weight 20) not filled yet
    return store.add(form)


def test_opening_a_form_shows_title_scores_and_findings(qtbot, file_store: Store, settings: UiSettings) -> None:
    form_id = _first_empty_leaf_form(file_store)
    window = _window(qtbot, file_store, settings)
    assert window.windowTitle() == "绩效自评助手"
    assert window.open_form(form_id)
    assert window.windowTitle().startswith("残疾人康复训练补助项目 — 2024年度项目支出绩效自评表")
    # Leaves 20 (empty) + 10 + 20 + 10 = 60 possible; filled 40, plus funds 10 → 50.
    assert window.score_panel.total_label.text() == "总分 50.00 / 100　等级 差"
    assert ("产出指标", "30.00", "50") in window.score_panel.rows()
    assert [f.code for f in window.findings_panel.findings()] == ["ACTUAL_MISSING"]
    assert window.navigator.current_form_id() == form_id
    assert window.navigator._rows[form_id][2].text() == "50.00"


def test_an_edit_updates_panels_navigator_and_status_before_the_next_event(
        qtbot, file_store: Store, settings: UiSettings) -> None:
    form_id = _first_empty_leaf_form(file_store)
    window = _window(qtbot, file_store, settings)
    window.open_form(form_id)
    session = window.session
    leaf = next(leaves(session.form))
    session.set_node_field(leaf.id, "actual", "100人")
    # No event processing in between: everything is synchronous.
    assert window.score_panel.total_label.text() == "总分 70.00 / 100　等级 中"
    assert ("产出指标", "50.00", "50") in window.score_panel.rows()
    assert window.findings_panel.findings() == []
    assert window.navigator._rows[form_id][2].text() == "70.00"
    assert window.save_label.text().startswith("已保存 ")
    # Undo through the window's action restores value and score exactly; redo again.
    window.undo_action.trigger()
    assert leaf.actual is None and window.score_panel.total_label.text() == "总分 50.00 / 100　等级 差"
    window.redo_action.trigger()
    assert leaf.actual == "100人" and window.navigator._rows[form_id][2].text() == "70.00"


def test_edit_survives_close_and_reopen(qtbot, tmp_path: Path, settings: UiSettings) -> None:
    store = Store.open(tmp_path / "data")
    form_id = _first_empty_leaf_form(store)
    window = _window(qtbot, store, settings)
    window.open_form(form_id)
    leaf_name = next(leaves(window.session.form)).name
    window.session.set_node_field(next(leaves(window.session.form)).id, "actual", "95人")
    window.close()
    store.close()

    again = Store.open(tmp_path / "data")
    try:
        window2 = _window(qtbot, again, settings)
        window2.restore_last_form()  # the form open at exit comes back
        assert window2.session is not None and window2.session.form.id == form_id
        leaf = next(leaves(window2.session.form))
        assert (leaf.name, leaf.actual) == (leaf_name, "95人")
        window2.close()
    finally:
        again.close()


def test_switching_forms_switches_undo_stack(qtbot, file_store: Store, settings: UiSettings) -> None:
    a, b = _first_empty_leaf_form(file_store), _first_empty_leaf_form(file_store)
    window = _window(qtbot, file_store, settings)
    window.open_form(a)
    window.session.set_header("phone", "0991-5550123")
    assert window.undo_action.isEnabled()
    window.navigator.select_form(b)  # the user clicks another form
    assert window.session.form.id == b
    assert not window.undo_action.isEnabled()  # b has no edits to undo
    assert window.undo_group.activeStack() is window.session.undo_stack


def test_clicking_a_finding_selects_its_cell(qtbot, file_store: Store, settings: UiSettings) -> None:
    form_id = _first_empty_leaf_form(file_store)
    window = _window(qtbot, file_store, settings)
    window.open_form(form_id)
    finding = window.findings_panel.findings()[0]
    item = window.findings_panel.item_for(finding)
    window.side_tabs.setCurrentWidget(window.findings_panel)
    window.findings_panel.tree.itemClicked.emit(item, 0)
    view = window.editor.tree_view
    index = view.currentIndex()
    assert index.isValid()
    node = index.internalPointer()
    assert getattr(node, "id", None) == finding.node_id
    from PySide6.QtCore import Qt
    header = view.model().headerData(index.column(), Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert "实际" in str(header)  # the finding is about the actual value: 实际完成值


def test_delete_form_asks_and_removes(qtbot, file_store: Store, settings: UiSettings, monkeypatch) -> None:
    form_id = _first_empty_leaf_form(file_store)
    window = _window(qtbot, file_store, settings)
    window.open_form(form_id)
    monkeypatch.setattr("ui.messages.confirm", lambda *a, **k: True)
    window.delete_form()
    assert window.session is None and file_store.list_forms() == []
    assert window.navigator.form_ids() == []


def _menu_texts(window: MainWindow, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_file_menu_offers_the_exchange_package_and_the_bureau_summary(qtbot, file_store, settings) -> None:
    window = _window(qtbot, file_store, settings)
    texts = _menu_texts(window, "文件(&F)")
    assert {"导出交换包…", "导入交换包…", "财政局汇总…"} <= set(texts)
    assert texts.index("导出交换包…") < texts.index("导入交换包…")


def test_importing_a_newer_version_of_the_open_form_reopens_it(qtbot, file_store: Store, settings: UiSettings,
                                                               tmp_path: Path, monkeypatch, clock) -> None:
    """Otherwise the next edit would save the stale copy in the window over the imported one."""
    import datetime as dt

    from model.package_write import build_package_bytes
    from ui.package_dialogs import ImportPackageDialog

    form_id = _first_empty_leaf_form(file_store)
    window = _window(qtbot, file_store, settings)
    window.open_form(form_id)
    # The same form, filled in on another computer and saved there several times.
    sender = Store.memory(clock)
    newer = file_store.load(form_id)
    next(leaves(newer)).actual = "120人"
    sender.put_revision(newer, 9, "另一台电脑")
    package = tmp_path / "p.jxpkg"
    package.write_bytes(build_package_bytes(sender, [form_id], dt.datetime(2024, 3, 2, 10, 0)))
    monkeypatch.setattr(ImportPackageDialog, "exec", lambda self: self.load(package) and self.apply())
    window.import_package()
    assert file_store.revision(form_id) == 9
    assert next(leaves(window.session.form)).actual == "120人"
    # The next edit saves on top of the imported version, not over it.
    window.session.set_header("phone", "0991-5550123")
    stored = file_store.load(form_id)
    assert next(leaves(stored)).actual == "120人" and stored.header["phone"] == "0991-5550123"
    assert window.navigator.current_form_id() == form_id


def test_bureau_summary_opens_from_the_window(qtbot, file_store: Store, settings: UiSettings, monkeypatch) -> None:
    from ui.bureau_view import BureauView

    _first_empty_leaf_form(file_store)
    shown: list[int] = []
    monkeypatch.setattr(BureauView, "exec", lambda self: shown.append(self.model.rowCount()) or 0)
    window = _window(qtbot, file_store, settings)
    window.bureau_action.trigger()
    assert shown == [1]


def test_a_new_form_opens_with_the_cursor_in_its_first_blank_header_field(qtbot, file_store: Store,
                                                                          settings: UiSettings) -> None:
    """Seen in the walk-through: after 创建 nothing had the focus, so the first keystrokes were lost."""
    window = _window(qtbot, file_store, settings)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    form = make_sample_form()
    form.header.pop("preparer")  # 项目名称, 主管部门, 实施单位 filled; 单位负责人 comes first among the blanks
    window.add_and_open(form)
    fields = window.editor.header_editor.fields
    first_blank = next(name for name, edit in fields.items() if not edit.text())
    qtbot.waitUntil(lambda: fields[first_blank].hasFocus())


def test_the_self_evaluation_columns_fit_beside_the_panels_on_a_1366_screen(qtbot, file_store: Store,
                                                                            settings: UiSettings) -> None:
    """Seen in the walk-through: the row did not fit, the view scrolled sideways and cut the names."""
    window = _window(qtbot, file_store, settings)
    window.resize(1366, 728)
    window.open_form(_first_empty_leaf_form(file_store))
    qtbot.wait(10)
    view = window.editor.tree_view
    needed = sum(view.columnWidth(i) for i in range(view.model().columnCount()))
    assert needed <= view.viewport().width()


def test_each_form_keeps_its_undo_history_after_switching_away_and_back(
        qtbot, file_store: Store, settings: UiSettings) -> None:
    """Issue #15 point 5: the history was gone after opening another form and coming back."""
    first_id = _first_empty_leaf_form(file_store)
    second_id = file_store.add(make_sample_form())
    window = _window(qtbot, file_store, settings)
    window.open_form(first_id)
    leaf = next(leaves(window.session.form))
    window.session.set_node_field(leaf.id, "actual", "100人")
    window.session.set_node_field(leaf.id, "reason", "按计划完成")
    window.open_form(second_id)
    other = next(leaves(window.session.form))
    window.session.set_node_field(other.id, "actual", "1人")
    assert window.undo_action.isEnabled()
    window.open_form(first_id)
    assert window.session.undo_stack.count() == 2
    assert window.undo_action.isEnabled() and "修改指标" in window.undo_action.text()
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert next(leaves(file_store.load(first_id))).actual is None  # undone and saved
    # Panels follow the reopened session (its signals are connected again, once).
    assert window.score_panel.total_label.text() == "总分 50.00 / 100　等级 差"
    window.open_form(second_id)
    assert window.session.undo_stack.count() == 1
    # A form changed behind the kept session's back (an import) opens fresh, never the stale copy.
    window.open_form(first_id)
    window.open_form(second_id)
    changed = file_store.load(first_id)
    changed.header["project_name"] = "导入后的名称"
    file_store.save(changed, file_store.revision(first_id))
    window.open_form(first_id)
    assert window.session.form.header["project_name"] == "导入后的名称"
    assert window.session.undo_stack.count() == 0


def test_the_window_title_names_the_year_once(qtbot, file_store: Store, settings: UiSettings) -> None:
    """Issue #15 point 6: a department form read “2023年度2023年度部门整体…”."""
    form = make_sample_form()
    form.kind, form.title, form.year = "dept_self_eval", "2023年度部门整体支出绩效自评表", 2023
    form.header = {"unit_name": "示例县残疾人联合会"}
    window = _window(qtbot, file_store, settings)
    window.open_form(file_store.add(form))
    assert window.windowTitle() == "示例县残疾人联合会 — 2023年度部门整体支出绩效自评表 — 绩效自评助手"
