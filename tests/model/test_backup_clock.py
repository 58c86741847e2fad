"""Backups with a clock that went back, and temporary files a kill left (issue #11 point 8)."""
from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

from model import backup
from model.datadir import backups_dir
from model.store import Store
from tests.conftest import FakeClock


def _fill(data_dir: Path, clock: FakeClock, days: int) -> None:
    for _ in range(days):
        clock.advance(days=1)
        Store.open(data_dir, clock).close()


def test_a_backup_made_with_the_clock_behind_is_kept(data_dir: Path, clock: FakeClock) -> None:
    _fill(data_dir, clock, backup.KEEP + 2)  # ten backups, all dated after the clock goes back
    clock.now = dt.datetime(2020, 1, 1, 8, 0, 0)  # dead CMOS battery
    Store.open(data_dir, clock).close()
    kept = backup.list_backups(backups_dir(data_dir))
    assert len(kept) == backup.KEEP
    assert kept[0].name.startswith("jixiao-20200101-")  # the one just made is the newest made
    Store.open(data_dir, clock).close()  # the same (wrong) day: no new backup, nothing pruned
    assert backup.list_backups(backups_dir(data_dir)) == kept


def test_the_newest_made_are_kept_whatever_their_names_say(data_dir: Path, clock: FakeClock) -> None:
    _fill(data_dir, clock, backup.KEEP)
    clock.now = dt.datetime(2020, 1, 1, 8, 0, 0)
    _fill(data_dir, clock, backup.KEEP)  # ten more days with the wrong clock
    kept = backup.list_backups(backups_dir(data_dir))
    assert len(kept) == backup.KEEP and all(p.name.startswith("jixiao-202001") for p in kept)
    assert kept[0].name.startswith("jixiao-20200111-")


def test_a_part_file_left_by_a_kill_is_removed_and_a_live_one_is_not(data_dir: Path, clock: FakeClock) -> None:
    Store.open(data_dir, clock).close()
    folder = backups_dir(data_dir)
    left = folder / "jixiao-20240301-090000-daily.part"
    left.write_bytes(b"half a backup")
    journal = folder / "jixiao-20240301-090000-daily.part-journal"
    journal.write_bytes(b"")
    old = time.time() - 2 * backup.STALE_PART_S
    for p in (left, journal):
        os.utime(p, (old, old))
    live = folder / "jixiao-20240302-090000-daily.part"
    live.write_bytes(b"being written by another instance")
    clock.advance(days=1)
    Store.open(data_dir, clock).close()
    assert not left.exists() and not journal.exists() and live.exists()
    assert not any(p.suffix == ".part" for p in backup.list_backups(folder))
