"""Form + Result → Document: the neutral rows both writers render (assert on these in tests first).

The kind decides the main sheets (kinds.py); this module adds the title, year, 附件 label, unit
line, signature, the optional 计分说明 appendix and 审核意见 page, and the 草稿 flag. Rows left wholly
blank (BLANK_ROW: not filled in yet) are not printed.
"""
from __future__ import annotations

from dataclasses import replace

from model.errors import JixiaoError
from model.form import Form, Group, Node
from model.places import place_text
from model.signoff import is_final
from model.tree import is_spare_row, leaves
from reports import blocks, kinds
from reports.cells import head, num, text
from reports.layout import Document, Grid, Sheet
from reports.widths import fit_widths
from scoring.engine import is_scored
from scoring.result import Result, severity_label, severity_rank

APPENDIX_WIDTHS = [0.34, 0.08, 0.08, 0.50]
FINDINGS_WIDTHS = [0.08, 0.32, 0.60]  # 级别, 位置 (Chinese place names), 问题; no internal codes


def build_document(form: Form, result: Result, *, appendix: bool = False, findings: bool = False,
                   draft: bool | None = None) -> Document:
    """Lay out a whole printout.

    Args:
        form: the form as written.
        result: what scoring.evaluate computed for it.
        appendix: add the 计分说明 sheet (each score's 计算过程).
        findings: add the 审核意见 sheet (the checker's findings).
        draft: mark every page 草稿; None means "unless the form is 已审核 and unchanged since"
            (model/signoff.py is_final).

    Returns:
        The Document; raises JixiaoError for a kind the program does not know.
    """
    builder = kinds.BUILDERS.get(form.kind)
    if builder is None:
        raise JixiaoError(f"无法打印表格类型“{form.kind}”：程序只认识 {', '.join(kinds.BUILDERS)}。")
    printed = without_blank_rows(form)
    doc = Document(title=form.display_title, subtitle=_year_line(form),
                   attachment=str(form.extra.get("attachment") or ""), sheets=builder(printed, result),
                   draft=not is_final(form) if draft is None else draft)
    if form.kind == "project_target":
        h = form.header
        doc.unit_line = (f"{h.get('unit_code', '')}{h.get('unit_name', '')}", f"单位：{form.currency}")
    elif form.kind != "evaluation":
        doc.unit_line = ("", f"金额单位：{form.currency}")
    if form.kind in ("project_self_eval", "dept_self_eval", "dept_basic_data"):
        doc.signature = blocks.signature(form)
    if form.kind == "dept_basic_data":
        # Worded as 003 附件1 prints it.
        doc.footnote = ("说明：“项目支出”需要填报基本支出以外的所有项目支出情况，“公用经费”填报基本支出中的"
                        "一般商品和服务支出。")
    if appendix and is_scored(form):
        # An unscored form (target table, basic data, 2020 department form) has no 计算过程 to show:
        # pages of “本表不评分” would only be paper.
        doc.sheets.append(appendix_sheet(result, shown={leaf.id for leaf in leaves(printed)}))
    if findings:
        doc.sheets.append(findings_sheet(result))
    for sheet in doc.sheets:
        sheet.widths = fit_widths(sheet)
    return doc


def without_blank_rows(form: Form) -> Form:
    """A copy of the form without spare blank rows (model.tree.is_spare_row), nor groups left empty.

    Nodes keep their ids (the Result is looked up by id); the form itself is not changed, since the
    editor keeps such rows for the user to fill in.
    """
    def keep(nodes: list[Node]) -> list[Node]:
        kept: list[Node] = []
        for node in nodes:
            if isinstance(node, Group):
                children = keep(node.children)
                if children or not node.children:  # a group empty as written stays, as before
                    kept.append(replace(node, children=children))
            elif not is_spare_row(node, nodes):
                kept.append(node)
        return kept
    return replace(form, goals=[replace(goal, indicators=keep(goal.indicators)) for goal in form.goals])


def _year_line(form: Form) -> str:
    """（2020年度） under the title, unless the title already names the year (003: 2023年度…)."""
    return "" if str(form.year) in form.display_title else f"（{form.year}年度）"


def appendix_sheet(result: Result, shown: set[int] | None = None) -> Sheet:
    """计分说明: every computed figure with its 计算过程, funds first, then leaves in order.

    `shown`: the node ids printed in the table (None: all); rows left out are not explained either.
    """
    grid = Grid(4, name="appendix")
    grid.add(head("计分说明", 4))
    grid.add(head("指标"), head("分值"), head("得分"), head("计算过程"))
    grid.repeat = 2
    if result.funds is not None:
        f = result.funds
        grid.add(text("预算执行率"), num(f.weight, "plain"), num(f.score, "plain"), text(f.explanation))
    for node in result.nodes:
        if shown is not None and node.node_id not in shown:
            continue
        how = node.explanation + ("（手工填写的得分）" if node.manual else "")
        grid.add(text(" / ".join(node.path[1:]) or " / ".join(node.path)), num(node.weight, "plain"),
                 num(node.score, "plain"), text(how))
    grid.add(text("总分"), num(result.max, "plain"), num(result.total, "plain"),
             text(f"等级：{result.grade}（评分规则：{result.profile}）" if result.grade else
                  f"评分规则：{result.profile}"))
    return Sheet("计分说明", APPENDIX_WIDTHS, [grid], page_break_before=True)


def findings_sheet(result: Result) -> Sheet:
    """审核意见: the checker's findings, errors first, with where and what to fix."""
    grid = Grid(3, name="findings")
    grid.add(head("审核意见", 3))
    grid.add(head("级别"), head("位置"), head("问题"))
    grid.repeat = 2
    found = sorted(result.findings, key=lambda f: severity_rank(f.severity))
    for f in found:
        # Place names as printed on the form (资金表 年度资金总额 全年执行数), never internal keys or codes.
        grid.add(text(severity_label(f.severity), align="center"), text(place_text(f.path, f.field, " ")),
                 text(f.message))
    if not found:
        grid.add(text("审核未发现问题。", 3))
    return Sheet("审核意见", FINDINGS_WIDTHS, [grid], page_break_before=True)
