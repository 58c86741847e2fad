"""表3-1 of the evaluation report: 权重 / 得分 / 得分率 per 一级 category and 合计 (seed 004).

Every figure comes from the Result: 权重 and 得分 from the group subtotals, 得分率 from
GroupScore.rate. The 合计 得分率 is the goal's rate when that goal's subtotal is the whole total
(the Result has no rate of its own for the total: requested from the lead).
"""
from __future__ import annotations

from decimal import Decimal

from model.form import Form, Group
from reports.cells import head, label, num
from reports.layout import Grid
from scoring.result import GroupScore, Result


def total_rate(form: Form, result: Result) -> Decimal | None:
    """得分率 of the 合计 column: the single goal's rate when its score and weight are the total's."""
    if len(form.goals) != 1:
        return None
    goal = result.group(form.goals[0].id)
    if goal is None or goal.score != result.total or (goal.declared or goal.weight) != result.max:
        return None  # e.g. a scored funds block adds to the total: the goal's rate is not the total's
    return goal.rate


# The four 一级 categories of 财预〔2020〕10号 as the report's 表3-1 names them (A项目决策 …).
_CATEGORIES = frozenset({"决策", "过程", "产出", "效益", "管理"})


def category_name(name: str) -> str:
    """决策 → 项目决策 (004 表3-1); other names print as written."""
    return f"项目{name}" if name in _CATEGORIES else name


def summary_grid(form: Form, result: Result) -> Grid:
    """The 表3-1 grid on the evaluation form's 8 columns: 项目 (2 columns) + categories + 合计."""
    grid = Grid(8, name="summary")
    groups = [n for g in form.goals for n in g.indicators if isinstance(n, Group)]
    scores: list[GroupScore | None] = [result.group(g.id) for g in groups]
    weights = [s.declared if s and s.declared is not None else s.weight if s else None for s in scores]
    # One column per category, the rest to 合计 (the last, widest columns of this grid).
    widths = [1] * len(groups) + [6 - len(groups)] if len(groups) < 6 else [1] * (len(groups) + 1)
    names = [f"{g.code or ''}{category_name(g.name)}" for g in groups] + ["合计"]
    project = form.header.get("project_name") or ""
    grid.add(head(f"表3-1：{project}整体绩效分值" if project else "表3-1：项目整体绩效分值", 8))
    grid.add(head("指标类别", 2), *(head(n, w) for n, w in zip(names, widths)))
    # 权重 and 分值 (the score) in one format, 15.00 and 98.00, as the report prints them.
    grid.add(label("权重", 2), *(num(v, "score", colspan=w) for v, w in zip([*weights, result.max], widths)))
    got = [s.score if s else None for s in scores]
    grid.add(label("分值", 2), *(num(v, "score", colspan=w) for v, w in zip([*got, result.total], widths)))
    rates = [s.rate if s else None for s in scores] + [total_rate(form, result)]
    grid.add(label("得分率", 2), *(num(v, "percent", colspan=w) for v, w in zip(rates, widths)))
    return grid
