"""The `library` command: search the indicator library and print the matches as JSON lines.

One line per match: {"name", "category", "unit", "direction"} (plus "target" and "own"), best
first (ui/services/library.py ranks them). The user's own entries come from the database.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model.library import Entry, all_entries, library_document, user_entries
from ui.cli.store_access import open_store

if TYPE_CHECKING:
    from model.store import Store


def register(subparsers: Any) -> None:
    """Add `library [WORDS…] [--category 一级] [--limit N]`."""
    p = subparsers.add_parser("library", help="在指标库中查找指标，每行输出一条 JSON（名称、分类、单位、方向）")
    p.add_argument("words", nargs="*", help="要找的字词，如 康复 人数；不写则列出全部")
    p.add_argument("--category", default="", help="只列出这个一级指标下的，如 产出指标、满意度指标、决策")
    p.add_argument("--limit", type=int, default=None, help="最多列出几条")
    p.set_defaults(func=cmd_library)


def line(entry: Entry) -> dict[str, Any]:
    """One output line of an entry."""
    return {"name": entry.name, "category": list(entry.category), "unit": entry.unit,
            "direction": entry.direction, "target": entry.target, "own": entry.own}


def cmd_library(args: argparse.Namespace) -> int:
    """Print the matches, best first; exit code 0 even when nothing matches (stderr says so)."""
    from ui.services.library import search

    store = open_store(args)
    try:
        found = search(all_entries(store.db), args.words, args.category, args.limit)
    finally:
        store.close()
    for entry in found:
        sys.stdout.write(json.dumps(line(entry), ensure_ascii=False) + "\n")
    if not found:
        print(f"指标库中没有找到“{' '.join(args.words)}”。请少写几个字或换个说法再试。", file=sys.stderr)
    return 0


def export_library(store: Store, folder: Path) -> Path:
    """Write the user's own entries to FOLDER/指标库.json (for `export-json --library`)."""
    path = folder / "指标库.json"
    from model.atomic import write_atomic

    text = json.dumps(library_document(user_entries(store.db)), ensure_ascii=False, indent=1) + "\n"
    write_atomic(path, text.encode("utf-8"))
    return path
