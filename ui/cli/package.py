"""Command line of the USB exchange: export-package, import-package, and the bureau's summary.

Registered by ui/cli/main.py (`register(subparsers)`). Packages are checked completely before the
database is touched; an import prints its plan and, unless --dry-run, applies it in one transaction.
"""
from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from model.atomic import write_atomic_with
from model.errors import StoreError, os_reason
from model.signoff_record import STATES
from ui.cli.store_access import data_dir, open_store, report_unreadable, resolve_ids
from ui.services.packaging import render_for_package
from ui.services.summary import load_summary

if TYPE_CHECKING:
    # Imported where used: every command builds this parser, and `render` needs no database.
    from model.package_apply import ImportPlan
    from model.package_read import Package
    from model.store import Store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add export-package, import-package and summary to the command line."""
    p = sub.add_parser("export-package", help="把表格导出为交换包（.jxpkg，用U盘交给财政局或单位）")
    p.add_argument("ids", nargs="*", help="表格编号（可只写前几位）")
    p.add_argument("--all", action="store_true", help="导出全部表格")
    p.add_argument("--out", type=Path, required=True, help="交换包文件名，或一个文件夹（自动命名）")
    p.add_argument("--no-renderings", action="store_true", help="不附带 PDF/XLSX 打印版（更快、更小）")
    p.set_defaults(func=cmd_export_package)

    p = sub.add_parser("import-package", help="导入交换包：先全部核验，再在一个事务中写入")
    p.add_argument("files", nargs="+", type=Path, help="一个或多个 .jxpkg 文件（财政局可一次导入多个单位的）")
    p.add_argument("--dry-run", action="store_true", help="只显示将要做什么，不写入数据库")
    p.set_defaults(func=cmd_import_package)

    p = sub.add_parser("summary", help="财政局汇总表：每个单位、每年、每张表的总分、等级和审核错误数")
    p.add_argument("--xlsx", type=Path, default=None, help="保存为 Excel 文件")
    p.add_argument("--pdf", type=Path, default=None, help="保存为 PDF 文件")
    p.add_argument("--year", type=int, default=None, help="只汇总某一年度")
    p.add_argument("--unit", default=None, help="只汇总某个单位")
    p.add_argument("--state", nargs="+", default=None, metavar="STATE",
                   help="只汇总这些签字状态的表格：" + "、".join(STATES))
    p.set_defaults(func=cmd_summary)


def cmd_export_package(args: argparse.Namespace) -> int:
    """Write one package holding the chosen forms."""
    from model.package_write import write_package

    if args.all == bool(args.ids):
        raise StoreError("请写出要导出的表格编号，或使用 --all 导出全部（二者选一）。")
    store = open_store(args)
    try:
        ids = [s.id for s in store.list_forms()] if args.all else resolve_ids(store, args.ids)
        if not ids:
            raise StoreError("数据库中没有表格，无可导出。")
        out: Path = args.out
        if not out.is_dir() and out.suffix.lower() != ".jxpkg":
            raise StoreError(f"交换包文件名“{out.name}”应以 .jxpkg 结尾，或写一个已有的文件夹。")
        _forms, unreadable = store.load_each(ids)
        skipped = {form_id for form_id, _reason in unreadable}
        ids = [form_id for form_id in ids if form_id not in skipped]
        if ids:
            renderer = None if args.no_renderings else render_for_package
            path = write_package(store, ids, out, store.clock(), renderer)
            print(f"已导出 {len(ids)} 张表格到交换包：{path}")
    finally:
        store.close()
    return report_unreadable(unreadable)


def print_plan(name: str, plan: ImportPlan) -> None:
    """Print what importing a package will do, one line per form, and the counts."""
    m = plan.package.manifest
    print(f"交换包：{name}（单位：{m.unit or '未填'}，生成于 {m.created}，程序版本 {m.program_version}）")
    for item in plan.items:
        print(f"  {item.message}")
    print(f"  合计：{plan.summary()}")


def cmd_import_package(args: argparse.Namespace) -> int:
    """Verify every package first; then plan and apply them in order, one transaction each."""
    from model.package_apply import apply_plan, plan_import
    from model.package_read import read_package

    packages: list[tuple[str, Package]] = [(path.name, read_package(path)) for path in args.files]
    if args.dry_run:  # plan against a copy in memory: no database, backup or folder is created
        from model.store import Store

        store = Store.snapshot(data_dir(args))
    else:
        store = open_store(args)
    try:
        for name, package in packages:
            plan = plan_import(store, package)
            print_plan(name, plan)
            if args.dry_run:
                continue
            written = apply_plan(store, plan, name)
            refused = len(plan.refused)
            note = f"，{refused} 张因版本较旧或编号冲突未导入" if refused else ""
            print(f"  已写入 {len(written)} 张表格{note}。")
        if args.dry_run:
            print("（试运行：没有写入数据库。去掉 --dry-run 即可导入。）")
    finally:
        store.close()
    return 0


def _scope(args: argparse.Namespace) -> str:
    """“2019 年度、单位“甲”、状态为已审核” — what the summary was asked for, for the empty message."""
    parts = []
    if args.year is not None:
        parts.append(f" {args.year} 年度")
    if args.unit is not None:
        parts.append(f"单位“{args.unit}”")
    if args.state:
        parts.append(f"状态为{'、'.join(args.state)}")
    return "、".join(parts) if parts else "任何"


def cmd_summary(args: argparse.Namespace) -> int:
    """Print the summary table, and save it as XLSX/PDF when asked."""
    from reports.summary_pdf import render_summary_pdf
    from reports.summary_xlsx import render_summary_xlsx
    from reports.summary_rows import HEADINGS, printed_rows

    for state in args.state or ():
        if state not in STATES:
            raise StoreError(f"签字状态“{state}”不对。应为 {'、'.join(STATES)} 之一。")
    store = open_store(args)
    try:
        summary = load_summary(store, args.year, args.unit)
    finally:
        store.close()
    if args.state:
        summary = summary.only(args.state)
    if not summary.rows:
        raise StoreError(f"数据库中没有{_scope(args)}的表格，没有生成汇总表。"
                         "请检查年度、单位或状态是否写对，或先导入各单位的交换包。")
    print("\t".join(HEADINGS))
    for _what, cells in printed_rows(summary):
        print("\t".join("" if v is None else f"{v:.2f}" if isinstance(v, Decimal) else str(v) for v in cells))
    for dest, render in ((args.xlsx, render_summary_xlsx), (args.pdf, render_summary_pdf)):
        if dest is None:
            continue
        try:
            write_atomic_with(dest, lambda f: render(summary, f))
        except OSError as exc:
            raise StoreError(f"无法保存汇总表“{dest}”（{os_reason(exc)}）。请换一个可写的位置。") from None
        print(f"已保存汇总表：{dest}")
    from ui.services.summary import unreadable_rows

    return report_unreadable([(row.form_id, row.note) for row in unreadable_rows(summary)])
