"""The `score` command: score one form file and print the Result as JSON (docs/form-format.md) or a table.

Exit code 0 even when the form has findings; 1 when the file or its profile cannot be read.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from model.codec import load_form
from model.form import Form
from model.signoff import MODIFIED, status
from scoring.cross_forms import cross_check
from scoring.result import Result, severity_label
from ui.services.evaluation import evaluate_with_profile


def register(subparsers: Any) -> None:
    """Add `score FILE.json [--text] [--with OTHER.json …]` to the command line."""
    p = subparsers.add_parser("score", help="计算表格得分并审核，输出 JSON（或 --text 输出表格）")
    p.add_argument("file", type=Path, help="jixiao.form/1 表格文件")
    p.add_argument("--text", action="store_true", help="输出便于阅读的表格和计算过程，而不是 JSON")
    # extend: `--with A B` and `--with A --with B` both give [A, B] (append would keep only B's list).
    p.add_argument("--with", dest="others", type=Path, nargs="+", action="extend", default=[], metavar="OTHER",
                   help="同一单位同一年度的其他表格文件：核对同一指标在各表中是否一致（CROSS_FORM_MISMATCH）")
    p.set_defaults(func=cmd_score)


def cmd_score(args: argparse.Namespace) -> int:
    """Read, score and print one form."""
    form = load_form(args.file)
    result = evaluate_with_profile(form)
    if args.others:
        result = _with_cross_findings(form, args.others, result)
    now = status(form)
    if args.text:
        sys.stdout.write(render_text(result) + f"签字状态：{now.label}\n")
    else:
        doc = result.to_json()
        doc["signoff"] = {"state": now.state, "modified": now.modified, "label": now.label}
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    if now.modified:
        print(f"注意：表格“{args.file.name}”{MODIFIED}：内容与签字时的内容指纹不一致。"
              "请向填表人核实，核实后解锁并重新签字。", file=sys.stderr)
    return 0


def _with_cross_findings(form: Form, others: list[Path], result: Result) -> Result:
    """The result with FILE's CROSS_FORM_MISMATCH findings against the --with forms added."""
    forms = [form, *(load_form(other) for other in others)]
    # Files need not carry ids (and a copied file repeats one): each is named by its position, FILE first.
    ids = [f"#{i}" for i in range(len(forms))]
    for one, form_id in zip(forms, ids):
        one.id = form_id
    extra = tuple(f for form_id, f in cross_check(forms) if form_id == ids[0])
    return replace(result, findings=result.findings + extra) if extra else result


def _n(value: Any) -> str:
    return "—" if value is None else f"{value:.2f}"


def render_text(result: Result) -> str:
    """A readable report: funds, each leaf with its 计算过程, subtotals, total, grade, findings."""
    lines = [f"评分规则：{result.profile}"]
    if result.funds is not None:
        f = result.funds
        rate = "—" if f.rate is None else f"{f.rate * 100:.2f}%"
        lines.append(f"预算执行率：{rate}  分值 {_n(f.weight)}  得分 {_n(f.score)}  （{f.explanation}）")
    lines.append("")
    lines.append("指标\t分值\t得分\t计算得分\t计算过程")
    for node in result.nodes:
        mark = "（手工）" if node.manual else ""
        lines.append(f"{' / '.join(node.path)}\t{_n(node.weight)}\t{_n(node.score)}{mark}\t{_n(node.computed)}\t"
                     f"{node.explanation}")
    lines.append("")
    lines.append("小计\t分值合计\t标注分值\t得分")
    for group in result.groups:
        lines.append(f"{' / '.join(group.path)}\t{_n(group.weight)}\t{_n(group.declared)}\t{_n(group.score)}")
    lines.append("")
    lines.append(f"总分：{_n(result.total)} / {_n(result.max)}  等级：{result.grade or '—'}")
    lines.append("")
    lines.append(f"审核发现 {len(result.findings)} 条（错误 {result.count('error')}，警告 {result.count('warning')}，"
                 f"提示 {result.count('info')}）")
    for finding in result.findings:
        where = " / ".join(finding.path)
        field = f"（{finding.field}）" if finding.field else ""
        lines.append(f"[{severity_label(finding.severity)}] {finding.code} {where}{field}："
                     f"{finding.message}")
    return "\n".join(lines) + "\n"
