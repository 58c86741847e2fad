"""The `render` command: print a form to PDF and/or XLSX in the official layout, without a window.

The form is a jixiao.form/1 file or an id (or unique id prefix) from the store. Files are written
atomically, so a failure never leaves a half-written PDF or workbook behind.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from model.codec import load_form
from model.errors import JixiaoError, os_reason
from model.form import Form
from ui.cli.store_access import open_store, resolve_ids
from ui.services.evaluation import evaluate_with_profile


def register(subparsers: Any) -> None:
    """Add `render FILE.json|ID --pdf OUT.pdf --xlsx OUT.xlsx [--appendix] [--findings]`."""
    p = subparsers.add_parser("render", help="把表格导出为正式格式的 PDF 和/或 Excel 文件")
    p.add_argument("source", help="jixiao.form/1 表格文件，或数据库中的表格编号（可只写前几位）")
    p.add_argument("--pdf", type=Path, default=None, help="PDF 输出文件")
    p.add_argument("--xlsx", type=Path, default=None, help="Excel（.xlsx）输出文件")
    p.add_argument("--appendix", action="store_true", help="附上计分说明（每项得分的计算过程）")
    p.add_argument("--findings", action="store_true", help="附上审核意见页")
    p.set_defaults(func=cmd_render)


def _load(args: argparse.Namespace) -> Form:
    path = Path(args.source)
    if path.suffix.lower() == ".json" or path.exists():
        return load_form(path)  # one wording for a missing or unreadable file, as `score` says it
    store = open_store(args)
    try:
        (form_id,) = resolve_ids(store, [args.source])
        return store.load(form_id)
    finally:
        store.close()


def _check_target(path: Path, option: str) -> None:
    if not path.parent.is_dir():
        raise JixiaoError(f"{option} 指定的文件夹“{path.parent}”不存在。请先创建它，或换一个输出位置。")


def cmd_render(args: argparse.Namespace) -> int:
    """Score the form and write the requested files; prints each written path."""
    if args.pdf is None and args.xlsx is None:
        raise JixiaoError("请至少指定一个输出文件：--pdf 文件.pdf 或 --xlsx 文件.xlsx。")
    for path, option in ((args.pdf, "--pdf"), (args.xlsx, "--xlsx")):
        if path is not None:
            _check_target(path, option)
    form = _load(args)
    result = evaluate_with_profile(form)
    from reports import render_pdf, render_xlsx

    try:
        if args.pdf is not None:
            render_pdf(form, result, args.pdf, appendix=args.appendix, findings=args.findings)
            print(args.pdf)
        if args.xlsx is not None:
            render_xlsx(form, result, args.xlsx, appendix=args.appendix, findings=args.findings)
            print(args.xlsx)
    except OSError as exc:
        raise JixiaoError(f"无法写入输出文件（{os_reason(exc)}）。请确认文件没有在其他程序中打开，"
                          "且文件夹可写。") from None
    return 0
