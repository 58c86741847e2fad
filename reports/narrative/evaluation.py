"""第三方绩效评价报告 skeleton (seed 004: 一、基本情况 … 八、附件) with 表3-1 and a paragraph per
indicator from its 指标解释, 评价标准 and 评价过程, then the score the Result gives it."""
from __future__ import annotations

from model.form import Form, Group
from reports.narrative.common import (analysis, bare, closing, conclusion, leaf_rows, level1_groups, money,
                                      percent, points, problems_section, to_fill)
from reports.narrative.content import Block, Report, Table
from reports.narrative.templates import Templates, templates
from scoring.result import Result


def _funds(report: Report, t: Templates, form: Form, result: Result) -> None:
    funds = form.funds
    unit = form.currency
    rate = result.funds.rate if result.funds is not None else None
    if funds is None or not funds.rows or rate is None:
        report.para(t.say("funds_missing"))
        return
    total = funds.rows[0]
    report.para(t.say("funds", 全年预算数=money(total.annual, unit), 全年执行数=money(total.executed, unit),
                      执行率=percent(rate)))
    for row in funds.rows[1:]:
        if row.annual or row.executed:
            report.para(t.say("funds_part", 资金来源=row.name, 全年预算数=money(row.annual, unit),
                              全年执行数=money(row.executed, unit)))


def _indicator_paragraphs(report: Report, t: Templates, form: Form, result: Result) -> None:
    """After each 表4-N: one paragraph group per 三级指标 (code, name, 解释, 标准, 过程, score)."""
    blocks = report.blocks
    out: list[Block] = []
    level1 = [node for _goal, node in level1_groups(form)]
    i = 0
    for block in blocks:
        out.append(block)
        if isinstance(block, Table) and block.header == t.columns("leaves_header") and i < len(level1):
            node = level1[i]
            i += 1
            sub = Report(form.kind, "")
            for r in leaf_rows(node, result):
                leaf, s = r.leaf, r.score
                sub.para(t.say("leaf_title", 编码=leaf.code or "", 三级指标=leaf.name))
                sub.para(*(t.say(key, **{field: text}) for key, field, text in (
                    ("leaf_description", "指标解释", leaf.description), ("leaf_criteria", "评价标准", leaf.criteria),
                    ("leaf_process", "评价过程", leaf.process)) if text))
                if s is not None and s.weight is not None and s.score is None:
                    sub.para(t.say("leaf_unscored", 三级指标=leaf.name, 分值=points(s.weight), 计算过程=s.explanation.rstrip("。")))
                elif s is not None and s.weight is not None:
                    sub.para(t.say("leaf_score", 三级指标=leaf.name, 分值=points(s.weight), 得分=points(s.score)))
            out.extend(sub.blocks)
    report.blocks = out


def build_evaluation(form: Form, result: Result) -> Report:
    """The third-party evaluation report."""
    t = templates("evaluation")
    h = form.header
    name = h.get("project_name") or form.display_title
    report = Report(form.kind, t.top("title", 项目名称=name))
    report.para(t.say("cover", 项目单位=h.get("implementing_unit") or "【请填写：项目单位】",
                      主管部门=h.get("department") or "【请填写：主管部门】",
                      委托单位=h.get("client") or "【请填写：委托单位】", 评价机构=h.get("evaluator") or "【请填写：评价机构】"))
    report.heading(t.head("basic"))
    report.heading(t.head("overview"), 2)
    report.para(t.say("overview_fill"))
    _funds(report, t, form, result)
    report.heading(t.head("goals"), 2)
    goals = [g.expected for g in form.goals if g.expected]
    report.para(*(t.say("goal", 预期目标=g) for g in goals) if goals else (t.say("goals_fill"),))
    report.heading(t.head("work"))
    report.heading(t.head("purpose"), 2)
    report.para(t.say("purpose_fill"))
    if h.get("eval_period"):
        report.para(t.say("period", 评价期间=h["eval_period"]))
    report.heading(t.head("system"), 2)
    groups = [n for _g, n in level1_groups(form) if isinstance(n, Group)]
    parts = []
    for g in groups:
        s = result.group(g.id)
        weight = s.declared if s and s.declared is not None else s.weight if s else None
        parts.append(f"{g.name}指标（{points(weight)}）")
    report.para(t.say("system", 个数=str(len(groups)), 一级构成="、".join(parts), 满分=points(result.max)),
                t.say("system_fill"))
    report.heading(t.head("process"), 2)
    report.para(t.say("process_fill"))
    if h.get("team"):
        report.para(t.say("team", 评价小组=h["team"]))
    report.heading(t.head("conclusion"))
    start = len(report.blocks)
    conclusion(report, t, form, result)
    _caption_last_table(report, start, t.top_table("summary_caption", 项目名称=name))
    report.heading(t.head("analysis"))
    start = len(report.blocks)
    analysis(report, t, form, result)
    _number_tables(report, start, t, form)
    _indicator_paragraphs(report, t, form, result)
    problems_section(report, t, form, result)
    to_fill(report, t, "advice", "other")
    report.heading(t.head("attachments"))
    report.para(t.say("attachments"), t.say("attachments_fill"))
    closing(report, t, form)
    report.closing = (h.get("evaluator") or report.closing[0], report.closing[1])
    return report


def _caption_last_table(report: Report, start: int, caption: str) -> None:
    for i in range(len(report.blocks) - 1, start - 1, -1):
        block = report.blocks[i]
        if isinstance(block, Table):
            report.blocks[i] = Table(block.header, block.rows, block.widths, caption, block.merge_first)
            return


def _number_tables(report: Report, start: int, t: Templates, form: Form) -> None:
    names = [node.name for _g, node in level1_groups(form)]
    n = 0
    for i in range(start, len(report.blocks)):
        block = report.blocks[i]
        if isinstance(block, Table) and n < len(names):
            report.blocks[i] = Table(block.header, block.rows, block.widths,
                                     t.top_table("level_caption", 序号=str(n + 1), 一级指标=names[n]), block.merge_first)
            n += 1


__all__ = ["build_evaluation", "bare"]
