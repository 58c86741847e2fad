"""The command line when things go wrong around it: a bad database file, a full disk, a second
instance writing, an internal error. Each gives exit code 1 and a Chinese line, never a traceback."""
from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from main import main
from model import store as store_module
from model.codec import dump_form_file
from model.datadir import backups_dir, database_path
from model.store import Store
from tests.conftest import make_sample_form


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _stored(data_dir: Path, count: int) -> list[str]:
    store = Store.open(data_dir)
    try:
        ids = []
        for i in range(count):
            form = make_sample_form()
            form.header["project_name"] = f"示例项目{i}"
            ids.append(store.add(form))
        return ids
    finally:
        store.close()


def test_a_file_that_is_not_a_database_is_named_in_chinese_with_the_way_out(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.mkdir()
    database_path(data_dir).write_bytes(b"PK\x03\x04 a zip file put here by mistake" * 10)
    code, _, err = _run(capsys, "list", "--data-dir", str(data_dir))
    assert code == 1
    assert "不是本程序的数据库，或已经损坏" in err and "没有找到可用的备份" in err
    assert "file is not a database" not in err  # SQLite's English text stayed out
    assert database_path(data_dir).read_bytes().startswith(b"PK")  # left as it was


def test_a_damaged_database_names_the_backup_to_restore(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _stored(data_dir, 1)  # the first open made today's backup
    database_path(data_dir).write_bytes(b"\x00" * 4096)
    for suffix in ("-wal", "-shm"):
        Path(f"{database_path(data_dir)}{suffix}").unlink(missing_ok=True)
    code, _, err = _run(capsys, "list", "--data-dir", str(data_dir))
    backup_name = next(backups_dir(data_dir).glob("*.sqlite3")).name
    assert code == 1 and backup_name in err and "用备份恢复" in err


def test_a_folder_where_the_database_should_be_is_not_called_damage(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database_path(data_dir).mkdir(parents=True)
    code, _, err = _run(capsys, "list", "--data-dir", str(data_dir))
    assert code == 1 and "该位置不可写，或不是一个文件" in err and "--data-dir" in err


def test_a_read_only_data_folder_is_explained(data_dir: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _stored(data_dir, 1)

    def read_only(path: Path | None) -> object:
        # What SQLite says when the folder (or the file) cannot be written; root ignores chmod.
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(store_module, "connect", read_only)
    code, _, err = _run(capsys, "list", "--data-dir", str(data_dir))
    assert code == 1 and "只读" in err


def test_a_failing_daily_backup_warns_but_the_data_opens(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.mkdir()
    backups_dir(data_dir).write_text("a file where the backups folder should be")
    code, _, err = _run(capsys, "list", "--data-dir", str(data_dir))
    assert code == 0
    assert "今天的自动备份没有成功" in err and str(backups_dir(data_dir)) in err


def test_a_full_disk_during_export_json_says_how_many_were_written(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _stored(data_dir, 3)
    out = tmp_path / "out"
    real_fsync, calls = os.fsync, []

    def fsync_filling_the_disk(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr("model.atomic.os.fsync", fsync_filling_the_disk)
    code, printed, err = _run(capsys, "export-json", "--all", str(out), "--data-dir", str(data_dir))
    assert code == 1
    assert "已完整导出 1 张" in err and "其余 2 张未导出" in err
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 1 and written[0].endswith(".json")  # no half file, no .part left behind
    assert printed.strip().endswith(written[0])


def test_a_second_instance_writing_gives_a_chinese_message(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _stored(data_dir, 1)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 100)
    form = make_sample_form()
    form.id = None
    dump_form_file(form, tmp_path / "new.json")
    other = sqlite3.connect(database_path(data_dir), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE settings SET value = value")
    try:
        code, _, err = _run(capsys, "import", str(tmp_path / "new.json"), "--data-dir", str(data_dir))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 1 and "另一个绩效自评助手窗口或命令行占用" in err
    store = Store.open(data_dir)
    assert len(store.list_forms()) == 1
    store.close()


def test_an_internal_error_is_logged_not_shown_as_a_traceback(
        data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Store, *args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(Store, "list_forms", broken)
    code, _, err = _run(capsys, "list", "--data-dir", str(data_dir))
    assert code == 1 and "程序内部出错" in err
    log = data_dir / "jixiao-errors.log"
    assert "RuntimeError: a bug" in log.read_text("utf-8") and str(log) in err
