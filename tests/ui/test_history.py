"""历史版本 and 已删除的表格: the dialogs list what the store kept; the window restores and reloads."""
from __future__ import annotations

import pytest

from tests.conftest import FakeClock, make_sample_form
from ui.history_dialog import DeletedFormsDialog, HistoryDialog
from ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def _texts(dialog: HistoryDialog | DeletedFormsDialog) -> list[list[str]]:
    tree = dialog.list
    return [[tree.topLevelItem(i).text(c) for c in range(tree.columnCount())] for i in range(tree.topLevelItemCount())]


def _pick(monkeypatch: pytest.MonkeyPatch, cls: str, entry: int | None) -> None:
    """Make the window's dialog choose `entry` (or cancel) instead of waiting for a click."""
    def exec_(self: HistoryDialog) -> int:
        if entry is None:
            return 0
        self.choose(entry)
        self.accept()
        return 1
    monkeypatch.setattr(f"ui.history_dialog.{cls}.exec", exec_)


def test_history_dialog_lists_kept_revisions_newest_first(qtbot, window: MainWindow, clock: FakeClock) -> None:
    form = make_sample_form()
    form_id = window.store.add(form)
    form.header["preparer"] = "李华"
    clock.advance(hours=1)
    window.store.put_revision(form, 3, "交换包导入替换：甲.jxpkg")
    dialog = HistoryDialog(window.store, form_id, window)
    qtbot.addWidget(dialog)
    assert _texts(dialog) == [["第 1 版", "2024-03-01 10:00", "交换包导入替换：甲.jxpkg"]]
    assert "当前是第 3 版" in dialog.intro.text() and dialog.ok_button.isEnabled()
    fresh = HistoryDialog(window.store, window.store.add(make_sample_form()), window)
    qtbot.addWidget(fresh)
    assert _texts(fresh) == [] and not fresh.ok_button.isEnabled() and "还没有早先的版本" in fresh.intro.text()


def test_restoring_a_version_reloads_the_open_form(qtbot, window: MainWindow, clock: FakeClock,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    form = make_sample_form()
    original = form.header["preparer"]
    form_id = window.store.add(form)
    form.header["preparer"] = "李华"
    window.store.put_revision(form, 2, "交换包导入替换")
    window.navigator.reload()
    assert window.open_form(form_id)
    [entry] = window.store.history_entries(form_id)
    _pick(monkeypatch, "HistoryDialog", entry.id)
    window.show_history()
    assert window.session is not None and window.session.form.header["preparer"] == original
    assert window.store.revision(form_id) == 3
    assert window.store.history_entries(form_id)[0].reason == "恢复第1版"
    assert "第 3 版" in window.statusBar().currentMessage()
    # The reloaded session writes on top of the restored revision, not over it with a stale copy.
    window.session.set_header("leader", "张明")
    window.session.save_now()
    saved = window.store.load(form_id)
    assert (saved.header["preparer"], saved.header["leader"]) == (original, "张明")


def test_cancelling_the_history_dialog_changes_nothing(qtbot, window: MainWindow,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    form = make_sample_form()
    form_id = window.store.add(form)
    window.store.put_revision(form, 2, "交换包导入替换")
    window.navigator.reload()
    window.open_form(form_id)
    _pick(monkeypatch, "HistoryDialog", None)
    window.show_history()
    assert window.store.revision(form_id) == 2 and len(window.store.history_entries(form_id)) == 1


def test_a_deleted_form_comes_back_to_the_list(qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ui.messages.confirm", lambda *a, **k: True)
    form = make_sample_form()
    form_id = window.store.add(form)
    window.navigator.reload()
    window.open_form(form_id)
    window.delete_form()
    assert window.navigator.form_ids() == [] and window.session is None
    dialog = DeletedFormsDialog(window.store, window)
    qtbot.addWidget(dialog)
    [row] = _texts(dialog)
    assert row[:3] == [form.header["project_name"], form.unit, str(form.year)]
    [entry] = window.store.deleted_forms()
    _pick(monkeypatch, "DeletedFormsDialog", entry.id)
    window.show_deleted()
    assert window.navigator.form_ids() == [form_id]
    assert window.session is not None and window.session.form.id == form_id
    assert "回到左侧列表" in window.statusBar().currentMessage()
    empty = DeletedFormsDialog(window.store, window)
    qtbot.addWidget(empty)
    assert _texts(empty) == [] and not empty.ok_button.isEnabled()


def test_history_menu_entries(window: MainWindow) -> None:
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "历史版本…" in texts and "已删除的表格…" in texts
    assert not window.history_action.isEnabled()  # no open form
    assert window.deleted_action.isEnabled()
