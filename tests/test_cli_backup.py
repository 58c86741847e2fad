"""`backup` and `restore [BACKUP]` on the command line (issue #11 point 9)."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from main import main
from model.backup import list_backups
from model.datadir import LOCK_NAME, backups_dir
from model.store import Store
from tests.conftest import make_sample_form


def test_backup_makes_one_and_lists_them(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup"]) == 0
    out = capsys.readouterr().out
    assert "已备份" in out and "手动" in out and "每日" in out
    assert len(list_backups(backups_dir(data_dir))) == 2


def test_restore_lists_then_restores_keeping_the_current_file(data_dir: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(data_dir)
    form = make_sample_form()
    form_id = store.add(form)
    store.backup_now()
    form.header["preparer"] = "备份之后的修改"
    store.save(form, 1)
    store.close()
    assert main(["restore"]) == 0
    listing = capsys.readouterr().out
    assert "restore 序号" in listing and listing.count("jixiao-") == 2
    assert main(["restore", "1"]) == 0
    out = capsys.readouterr().out
    aside = next(data_dir.glob("jixiao.sqlite3.before-restore-*"))
    assert str(aside) in out
    store = Store.open(data_dir)
    try:
        assert store.load(form_id).header.get("preparer") != "备份之后的修改"
    finally:
        store.close()
    conn = sqlite3.connect(aside)  # the aside file is the whole database as it was
    try:
        assert "备份之后的修改" in conn.execute("SELECT body FROM forms").fetchone()[0]
    finally:
        conn.close()


def test_restore_refuses_a_missing_number_and_an_open_window(data_dir: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    Store.open(data_dir).close()
    assert main(["restore", "7"]) == 1
    assert "没有序号为 7 的备份" in capsys.readouterr().err
    (data_dir / LOCK_NAME).write_text(f"{os.getppid()}\njixiao\nhost\n", "utf-8")  # a live process
    assert main(["restore", "1"]) == 1
    assert "窗口正开着" in capsys.readouterr().err
    assert not list(data_dir.glob("jixiao.sqlite3.before-restore-*"))
