"""Putting a backup in place of the database in use, for the window's 设置 → 从备份恢复.

    restore_from_backup(data_dir, source, clock) -> Restored

The caller closes its store first (and saves what it holds). The database in use is kept aside
under a new name, never deleted; if the restored copy does not open, the old database goes back.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from model.errors import JixiaoError
from model.store import Clock, Store


@dataclass(frozen=True)
class Restored:
    """What a restore left: the store to work on (None: nothing opens), where the replaced
    database was kept (None: nothing was restored) and, if so, why not (Chinese)."""

    store: Store | None
    aside: Path | None
    problem: str


def restore_from_backup(data_dir: Path, source: Path, clock: Clock) -> Restored:
    """Swap the backup `source` in for the database of `data_dir` and open the result."""
    from model.store import restore_backup, undo_restore

    problem = ""
    try:
        aside: Path | None = restore_backup(data_dir, source, clock, reason="before-restore")
    except JixiaoError as exc:
        aside, problem = None, str(exc)
    try:
        return Restored(Store.open(data_dir, clock), aside, problem)
    except JixiaoError as exc:
        if aside is None:
            return Restored(None, None, problem + f"\n重新打开数据库也失败了：{exc}")
        try:  # the restored copy does not open: the old database goes back
            undo_restore(data_dir, aside)
        except OSError:
            return Restored(None, None, f"恢复后的数据库无法打开（{exc}），也没能自动换回恢复前的数据库。"
                                        f"恢复前的数据库保留为：{aside}")
        return Restored(_open_or_none(data_dir, clock), None,
                        f"恢复后的数据库无法打开（{exc}），已换回恢复前的数据库。")


def _open_or_none(data_dir: Path, clock: Clock) -> Store | None:
    try:
        return Store.open(data_dir, clock)
    except JixiaoError:
        return None
