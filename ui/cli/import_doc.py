"""`import-doc FILE… [--dry-run]`: forms in from Word/Excel; `use-computed ID`: the paper's scores out.

Every file is read first; then all forms are stored in one transaction, or none (exit code 1 with a
Chinese message when a file cannot be read).
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    """Add the two commands to the command line."""
    p = subparsers.add_parser("import-doc", help="从 Word/Excel 文件（.docx/.xlsx/.xls）导入表格（全部成功才写入）")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="Word 或 Excel 文件")
    p.add_argument("--dry-run", action="store_true", help="只显示预览（找到哪些表格、哪些内容未能放入），不写入")
    p.set_defaults(func=cmd_import_doc)
    p = subparsers.add_parser("use-computed", help="把表格中的手工得分（如导入的纸面得分）全部换成计算得分")
    p.add_argument("id", help="表格编号（可只写前几位）")
    p.set_defaults(func=cmd_use_computed)


def cmd_import_doc(args: argparse.Namespace) -> int:
    """Read, preview, and (without --dry-run) store the forms of the files."""
    from ui.cli.store_access import open_store
    from ui.services.import_doc import already_stored, preview_lines, read_files, store_run

    run = read_files(args.files)
    store = open_store(args)
    try:
        for line in preview_lines(run) + already_stored(store, run):
            print(line)
        if args.dry_run:
            print(f"预览完毕（--dry-run）：共 {len(run.found)} 张表格，未写入数据库。")
            return 0
        forms = store_run(store, run)
    finally:
        store.close()
    for form in forms:
        print(f"已导入：{form.id}\t{form.year}\t{form.header.get('project_name') or form.display_title}")
    print(f"共导入 {len(forms)} 张表格。纸面得分已作为手工得分保留；如要改用程序计算的得分，请用 use-computed 命令。")
    return 0


def cmd_use_computed(args: argparse.Namespace) -> int:
    """Replace every manual score of one stored form by the computed one (the old version is kept)."""
    from ui.cli.store_access import open_store, resolve_ids
    from ui.services.import_doc import use_computed

    store = open_store(args)
    try:
        (form_id,) = resolve_ids(store, [args.id])
        form, count = use_computed(store, form_id)
    finally:
        store.close()
    if count == 0:
        print(f"表格 {form_id} 没有手工得分，无需更改。")
    else:
        print(f"已把表格 {form_id} 的 {count} 个手工得分换成计算得分。原来的版本保存在“历史版本”中，可以恢复。")
    return 0
