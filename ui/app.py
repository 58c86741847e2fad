"""Starts the window (the desktop UI is being built; until then this says so)."""
from __future__ import annotations

import argparse
import sys


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window on the chosen database."""
    from model.datadir import default_data_dir
    from model.samples import seed_if_new
    from model.store import Store
    from resources import samples_dir

    store = Store.open(args.data_dir or default_data_dir())
    try:
        added = seed_if_new(store, samples_dir())
        count = len(store.list_forms())
    finally:
        store.close()
    print(f"数据库已就绪（{count} 张表格，新加示例 {added} 张）。程序窗口尚在开发中，请先使用命令行：python main.py --help",
          file=sys.stderr)
    return 0
