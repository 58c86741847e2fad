"""The SQLite store: saving, revisions, search, migrations, backups, damage and new-version guards."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from model import backup, migrations
from model.codec import dumps_form
from model.datadir import backups_dir, database_path
from model.errors import DatabaseDamaged, DatabaseTooNew, StoreError
from model.store import Store, connect, restore_backup
from model.tree import leaves
from tests.conftest import FIXTURES, FakeClock, make_sample_form


def test_add_load_save_bumps_revision(memory_store: Store) -> None:
    form = make_sample_form()
    form_id = memory_store.add(form)
    assert memory_store.revision(form_id) == 1
    next(leaves(form)).actual = "100人"
    assert memory_store.save(form, 1) == 2
    assert memory_store.save(form, 2) == 3
    loaded = memory_store.load(form_id)
    assert dumps_form(loaded) == dumps_form(form)
    assert next(leaves(loaded)).actual == "100人"


def test_add_twice_and_unknown_ids_are_refused(memory_store: Store) -> None:
    form = make_sample_form()
    memory_store.add(form)
    with pytest.raises(StoreError, match="已存在"):
        memory_store.add(form)
    with pytest.raises(StoreError, match="找不到"):
        memory_store.load("no-such-id")


def test_list_and_search(memory_store: Store) -> None:
    a = make_sample_form()
    b = make_sample_form()
    b.year = 2023
    b.header["project_name"] = "辅助器具适配项目"
    next(leaves(b)).name = "适配辅具人数"
    memory_store.add(a)
    memory_store.add(b)
    assert [s.year for s in memory_store.list_forms()] == [2024, 2023]
    assert [s.project for s in memory_store.list_forms("辅具")] == ["辅助器具适配项目"]
    assert [s.project for s in memory_store.list_forms("康复训练 示例县")] == ["残疾人康复训练补助项目"]
    assert memory_store.list_forms("不存在的词") == []
    assert [s.year for s in memory_store.list_forms(year=2023)] == [2023]


def test_delete_keeps_history(memory_store: Store) -> None:
    form = make_sample_form()
    form_id = memory_store.add(form)
    memory_store.delete(form_id)
    assert memory_store.revision(form_id) is None
    assert memory_store.history_entries(form_id)[0].revision == 1


def test_put_revision_keeps_the_replaced_one(memory_store: Store) -> None:
    form = make_sample_form()
    form_id = memory_store.add(form)
    form.header["preparer"] = "李华"
    memory_store.put_revision(form, 5, "imported")
    assert memory_store.revision(form_id) == 5
    assert [(e.revision, e.saved_at, e.reason) for e in memory_store.history_entries(form_id)] == [
        (1, "2024-03-01T09:00:00", "imported")]


def test_settings(memory_store: Store) -> None:
    assert memory_store.get_setting("unit_name", "无") == "无"
    memory_store.set_setting("unit_name", "示例县残联")
    memory_store.set_setting("unit_name", "示例县残疾人联合会")
    assert memory_store.get_setting("unit_name") == "示例县残疾人联合会"


# -- migrations -----------------------------------------------------------------------------------

def _tables(db_path: Path) -> set[str]:
    conn = sqlite3.connect(db_path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def test_new_database_reaches_current_version(data_dir: Path, clock: FakeClock) -> None:
    store = Store.open(data_dir, clock)
    assert migrations.user_version(store.db) == migrations.SCHEMA_VERSION
    store.close()
    assert {"forms", "settings", "form_history"} <= _tables(database_path(data_dir))


HISTORICAL = sorted((FIXTURES / "db").glob("v*.sqlite3"))


@pytest.mark.parametrize("fixture", HISTORICAL, ids=lambda p: p.name)
def test_every_old_version_migrates_without_loss(fixture: Path, data_dir: Path, clock: FakeClock) -> None:
    data_dir.mkdir(parents=True)
    shutil.copyfile(fixture, database_path(data_dir))
    store = Store.open(data_dir, clock)
    try:
        assert migrations.user_version(store.db) == migrations.SCHEMA_VERSION
        [summary] = store.list_forms()
        assert summary.revision == 7 and summary.project == "残疾人康复训练补助项目"
        form = store.load(summary.id)
        assert form.header["preparer"] == "张明"
        assert store.get_setting("unit_name") == "示例县残疾人联合会"
        assert store.save(form, 7) == 8  # the migrated database is usable
    finally:
        store.close()
    names = [p.name for p in backup.list_backups(backups_dir(data_dir))]
    assert any(n.endswith("-migration.sqlite3") for n in names)


def test_every_version_has_a_fixture() -> None:
    assert [p.name for p in HISTORICAL] == [f"v{v}.sqlite3" for v in range(1, migrations.SCHEMA_VERSION)]


def test_failed_step_rolls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    db = connect(None)

    def broken(db: object) -> None:
        db.execute("CREATE TABLE half_done (x)")  # type: ignore[attr-defined]
        raise RuntimeError("step failed")

    monkeypatch.setattr(migrations, "STEPS", [migrations.STEPS[0], broken])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    with pytest.raises(RuntimeError):
        migrations.migrate(db)
    assert migrations.user_version(db) == 1
    assert "half_done" not in db.table_names()


def test_newer_database_is_refused(data_dir: Path, clock: FakeClock) -> None:
    Store.open(data_dir, clock).close()
    conn = sqlite3.connect(database_path(data_dir))
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.close()
    before = database_path(data_dir).read_bytes()
    with pytest.raises(DatabaseTooNew, match="较新版本"):
        Store.open(data_dir, clock)
    assert database_path(data_dir).read_bytes() == before


# -- backups and damage ---------------------------------------------------------------------------

def test_daily_backup_once_a_day_and_ten_kept(data_dir: Path, clock: FakeClock) -> None:
    Store.open(data_dir, clock).close()
    Store.open(data_dir, clock).close()  # same day: no second backup
    assert len(backup.list_backups(backups_dir(data_dir))) == 1
    for _ in range(14):
        clock.advance(days=1)
        Store.open(data_dir, clock).close()
    kept = backup.list_backups(backups_dir(data_dir))
    assert len(kept) == backup.KEEP
    assert kept[0].name.startswith(f"jixiao-{clock.now:%Y%m%d}")
    assert all(backup.is_healthy(p) for p in kept)


def test_damaged_database_is_detected_and_a_backup_offered(data_dir: Path, clock: FakeClock) -> None:
    store = Store.open(data_dir, clock)
    form = make_sample_form()
    store.add(form)
    clock.advance(days=1)
    good = store.daily_backup()
    store.close()
    path = database_path(data_dir)
    raw = bytearray(path.read_bytes())
    raw[4096:8192] = b"\xff" * 4096  # scribble over the second page, as a failing disk might
    path.write_bytes(bytes(raw))
    with pytest.raises(DatabaseDamaged) as err:
        Store.open(data_dir, clock)
    assert "损坏" in str(err.value) or "无法打开" in str(err.value)
    assert err.value.backup == good
    aside = restore_backup(data_dir, good, clock)
    assert aside.exists()
    store = Store.open(data_dir, clock)
    assert store.load(form.id).header["project_name"] == "残疾人康复训练补助项目"
    store.close()


def test_unwritable_data_dir_gives_a_chinese_message(tmp_path: Path, clock: FakeClock) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="无法创建数据文件夹"):
        Store.open(blocker / "sub", clock)


def test_search_takes_like_wildcards_and_quotes_literally(memory_store: Store) -> None:
    plain = make_sample_form()
    memory_store.add(plain)
    odd = make_sample_form()
    odd.header["project_name"] = "100%_完成 \"引号\" 'x' 项目"
    memory_store.add(odd)
    for word in ("100%_", "%", "_", '"引号"', "'x'"):
        assert [s.id for s in memory_store.list_forms(word)] == [odd.id], word
    assert memory_store.list_forms("%%") == []


def test_a_year_given_as_text_filters_like_the_number(memory_store: Store) -> None:
    form = make_sample_form()
    memory_store.add(form)
    assert [s.id for s in memory_store.list_forms(year="2024")] == [form.id]  # type: ignore[arg-type]
    assert memory_store.list_forms(year="2023") == []  # type: ignore[arg-type]


def test_atomic_writes_are_not_private(tmp_path: Path) -> None:
    """Exports are ordinary files others may open (mkstemp alone would leave them 0600)."""
    import os
    import stat

    from model.atomic import write_atomic

    target = tmp_path / "表.json"
    write_atomic(target, b"{}")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    target.chmod(0o640)
    write_atomic(target, b"[]")  # replacing keeps the file's mode
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_bytes() == b"[]"


# -- getting data back: history entries, deleted forms, restore from backup ---------------------


def test_restore_entry_puts_an_old_body_back_as_the_next_revision(memory_store: Store, clock: FakeClock) -> None:
    form = make_sample_form()
    form_id = memory_store.add(form)  # revision 1, preparer as in the sample
    original = form.header["preparer"]
    form.header["preparer"] = "李华"
    memory_store.put_revision(form, 4, "交换包导入替换")  # revision 1 goes to history
    [entry] = memory_store.history_entries(form_id)
    assert (entry.revision, entry.reason) == (1, "交换包导入替换")
    clock.advance(minutes=5)
    assert memory_store.restore_entry(entry.id) == 5  # above the current 4
    assert memory_store.load(form_id).header["preparer"] == original
    # The replaced revision 4 is kept, named for the restore, so the restore can be undone too.
    newest = memory_store.history_entries(form_id)[0]
    assert (newest.revision, newest.saved_at, newest.reason) == (4, "2024-03-01T09:05:00", "恢复第1版")
    assert '"李华"' in memory_store.history_body(memory_store.history_entries(form_id)[0].id)


def test_a_deleted_form_is_listed_and_comes_back_under_its_id(memory_store: Store) -> None:
    kept = memory_store.add(make_sample_form())
    gone = make_sample_form()
    gone_id = memory_store.add(gone)
    memory_store.save(gone, 1)  # revision 2
    memory_store.delete(gone_id)
    assert [(e.form_id, e.revision) for e in memory_store.deleted_forms()] == [(gone_id, 2)]
    revision = memory_store.restore_entry(memory_store.deleted_forms()[0].id)
    assert revision == 3 and memory_store.revision(gone_id) == 3
    assert memory_store.deleted_forms() == []
    assert {s.id for s in memory_store.list_forms()} == {kept, gone_id}


def test_a_form_deleted_then_reimported_is_not_listed_as_deleted(memory_store: Store) -> None:
    form = make_sample_form()
    form_id = memory_store.add(form)
    memory_store.delete(form_id)
    memory_store.put_revision(form, 7, "交换包导入替换")  # came back in a package
    assert memory_store.deleted_forms() == []


def test_unknown_history_entry_is_a_chinese_error(memory_store: Store) -> None:
    with pytest.raises(StoreError, match="找不到历史版本"):
        memory_store.history_body(999)
    with pytest.raises(StoreError, match="找不到历史版本"):
        memory_store.restore_entry(999)


def test_restore_backup_names_the_aside_file_by_reason(data_dir: Path, clock: FakeClock) -> None:
    store = Store.open(data_dir, clock)
    form = make_sample_form()
    store.add(form)
    good = store.backup_now()
    form.header["preparer"] = "李华"
    store.save(form, 1)
    store.close()
    clock.advance(hours=1)
    aside = restore_backup(data_dir, good, clock, reason="before-restore")
    assert aside.name == "jixiao.sqlite3.before-restore-20240301-100000"
    store = Store.open(data_dir, clock)
    assert store.load(form.id).header["preparer"] != "李华"
    store.close()
    kept = connect(aside)
    assert '"李华"' in kept.execute("SELECT body FROM forms").fetchone()[0]  # the edit is kept aside
    kept.close()


def test_restore_from_a_damaged_backup_changes_nothing(data_dir: Path, clock: FakeClock) -> None:
    store = Store.open(data_dir, clock)
    store.add(make_sample_form())
    store.close()
    bad = data_dir / "not-a-backup.sqlite3"
    bad.write_bytes(b"\xff" * 8192)
    before = database_path(data_dir).read_bytes()
    with pytest.raises(StoreError, match="当前数据库保持不变"):
        restore_backup(data_dir, bad, clock)
    assert database_path(data_dir).read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir() if p.name.startswith("jixiao.sqlite3.")) == []


def test_a_failed_copy_leaves_the_current_database_in_place(data_dir: Path, clock: FakeClock,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(data_dir, clock)
    good = store.backup_now()
    store.add(make_sample_form())
    store.close()
    before = database_path(data_dir).read_bytes()

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", disk_full)
    with pytest.raises(StoreError, match="磁盘空间已满"):
        restore_backup(data_dir, good, clock)
    assert database_path(data_dir).read_bytes() == before
    assert not any(".damaged-" in p.name or p.name.endswith(".restoring") for p in data_dir.iterdir())
