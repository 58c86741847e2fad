"""Automatic database backups (SQLite backup API): daily and before migrations, last 10 kept.

A backup is a complete database file named `jixiao-YYYYMMDD-HHMMSS-<reason>.sqlite3`, written under
a temporary name and renamed, so a power cut never leaves a half backup that looks whole.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

KEEP = 10
_NAME = re.compile(r"^jixiao-(\d{8})-(\d{6})-([a-z]+)\.sqlite3$")


def list_backups(folder: Path) -> list[Path]:
    """Backups in the folder, newest first (by the time in their name)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if _NAME.match(p.name)]
    return sorted(found, key=lambda p: p.name[7:22], reverse=True)


def make_backup(conn: sqlite3.Connection, folder: Path, now: dt.datetime, reason: str) -> Path:
    """Copy the open database into the backup folder and prune old backups.

    Args:
        conn: the open connection (a consistent snapshot is taken even while in WAL mode).
        folder: the backups folder (created if missing).
        now: the time to put in the name.
        reason: a short lowercase word, e.g. "daily" or "migration".

    Returns:
        The backup's path.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"jixiao-{now:%Y%m%d-%H%M%S}-{reason}.sqlite3"
    tmp = target.with_suffix(".part")
    dest = sqlite3.connect(tmp)
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
    os.replace(tmp, target)
    prune(folder)
    return target


def prune(folder: Path, keep: int = KEEP) -> None:
    """Delete all but the newest `keep` backups."""
    for old in list_backups(folder)[keep:]:
        try:
            old.unlink()
        except OSError:
            pass  # a locked old backup is harmless; the next prune retries


def backed_up_on(folder: Path, day: dt.date) -> bool:
    """Whether a backup was made on this day."""
    stamp = f"{day:%Y%m%d}"
    return any(p.name[7:15] == stamp for p in list_backups(folder))


def is_healthy(path: Path) -> bool:
    """Whether a database file opens and passes PRAGMA integrity_check."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def newest_good_backup(folder: Path) -> Path | None:
    """The newest backup that passes the integrity check, if any."""
    for candidate in list_backups(folder):
        if is_healthy(candidate):
            return candidate
    return None
