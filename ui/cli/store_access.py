"""What every command line command that uses the database shares: open the store, resolve form ids.

Kept apart from ui/cli/main.py (which registers the command modules) so that the command modules
import it at the top, with no import cycle back to main.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from model.datadir import default_data_dir
from model.errors import StoreError

if TYPE_CHECKING:
    # Only for annotations: `render FILE.json` opens no database, and sqlite-utils costs ~0.1 s a start.
    from model.store import Store


def data_dir(args: argparse.Namespace) -> Path:
    """The data folder: --data-dir, else JIXIAO_DATA_DIR or the user's application data folder."""
    return Path(getattr(args, "data_dir", None) or default_data_dir())


def open_store(args: argparse.Namespace) -> Store:
    """The store of the chosen data folder (created and migrated as needed)."""
    from model.store import Store

    store = Store.open(data_dir(args))
    if store.backup_warning:
        print(f"注意：{store.backup_warning}", file=sys.stderr)
    return store


def resolve_ids(store: Store, ids: list[str]) -> list[str]:
    """Full form ids from full ids or unique prefixes; raises StoreError on unknown/ambiguous."""
    known = [s.id for s in store.list_forms()]
    out = []
    for given in ids:
        matches = [k for k in known if k == given] or [k for k in known if k.startswith(given)]
        if len(matches) != 1:
            problem = "找不到" if not matches else "对应多张表格"
            raise StoreError(f"表格编号“{given}”{problem}。请先用 list 命令查看编号，再写出完整编号。")
        out.append(matches[0])
    return out


def report_unreadable(unreadable: list[tuple[str, str]]) -> int:
    """Name each stored form that was skipped because it cannot be read; the exit code (1 if any)."""
    for form_id, reason in unreadable:
        print(f"跳过：表格 {form_id} 无法读取，已跳过（{reason.removeprefix('无法读取：')}）", file=sys.stderr)
    if unreadable:
        print(f"共有 {len(unreadable)} 张表格无法读取，已跳过，其余表格已处理。请把数据文件夹复制一份交给维护人员。",
              file=sys.stderr)
    return 1 if unreadable else 0
