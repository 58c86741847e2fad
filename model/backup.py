"""Automatic database backups (SQLite backup API): daily and before migrations, last 10 kept.

A backup is a complete database file named `jixiao-YYYYMMDD-HHMMSS-<reason>.sqlite3`, written under
a temporary name and renamed, so a power cut never leaves a half backup that looks whole; a
temporary file left by a killed backup is removed by a later one.

Which backups are newest goes by when they were made, not by the clock: a PC whose clock went back
(a dead CMOS battery) names a new backup with an older time than the ones before it. Each new
backup's modification time is set just above the newest one's, so that order survives any clock,
and the backup just made is never the one pruned.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import time
from pathlib import Path

KEEP = 10
# A temporary backup file untouched for this long was left by a killed program (a backup takes
# seconds); younger ones may belong to another instance backing up right now.
STALE_PART_S = 3600
_NAME = re.compile(r"^jixiao-(\d{8})-(\d{6})-([a-z]+)\.sqlite3$")


def list_backups(folder: Path) -> list[Path]:
    """Backups in the folder, newest made first (see the module docstring; name time breaks ties)."""
    if not folder.is_dir():
        return []
    found = [(p, _made(p)) for p in folder.iterdir() if _NAME.match(p.name)]
    return [p for p, _ in sorted(found, key=lambda pm: (pm[1], pm[0].name[7:22]), reverse=True)]


REASON_LABELS = {"daily": "每日", "migration": "升级前", "manual": "手动"}


def describe(path: Path) -> tuple[str, str, str, str]:
    """日期, 时间, 类型, 大小 of a backup named `jixiao-YYYYMMDD-HHMMSS-<reason>.sqlite3` (window and CLI)."""
    try:
        when = dt.datetime.strptime(path.name[7:22], "%Y%m%d-%H%M%S")
        day, clock = f"{when:%Y-%m-%d}", f"{when:%H:%M:%S}"
    except ValueError:
        day, clock = "（日期不明）", ""
    reason = path.name[23:-len(".sqlite3")]
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    size_text = f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, round(size / 1024))} KB"
    return day, clock, REASON_LABELS.get(reason, reason), size_text


def _made(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


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
    remove_stale_parts(folder)
    target = folder / f"jixiao-{now:%Y%m%d-%H%M%S}-{reason}.sqlite3"
    previous = [_made(p) for p in list_backups(folder)[:1] if p != target]
    tmp = target.with_suffix(".part")
    dest = sqlite3.connect(tmp)
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
    os.replace(tmp, target)
    made = max([time.time(), *(t + 1 for t in previous)])
    os.utime(target, (made, made))
    prune(folder, made=target)
    return target


def prune(folder: Path, keep: int = KEEP, made: Path | None = None) -> None:
    """Delete all but the newest `keep` backups; never `made`, the backup just made."""
    kept = [made] if made is not None else []
    for old in [p for p in list_backups(folder) if p not in kept][max(keep - len(kept), 0):]:
        try:
            old.unlink()
        except OSError:
            pass  # a locked old backup is harmless; the next prune retries


def remove_stale_parts(folder: Path, now: float | None = None) -> list[Path]:
    """Delete temporary backup files a killed backup left behind; returns those removed."""
    if not folder.is_dir():
        return []
    now = time.time() if now is None else now
    removed = []
    for part in folder.iterdir():
        if not part.name.startswith("jixiao-") or not part.name.endswith((".part", ".part-journal")):
            continue
        try:
            if abs(now - part.stat().st_mtime) > STALE_PART_S:  # abs: the clock may have gone back
                part.unlink()
                removed.append(part)
        except OSError:
            pass  # in use (Windows) or already gone: the next backup tries again
    return removed


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
