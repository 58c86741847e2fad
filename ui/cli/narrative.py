"""The `report` and `check-report` commands: write the 绩效自评报告 (DOCX/PDF) of a form, and check the
figures of a .docx report written by hand against the forms of its unit and year."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from model.codec import load_form
from model.errors import JixiaoError, os_reason
from scoring.result import severity_label
from model.form import Form
from ui.cli.store_access import open_store, resolve_ids



def register(subparsers: Any) -> None:
    """Add `report SOURCE --docx OUT [--pdf OUT]` and `check-report REPORT.docx [--with …] [--json]`."""
    p = subparsers.add_parser("report", help="由表格生成绩效自评报告（Word 和/或 PDF）")
    p.add_argument("source", help="jixiao.form/1 表格文件，或数据库中的表格编号（可只写前几位）")
    p.add_argument("--docx", type=Path, default=None, help="Word（.docx）输出文件")
    p.add_argument("--pdf", type=Path, default=None, help="PDF 输出文件")
    p.add_argument("--with", dest="others", nargs="+", default=[], metavar="OTHER",
                   help="同一单位同一年度的基础数据表、项目自评表（文件或编号），写进部门报告")
    p.set_defaults(func=cmd_report)
    c = subparsers.add_parser("check-report", help="核对手写的自评报告（.docx）中的数字是否与表格一致")
    c.add_argument("report", type=Path, help="自评报告 .docx 文件")
    c.add_argument("--with", dest="others", nargs="+", default=[], metavar="ID",
                   help="对照的表格（编号或文件）；不写时按报告的年度和单位名称在数据库中查找")
    c.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    c.set_defaults(func=cmd_check_report)


def _forms(args: argparse.Namespace, sources: list[str]) -> list[Form]:
    """Forms from files and/or store ids (the store is opened only when an id is given)."""
    files = [s for s in sources if s.lower().endswith(".json") or Path(s).is_file()]
    ids = [s for s in sources if s not in files]
    forms = []
    for name in files:
        if not Path(name).is_file():
            raise JixiaoError(f"找不到表格文件“{name}”。请检查文件名和所在文件夹。")
        forms.append(load_form(Path(name)))
    if ids:
        store = open_store(args)
        try:
            forms.extend(store.load(i) for i in resolve_ids(store, ids))
        finally:
            store.close()
    return forms


def cmd_report(args: argparse.Namespace) -> int:
    """Write the report of one form; prints each written path."""
    from reports.narrative import Related, render_report
    from ui.services.evaluation import evaluate_with_profile as score
    from ui.services.narrative import related_forms

    if args.docx is None and args.pdf is None:
        raise JixiaoError("请至少指定一个输出文件：--docx 报告.docx 或 --pdf 报告.pdf。")
    for path, option in ((args.docx, "--docx"), (args.pdf, "--pdf")):
        if path is not None and not path.parent.is_dir():
            raise JixiaoError(f"{option} 指定的文件夹“{path.parent}”不存在。请先创建它，或换一个输出位置。")
    (form,) = _forms(args, [args.source])
    if args.others:
        others = _forms(args, args.others)
        related = Related(next((o for o in others if o.kind == "dept_basic_data"), None),
                          [(o, score(o)) for o in others if o.kind == "project_self_eval"])
    elif not Path(args.source).is_file():
        store = open_store(args)
        try:
            related = related_forms(store, form)
        finally:
            store.close()
    else:
        related = Related()
    try:
        render_report(form, score(form), docx=args.docx, pdf=args.pdf, related=related)
    except OSError as exc:
        raise JixiaoError(f"无法写入报告文件（{os_reason(exc)}）。请确认文件没有在 Word/WPS 中打开，"
                          "且文件夹可写。") from None
    for path in (args.docx, args.pdf):
        if path is not None:
            print(path)
    return 0


def cmd_check_report(args: argparse.Namespace) -> int:
    """Print every disagreement and unchecked figure of a report."""
    from ui.services.narrative import check_report_file

    if args.others:
        outcome = check_report_file(args.report, None, forms=_forms(args, args.others))
    else:
        store = open_store(args)
        try:
            outcome = check_report_file(args.report, store)
        finally:
            store.close()
    if not outcome.forms:
        raise JixiaoError("没有找到与报告同一年度、同一单位的表格。请用 --with 指定要对照的表格编号或文件。")
    for f in outcome.findings:
        if args.json:
            sys.stdout.write(json.dumps(f.to_json(), ensure_ascii=False) + "\n")
        else:
            expected = f"，表格为 {f.expected}" if f.expected else ""
            where = f"（{f.where}）" if f.where else ""
            sys.stdout.write(f"[{severity_label(f.severity)}] {f.code} 报告写 {f.stated}{expected}"
                             f"{where}：{f.sentence}\n")
    if not args.json:
        problems = sum(1 for f in outcome.findings if f.severity != "info")
        sys.stdout.write(f"共核对表格 {len(outcome.forms)} 张；不一致 {problems} 处，"
                         f"未能核对的数字 {len(outcome.findings) - problems} 个。\n")
    return 0
