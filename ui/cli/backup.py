"""`backup` and `restore [BACKUP]`: the backups without the window, for whoever looks after the PC.

    jixiao backup               make a backup now, then list them all (newest made first, numbered)
    jixiao restore              list the backups and say how to restore one
    jixiao restore 2            restore backup number 2 (or a backup's file name, or a path)

A restore keeps the database in use aside (`jixiao.sqlite3.before-restore-<time>`), never deletes
it, and puts it back when the restored copy does not open (ui/services/restore.py, as the window).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

from model.backup import describe
from model.datadir import LOCK_NAME
from model.errors import StoreError
from ui.cli.store_access import data_dir, open_store

def register(sub: Any) -> None:
    """Add `backup` and `restore` to the command line."""
    p = sub.add_parser("backup", help="立即备份数据库，并列出全部备份")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="列出备份；写出备份的序号或文件名则用它恢复（当前数据库改名保留）")
    p.add_argument("backup", nargs="?", default=None, help="备份的序号（见不带参数时的列表）、文件名或路径")
    p.set_defaults(func=cmd_restore)


def _backups(args: argparse.Namespace) -> list[Path]:
    from model.backup import list_backups
    from model.datadir import backups_dir

    return list_backups(backups_dir(data_dir(args)))


def _print_list(backups: list[Path]) -> None:
    if not backups:
        print("还没有任何备份。用 backup 命令可以立即备份一次。")
        return
    print("序号\t日期时间\t\t类型\t大小\t文件名")
    for number, path in enumerate(backups, start=1):
        day, clock, reason, size = describe(path)
        print(f"{number}\t{day} {clock}\t{reason}\t{size}\t{path.name}")


def cmd_backup(args: argparse.Namespace) -> int:
    """Make a manual backup now and list every backup."""
    store = open_store(args)
    try:
        made = store.backup_now()
    finally:
        store.close()
    print(f"已备份：{made}")
    _print_list(_backups(args))
    return 0


def _choose(args: argparse.Namespace, backups: list[Path]) -> Path:
    given: str = args.backup
    if given.isdigit() and not Path(given).exists():
        number = int(given)
        if not 1 <= number <= len(backups):
            raise StoreError(f"没有序号为 {number} 的备份（共 {len(backups)} 份）。请先不带参数运行 restore 查看列表。")
        return backups[number - 1]
    by_name = [p for p in backups if p.name == given]
    if by_name:
        return by_name[0]
    path = Path(given)
    if not path.is_file():
        raise StoreError(f"找不到备份“{given}”。请写出 restore 列表中的序号或文件名，或备份文件的完整路径。")
    return path.absolute()


def _window_open(folder: Path) -> bool:
    """Whether a window holds this data folder (its lock file names a running process)."""
    try:
        pid = int((folder / LOCK_NAME).read_text("utf-8", "replace").split()[0])
    except (OSError, ValueError, IndexError):
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return sys.platform != "win32"  # exists but is not ours; on Windows kill(0) cannot tell
    return True


def cmd_restore(args: argparse.Namespace) -> int:
    """List the backups, or restore the chosen one keeping the current database aside."""
    backups = _backups(args)
    if args.backup is None:
        _print_list(backups)
        if backups:
            print("要用其中一份恢复，请运行：restore 序号（例如 restore 1 为最新的一份）。当前数据库会改名保留，不会删除。")
        return 0
    source = _choose(args, backups)
    folder = data_dir(args)
    if _window_open(folder):
        raise StoreError("绩效自评助手的窗口正开着这个数据文件夹，恢复会与它冲突，本次没有恢复。"
                         "请先关闭程序窗口，再运行 restore；或在窗口中用 设置 → 从备份恢复。")
    from ui.services.restore import restore_from_backup

    restored = restore_from_backup(folder, source, lambda: dt.datetime.now().replace(microsecond=0))
    if restored.store is not None:
        restored.store.close()
    if restored.aside is None or restored.problem:
        raise StoreError(restored.problem or "没有恢复。")
    print(f"已用备份“{source.name}”恢复数据库。")
    print(f"恢复前的数据库已改名保留：{restored.aside}")
    return 0
