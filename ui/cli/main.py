"""The command line: the same work as the window, without one (for scripts, tests, the bureau).

Each command group lives in its own module with a `register(subparsers)` function; this module
builds the parser, opens the store and turns user errors into Chinese messages and exit code 1.
"""
from __future__ import annotations

import argparse
import importlib
import re
import sys
from pathlib import Path
from typing import Any, Callable

from model.codec import dumps_form, load_form
from model.errors import DatabaseDamaged, JixiaoError, StoreError, os_reason
from model.form import KINDS
from model.package_format import UUID_RE
from ui.cli.store_access import data_dir, open_store, report_unreadable, resolve_ids
from ui.services.naming import export_stems

# Modules that add their own subcommands; a missing one (not written yet) is skipped.
_EXTENSIONS = ("ui.cli.score", "ui.cli.render", "ui.cli.package", "ui.cli.import_doc", "ui.cli.narrative",
               "ui.cli.signoff", "ui.cli.backup", "ui.cli.library")


# argparse's own English error texts (Python 3.11) and their Chinese; unmatched ones pass through.
_USAGE_ERRORS = [
    (r"the following arguments are required: (.*)", r"缺少必填的参数 \1"),
    (r"unrecognized arguments: (.*)", r"不认识的参数 \1"),
    (r"argument (\S+): invalid \w+ value: (.*)", r"参数 \1 的值 \2 不对（应填数字，如年度 2024）"),
    (r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)", r"没有命令 \2（可用的命令：\3）"),
    (r"argument (\S+): expected one argument", r"参数 \1 后面要写一个值"),
    (r"argument (\S+): expected at least one argument", r"参数 \1 后面至少要写一个值"),
    (r"argument (\S+): not allowed with argument (\S+)", r"参数 \1 不能和 \2 同时使用"),
    (r"ambiguous option: (\S+) could match (.*)", r"选项 \1 不明确，可能是 \2"),
]


class _Formatter(argparse.HelpFormatter):
    """Help text with a Chinese “用法：” line."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese help headings and usage errors (exit code 2)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.update(formatter_class=_Formatter, add_help=False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助后退出")

    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, chinese in _USAGE_ERRORS:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, chinese, message)
                break
        self.print_usage(sys.stderr)
        print(f"命令用法有误：{message}。请用 --help 查看用法。", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The full parser: global options and every subcommand."""
    parser = _Parser(prog="jixiao", description="绩效自评助手：不带命令时打开程序窗口。")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="数据文件夹（默认为本用户的应用数据文件夹，或环境变量 JIXIAO_DATA_DIR）")
    parser.add_argument("--screenshot", type=Path, default=None,
                        help="打开示例表格，把窗口保存为 PNG 图片后退出")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("list", help="列出数据库中的表格")
    p.add_argument("--query", default="", help="按名称、单位、指标查找")
    p.add_argument("--year", type=int, default=None)
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("samples", help="载入示例表格（已在数据库中的不重复载入）")
    p.set_defaults(func=cmd_samples)

    p = sub.add_parser("import", help="导入 jixiao.form/1 表格文件（全部成功才写入）")
    p.add_argument("files", nargs="+", type=Path)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export-json", help="把表格导出为 jixiao.form/1 文件")
    p.add_argument("ids", nargs="*", help="表格编号（可只写前几位）")
    p.add_argument("--all", action="store_true", help="导出全部表格")
    p.add_argument("--library", action="store_true", help="同时把本单位加入指标库的条目导出为“指标库.json”")
    p.add_argument("dir", type=Path, help="目标文件夹")
    p.set_defaults(func=cmd_export_json)

    for name in _EXTENSIONS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    for subparser in sub.choices.values():
        # Accept the global option after the command too: `jixiao list --data-dir D`.
        subparser.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed subcommand; every error prints in Chinese (never a traceback), exit code 1."""
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except DatabaseDamaged as exc:
        print(f"错误：{exc}{_damaged_fix(exc)}", file=sys.stderr)
    except JixiaoError as exc:
        print(f"错误：{exc}", file=sys.stderr)
    except OSError as exc:
        where = f"“{exc.filename}”" if exc.filename else ""
        print(f"错误：无法读写文件{where}（{os_reason(exc)}）。请确认位置存在、可写、磁盘有空间，"
              "且文件没有被其他程序占用。", file=sys.stderr)
    except Exception as exc:  # noqa: BLE001 — a script user gets a Chinese line and a log, not a traceback
        from ui.crash import message_for, write_log

        print(f"错误：{message_for(write_log(data_dir(args), exc, exc.__traceback__))}", file=sys.stderr)
    return 1


def _damaged_fix(exc: DatabaseDamaged) -> str:
    if isinstance(exc.backup, Path):
        return (f"可以用最近一份完好的备份“{exc.backup.name}”恢复：不带命令启动程序窗口，按提示选择“用备份恢复”"
                "（损坏的文件会改名保留）。")
    return "没有找到可用的备份。请把数据文件夹复制一份交给维护人员，不要删除它。"


def cmd_list(args: argparse.Namespace) -> int:
    """Print the stored forms, one per line."""
    store = open_store(args)
    try:
        found = store.list_forms(args.query, year=args.year)
        for s in found:
            kind = KINDS.get(s.kind, s.kind)
            print(f"{s.id}\t{s.year}\t{s.unit or '—'}\t{kind}\t{s.project or s.title}\t第{s.revision}版")
        if not found:
            # Said on stderr: stdout stays the list itself (empty) for scripts.
            if store.is_empty():
                print(f"数据库中还没有表格（数据文件夹：{data_dir(args)}）。可以用 samples 命令载入示例表格，"
                      "或用 import 导入表格文件、import-package 导入交换包。", file=sys.stderr)
            else:
                print("没有符合条件的表格。请换一个查找词或年度再试。", file=sys.stderr)
    finally:
        store.close()
    return 0


def cmd_samples(args: argparse.Namespace) -> int:
    """Load the sample forms that are not in the database yet."""
    from model.samples import add_samples
    from resources import samples_dir

    store = open_store(args)
    try:
        added = add_samples(store, samples_dir())
    finally:
        store.close()
    print(f"已载入 {added} 张示例表格。" if added else "示例表格都已在数据库中，没有重复载入。")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import form files: all are read and checked first, then added in one transaction."""
    forms = [load_form(path) for path in args.files]
    seen: set[str] = set()
    for path, form in zip(args.files, forms):
        if form.id and not UUID_RE.fullmatch(form.id):
            # Exchange packages and the window key forms by UUID; "1" would be stored but never sent.
            raise StoreError(f"文件“{path.name}”中的表格编号“{form.id[:40]}”不是本程序的编号格式（小写 UUID，"
                             "如 5a3b1e00-0000-4000-8000-000000000001）。请删去文件中的 \"id\" 一项后再导入，"
                             "导入时会自动分配新编号。")
        if form.id and form.id in seen:
            raise StoreError(f"文件“{path.name}”与前面的文件是同一张表格（编号 {form.id}），请只导入其中一个。")
        if form.id:
            seen.add(form.id)
    store = open_store(args)
    try:
        added, skipped = [], []
        for path, form in zip(args.files, forms):
            if form.id and store.revision(form.id) is not None:
                if store.load_body(form.id) == dumps_form(form):
                    skipped.append(path.name)
                    continue
                raise StoreError(
                    f"文件“{path.name}”中的表格（编号 {form.id}）已在数据库中且内容不同。为免覆盖，"
                    "本次没有导入任何文件。如需更新，请使用交换包导入（import-package），或先删除旧表格。")
        with store.db.atomic():
            for path, form in zip(args.files, forms):
                if path.name not in skipped:
                    store.add(form)
                    added.append(form)
        for form in added:
            print(f"已导入：{form.id}\t{form.year}\t{form.header.get('project_name') or form.display_title}")
        for name in skipped:
            print(f"已存在且相同，跳过：{name}")
    finally:
        store.close()
    return 0


def cmd_export_json(args: argparse.Namespace) -> int:
    """Write forms as jixiao.form/1 files into a folder."""
    store = open_store(args)
    try:
        if args.all and args.ids or not (args.all or args.ids or args.library):
            raise StoreError("请写出要导出的表格编号，或使用 --all 导出全部（二者选一）；只导出指标库时写 --library。")
        ids = [s.id for s in store.list_forms()] if args.all else resolve_ids(store, args.ids)
        if not ids and not args.library:
            raise StoreError("数据库中没有表格，没有可导出的内容。可以先用 samples 命令载入示例表格，或用 import 导入表格文件。")
        try:
            args.dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"无法创建文件夹“{args.dir}”（{os_reason(exc)}）。请换一个可写的位置。") from None
        from model.codec import dump_form_file

        forms, unreadable = store.load_each(ids)
        for done, (form, stem) in enumerate(zip(forms, export_stems(forms))):
            name = f"{stem}.json"
            try:
                dump_form_file(form, args.dir / name)
            except OSError as exc:
                # Files are written whole or not at all; say which ones made it.
                raise StoreError(f"无法写入“{args.dir / name}”（{os_reason(exc)}），已完整导出 {done} 张，"
                                 f"其余 {len(ids) - done} 张未导出。请确认磁盘有足够空间且可写后重新导出。") from None
            print(args.dir / name)
        if args.library:
            from ui.cli.library import export_library

            print(export_library(store, args.dir))
    finally:
        store.close()
    return report_unreadable(unreadable)
