"""项目支出绩效自评报告 (seed 003 附件4, second report; section names as seed 004 uses them)."""
from __future__ import annotations

from model.form import Form, FundsRow
from reports.narrative.common import (analysis, closing, conclusion, money, percent, problems_section, to_fill,
                                      written)
from reports.narrative.content import Report
from reports.narrative.templates import Templates, templates
from scoring.result import Result


def project_name(form: Form) -> str:
    """The project's name, or a placeholder."""
    return form.header.get("project_name") or "【请填写：项目名称】"


def funds_paragraphs(report: Report, t: Templates, form: Form, result: Result) -> None:
    """年初/全年预算, 全年执行 and 执行率 of the total row, then each filled source row, and a table."""
    funds = form.funds
    unit = form.currency
    if funds is None or not funds.rows:
        report.para(t.say("funds_missing"))
        return
    total = funds.rows[0]
    rate = result.funds.rate if result.funds is not None else None
    if rate is None:
        report.para(t.say("funds_missing"))
    else:
        report.para(t.say("funds", 年度=str(form.year), **_amounts(total, unit), 执行率=percent(rate)))
    parts = [r for r in funds.rows[1:] if any(v is not None for v in (r.initial, r.annual, r.executed))]
    for row in parts:
        filled = [f"{label}{money(v, unit)}" for label, v in (("年初预算", row.initial), ("全年预算", row.annual),
                                                               ("全年执行", row.executed)) if v is not None]
        report.para(t.say("funds_part", 资金来源=row.name, 已填金额="，".join(filled)))
    rows = [(r.name, *_cells(r), percent(rate) if r is total else "—") for r in [total, *parts]]
    report.table(tuple(f"{h}（{unit}）" if 0 < i < 4 else h for i, h in enumerate(t.columns("funds_header"))),
                 rows, (2.6, 1.5, 1.5, 1.5, 1.3))


def _amounts(row: FundsRow, unit: str) -> dict[str, str]:
    return {"年初预算数": money(row.initial, unit), "全年预算数": money(row.annual, unit),
            "全年执行数": money(row.executed, unit)}


def _cells(row: FundsRow) -> tuple[str, str, str]:
    return (money(row.initial, ""), money(row.annual, ""), money(row.executed, ""))


def build_project(form: Form, result: Result) -> Report:
    """The project report: 一 基本情况 … 七 其他需要说明的问题."""
    t = templates("project_self_eval")
    name = project_name(form)
    unit = form.unit or "【请填写：单位名称】"
    h = form.header
    report = Report(form.kind, t.top("title", 年度=str(form.year), 项目名称=name))
    report.heading(t.head("basic"))
    report.heading(t.head("overview"), 2)
    report.para(t.say("overview", 项目名称=name, 主管部门=h.get("department") or "【请填写：主管部门】",
                      实施单位=h.get("implementing_unit") or unit), t.say("overview_fill"))
    for goal in form.goals:
        if goal.expected:
            report.para(t.say("goal", 预期目标=written(goal.expected)))
        if goal.achieved:
            report.para(t.say("goal_achieved", 实际完成情况=written(goal.achieved)))
    report.heading(t.head("funds"), 2)
    funds_paragraphs(report, t, form, result)
    report.para(t.say("funds_manage"))
    report.heading(t.head("work"))
    report.para(t.say("work", 单位名称=unit, 年度=str(form.year), 项目名称=name), t.say("work_fill"))
    report.heading(t.head("conclusion"))
    conclusion(report, t, form, result)
    report.heading(t.head("analysis"))
    analysis(report, t, form, result)
    problems_section(report, t, form, result)
    to_fill(report, t, "advice", "other")
    closing(report, t, form)
    return report
