"""部门整体支出绩效自评报告 (seed 003 附件4, first report: 一、部门概况 … 九、自评结果拟应用和公开情况).

人员, 三公经费 and 公用经费 come from the same unit and year's 基础数据表, the project list from that
unit and year's project forms, when the caller found them in the database (Related).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from model.form import Amount, Form
from reports.narrative.common import (analysis, closing, conclusion, leaf_rows, level1_groups, money, ordinal,
                                      percent, points, problems, q_rate, to_fill, written)
from reports.narrative.content import Report
from reports.narrative.templates import Templates, templates
from scoring.narrative.basic import figure, staff
from scoring.result import Result
from scoring.rounding import to_decimal


@dataclass
class Related:
    """The other forms of the same unit and year that a department report quotes."""

    basic: Form | None = None
    projects: list[tuple[Form, Result]] = field(default_factory=list)


def _amounts(items: list[Amount] | None, unit: str) -> str:
    return "，".join(f"{a.name}{money(a.amount, unit)}" for a in items or [] if a.amount is not None)


def _spending(form: Form, word: str) -> Decimal | None:
    for a in (form.funds.by_spending if form.funds else None) or []:
        if word in a.name:
            return to_decimal(a.amount)
    return None


def _money_section(report: Report, t: Templates, form: Form, result: Result, related: Related) -> None:
    unit = form.currency
    year = str(form.year)
    funds = form.funds
    if funds is not None and funds.rows:
        total = funds.rows[0]
        rate = result.funds.rate if result.funds is not None else None
        report.para(t.say("funds", 年度=year, 年初预算数=money(total.initial, unit), 全年预算数=money(total.annual, unit),
                          全年执行数=money(total.executed, unit), 执行率=percent(rate)) if rate is not None
                    else t.say("funds_missing"))
        if _amounts(funds.by_income, unit):
            report.para(t.say("by_income", 收入构成=_amounts(funds.by_income, unit)))
        if _amounts(funds.by_spending, unit):
            report.para(t.say("by_spending", 支出构成=_amounts(funds.by_spending, unit)))
    report.heading(t.head("basic"), 2)
    basic = _spending(form, "基本支出")
    public = figure(related.basic, "公用经费") if related.basic else None
    if basic and public is not None and public.value is not None:
        # The share is arithmetic on two form figures, rounded as every other rate (4.50%).
        report.para(t.say("basic_public", 年度=year, 基本支出=money(basic, unit), 公用经费=money(public.value, unit),
                          公用经费占比=percent(q_rate(public.value, basic))))
    else:
        if basic is not None:
            report.para(t.say("basic", 年度=year, 基本支出=money(basic, unit)))
        if public is not None and public.value is not None:
            report.para(t.say("public_costs_only", 公用经费=money(public.value, unit)))
    report.para(t.say("public_costs_fill"))
    three = figure(related.basic, "三公经费") if related.basic else None
    if related.basic is not None and three is not None and three.value is not None:
        parts = {k: figure(related.basic, k) for k in ("出国经费", "公务接待", "公务用车")}
        report.para(t.say("three_costs", 年度=year, 三公经费=money(three.value, unit),
                          **{k: money(c.value if c and c.value is not None else 0, unit) for k, c in parts.items()}))
    else:
        report.para(t.say("three_costs_fill"))
    report.heading(t.head("projects"), 2)
    projects = _spending(form, "项目支出")
    if projects is not None:
        report.para(t.say("projects", 年度=year, 项目支出=money(projects, unit)))
    _project_list(report, t, form, related)


def _project_list(report: Report, t: Templates, form: Form, related: Related) -> None:
    if not related.projects:
        report.para(t.say("no_projects"))
        return
    report.para(t.say("project_list", 个数=str(len(related.projects))))
    rows = []
    for project, result in related.projects:
        total = project.funds.rows[0] if project.funds and project.funds.rows else None
        rate = result.funds.rate if result.funds is not None else None
        rows.append((project.header.get("project_name") or project.display_title,
                     money(total.annual if total else None, ""), money(total.executed if total else None, ""),
                     percent(rate), points(result.total) if result.grade else "未评分完", result.grade or "—"))
    header = tuple(f"{h}（{form.currency}）" if h.startswith("全年") else h for h in t.columns("projects_header"))
    report.table(header, rows, (3.2, 1.5, 1.5, 1.2, 1.4, 0.8))
    report.para(t.say("project_fill"))


def _goals_unscored(report: Report, t: Templates, form: Form, result: Result) -> None:
    """A department form without 分值 (seed 001): each goal with its indicators, no scores."""
    report.para(t.say("not_scored"))
    for i, goal in enumerate(form.goals, start=1):
        report.heading(t.head("level1", 序号=ordinal(i), 一级指标=goal.title), 2)
        if goal.expected:
            report.para(t.say("goal_title", 目标=goal.title, 预期目标=goal.expected))
        if goal.achieved:
            report.para(t.say("goal_achieved", 实际完成情况=goal.achieved))
        rows = [(r.level2, r.leaf.name, written(r.leaf.target), written(r.leaf.actual))
                for node in goal.indicators for r in leaf_rows(node, result)]
        report.table(t.columns("plain_header"), rows, (2.0, 3.6, 2.2, 2.2), merge_first=True)


def build_dept(form: Form, result: Result, related: Related | None = None) -> Report:
    """The department report."""
    related = related or Related()
    t = templates("dept_self_eval")
    unit = form.unit or "【请填写：单位名称】"
    year = str(form.year)
    report = Report(form.kind, t.top("title", 年度=year, 单位名称=unit))
    report.heading(t.head("overview"))
    report.heading(t.head("duties"), 2)
    report.para(t.say("duties_fill"))
    report.heading(t.head("organisation"), 2)
    report.para(t.say("organisation_fill"))
    quota, serving = staff(related.basic) if related.basic else (None, None)
    report.para(t.say("staff", 编制数=_count(quota), 在职人数=_count(serving), 年度=year) if quota is not None
                else t.say("staff_fill"))
    report.heading(t.head("plan"), 2)
    goals = [g for g in form.goals if g.expected]
    report.para(*(t.say("plan_goal", 目标=g.title, 预期目标=g.expected or "") for g in goals) if goals
                else (t.say("plan_fill"),))
    report.heading(t.head("money"))
    _money_section(report, t, form, result, related)
    report.heading(t.head("implementation"))
    report.para(t.say("implementation_fill"))
    report.heading(t.head("performance"))
    if result.max is None:
        _goals_unscored(report, t, form, result)
    else:
        conclusion(report, t, form, result)
        analysis(report, t, form, result)
    report.heading(t.head("problems"))
    problems(report, t, form, result)
    to_fill(report, t, "advice", "experience", "other")
    report.heading(t.head("publish"))
    report.para(t.say("publish", 总分=points(result.total), 等级=result.grade) if result.grade
                else t.say("publish_unscored"), t.say("publish_fill"))
    closing(report, t, form)
    return report


def _count(value: Decimal | None) -> str:
    return "—" if value is None else format(value.normalize(), "f")


__all__ = ["Related", "build_dept", "level1_groups"]
