"""从备份恢复 from the 设置 dialog: the window swaps the database and keeps working; a failure changes nothing."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from model.store import Store
from tests.conftest import FakeClock, make_sample_form
from tests.ui.fake_scoring import fake_evaluate
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.settings_dialog import SettingsDialog, backup_row

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def window(qtbot, tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    store = Store.open(tmp_path / "data", clock)
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    win = MainWindow(store, settings, evaluator=fake_evaluate, data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    win.show()
    monkeypatch.setattr("ui.messages.confirm", lambda *a, **k: True)
    yield win
    win.store.close()  # the store the window holds at the end (a restore replaces it)


def _messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    said: list[tuple[str, str]] = []
    monkeypatch.setattr("ui.messages.show_info", lambda _p, text, title="": said.append((title, text)))
    monkeypatch.setattr("ui.messages.show_error",
                        lambda _p, text, detail="", title="": said.append((title, f"{text} {detail}")))
    return said


def _edit_after_backup(window: MainWindow, clock: FakeClock) -> tuple[str, Path]:
    form_id = window.store.add(make_sample_form())
    window.navigator.reload()
    clock.advance(minutes=1)
    backup = window.store.backup_now()
    assert window.open_form(form_id)
    assert window.session is not None
    window.session.set_header("preparer", "李华")
    window.session.save_now()
    assert window.store.load(form_id).header["preparer"] == "李华"
    clock.advance(minutes=1)
    return form_id, backup


def test_backup_list_shows_date_time_kind_and_size(qtbot, window: MainWindow, clock: FakeClock) -> None:
    clock.advance(minutes=1)
    manual = window.store.backup_now()
    dialog = SettingsDialog(window.store, window.settings, window, data_dir=window.data_dir,
                            restore=window.restore_from_backup)
    qtbot.addWidget(dialog)
    rows = [[dialog.backups.topLevelItem(i).text(c) for c in range(4)]
            for i in range(dialog.backups.topLevelItemCount())]
    # Store.open made the daily backup at 09:00:00; the manual one came a minute later, listed first.
    assert [r[:3] for r in rows] == [["2024-03-01", "09:01:00", "手动"], ["2024-03-01", "09:00:00", "每日"]]
    assert rows[0][3].endswith("KB") and dialog.selected_backup() == manual
    assert dialog.restore_button.isEnabled()
    assert backup_row(Path("jixiao-20250102-030405-migration.sqlite3"))[:3] == ["2025-01-02", "03:04:05", "升级前"]


def test_restore_drops_later_edits_keeps_the_old_file_and_the_window_works(
        qtbot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    said = _messages(monkeypatch)
    form_id, backup = _edit_after_backup(window, clock)
    old_store = window.store
    dialog = SettingsDialog(window.store, window.settings, window, data_dir=window.data_dir,
                            restore=window.restore_from_backup)
    qtbot.addWidget(dialog)
    assert dialog.selected_backup() == backup
    assert dialog.restore_selected()
    assert dialog.restored == backup and not dialog.isVisible()
    assert window.store is not old_store
    assert window.store.load(form_id).header["preparer"] != "李华"  # the edit after the backup is gone
    aside = window.data_dir / "jixiao.sqlite3.before-restore-20240301-090200"
    assert aside.is_file()
    assert said and said[0][0] == "已恢复" and aside.name in said[0][1]
    # The window reopened the form on the restored database and edits are saved there.
    assert window.session is not None and window.session.form.id == form_id
    assert window.session.form.header["preparer"] != "李华"
    window.session.set_header("preparer", "张明")
    window.session.save_now()
    assert window.store.load(form_id).header["preparer"] == "张明"
    assert window.navigator.form_ids() == [form_id]


def test_a_failed_restore_keeps_the_current_database_and_says_so(
        qtbot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    said = _messages(monkeypatch)
    form_id, backup = _edit_after_backup(window, clock)

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", disk_full)
    assert not window.restore_from_backup(backup)
    assert said[0][0] == "没有恢复" and "当前数据库保持不变" in said[0][1] and "磁盘空间已满" in said[0][1]
    assert window.store.load(form_id).header["preparer"] == "李华"
    assert not any("before-restore" in p.name for p in window.data_dir.iterdir())
    assert window.session is not None and window.session.form.id == form_id  # still usable
    window.session.set_header("leader", "张明")
    window.session.save_now()
    assert window.store.load(form_id).header["leader"] == "张明"


def test_a_restored_copy_that_does_not_open_is_swapped_back(
        qtbot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    said = _messages(monkeypatch)
    form_id, backup = _edit_after_backup(window, clock)
    real_open = Store.open
    calls = []

    def open_fails_once(data_dir: Path, clock: FakeClock) -> Store:
        calls.append(data_dir)
        if len(calls) == 1:
            from model.errors import StoreError
            raise StoreError("模拟：无法打开")
        return real_open(data_dir, clock)

    monkeypatch.setattr(Store, "open", staticmethod(open_fails_once))
    assert not window.restore_from_backup(backup)
    assert "已换回恢复前的数据库" in said[0][1]
    assert window.store.load(form_id).header["preparer"] == "李华"  # the database before the restore
    assert not any("before-restore" in p.name for p in window.data_dir.iterdir())
