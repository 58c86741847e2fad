"""Two program instances on one database: a write waits for the other's lock, or says so in Chinese."""
from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from model import store as store_module
from model.datadir import database_path
from model.errors import StoreError
from model.store import Store
from tests.conftest import FakeClock, make_sample_form


def _hold_write_lock(data_dir: Path) -> sqlite3.Connection:
    """Another instance in the middle of a write: it holds the database's write lock."""
    other = sqlite3.connect(database_path(data_dir), isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE settings SET value = value")
    return other


def test_a_save_waits_for_another_instance_instead_of_failing(data_dir: Path, clock: FakeClock) -> None:
    store = Store.open(data_dir, clock)
    form = make_sample_form()
    store.add(form)
    other = _hold_write_lock(data_dir)
    release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    release.start()
    try:
        started = time.monotonic()
        # save() reads the revision, then writes: with a deferred BEGIN this failed at once with
        # sqlite3.OperationalError "database is locked" instead of waiting.
        assert store.save(form, 1) == 2
        assert time.monotonic() - started >= 0.2
    finally:
        release.join()
        other.close()
        store.close()


def test_a_lock_held_too_long_gives_a_chinese_message_and_changes_nothing(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 100)
    store = Store.open(data_dir, clock)
    form = make_sample_form()
    form_id = store.add(form)
    other = _hold_write_lock(data_dir)
    try:
        form.header["preparer"] = "李华"
        with pytest.raises(StoreError, match="另一个绩效自评助手窗口或命令行占用.*请稍候几秒再试"):
            store.save(form, 1)
        with pytest.raises(StoreError, match="占用"):
            store.add(make_sample_form())
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.revision(form_id) == 1
    assert store.load(form_id).header["preparer"] == "张明"
    assert len(store.list_forms()) == 1
    store.close()


def test_two_instances_creating_one_database_at_once(tmp_path: Path) -> None:
    """Both open a new file before either migrates: the second finds the steps done and skips them."""
    from model import migrations
    from model.store import connect

    path = tmp_path / "new.sqlite3"
    first, second = connect(path), connect(path)
    try:
        assert migrations.user_version(first) == migrations.user_version(second) == 0
        assert migrations.migrate(first) == list(range(1, migrations.SCHEMA_VERSION + 1))
        assert migrations.migrate(second) == []  # read 0 before, finds the current version inside
        assert migrations.user_version(second) == migrations.SCHEMA_VERSION
    finally:
        first.close()
        second.close()
