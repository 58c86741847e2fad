"""One layout per form kind: which grid columns, which blocks, in what order (docs/rules.md §1).

Each builder returns the sheets of the main form; rows.py adds titles, appendix and findings.
Column widths are fractions of the printable width, shared by the PDF and the XLSX.
"""
from __future__ import annotations

from model.form import Form, Goal, Group, Leaf
from model.rates import is_rate_column, rate_fraction
from reports import blocks, indicators
from reports.cells import head, label, num, spans, text
from reports.indicators import field_of, score_of, weight_of
from reports.layout import Cell, Fmt, Grid, Sheet
from scoring.engine import is_scored
from scoring.result import Result

# The first column holds the block labels (项目资金, 年度总体目标, 绩效指标), as 10号 附件1 prints them.
SELF_EVAL_WIDTHS = [0.06, 0.08, 0.11, 0.17, 0.10, 0.10, 0.06, 0.07, 0.25]
SELF_EVAL_HEADINGS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                      "偏差原因分析及改进措施")
MULTI_GOAL_WIDTHS = [0.10, 0.13, 0.24, 0.13, 0.14, 0.26]
MULTI_GOAL_HEADINGS = ("一级指标", "二级指标", "三级指标", "指标值", "全年实际完成值", "产生差异的原因及改进措施")
TARGET_WIDTHS = [0.10, 0.11, 0.20, 0.27, 0.14, 0.18]
TARGET_HEADINGS = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")
EVAL_WIDTHS = [0.07, 0.08, 0.10, 0.16, 0.22, 0.25, 0.05, 0.07]
EVAL_HEADINGS = ("一级指标", "二级指标", "三级指标", "指标解释", "评价标准", "评价过程", "分值", "指标得分")
BASIC_WIDTHS = [0.28] + [0.12] * 6


def _total_row(grid: Grid, result: Result, label_span: int, tail: int) -> None:
    """总分 | 100 | total, padded with `tail` empty cells."""
    grid.add(Cell("总分", style="total", colspan=label_span), num(result.max, "plain", style="total"),
             num(result.total, "plain", style="total"), *(text("") for _ in range(tail)))


def _indicator_grid(ncols: int, headings: tuple[str, ...], name: str) -> Grid:
    grid = Grid(ncols, name=name)
    indicators.header_row(grid, headings)
    return grid


def project_self_eval(form: Form, result: Result) -> list[Sheet]:
    """项目支出绩效自评表 (10号 附件1; seeds 000 and 003 附件3), A4 portrait, 9 columns."""
    top = Grid(9, name="header")
    h = form.header
    top.add(label(blocks.header_label("project_name", form), 2), text(h.get("project_name"), 7))
    if h.get("project_code"):
        top.add(label("项目编码", 2), text(h.get("project_code"), 7))
    blocks.pair_row(top, ("主管部门", h.get("department")), ("实施单位", h.get("implementing_unit")),
                    (2, 3, 2, 2))
    blocks.extra_header_rows(top, form, {"project_name", "project_code", "department", "implementing_unit"},
                             label_span=2)
    blocks.funds_scored(top, form, result, "项目资金")
    return [Sheet("自评表", SELF_EVAL_WIDTHS, [top, *_scored_goals(form, result)])]


def _scored_goals(form: Form, result: Result) -> list[Grid]:
    """Goal text and indicator table of a scored form, ending with the 总分 row."""
    grids = []
    for goal in form.goals:
        text_grid = Grid(9, name="goal")
        blocks.goal_rows(text_grid, goal, 4)
        table = Grid(9, name="indicators")
        # 绩效指标 down the first column beside the heads and every indicator row (10号 附件1).
        rows = sum(indicators.row_count(node) for node in goal.indicators)
        table.add(label("绩效指标", rowspan=rows + 1), *(head(h) for h in SELF_EVAL_HEADINGS))
        table.repeat = 1
        indicators.add_tree(table, goal, [field_of("target", "center"), field_of("actual", "center"), weight_of,
                                          score_of(result), field_of("reason")])
        grids += [text_grid, table]
    if grids:
        _total_row(grids[-1], result, 6, 1)
    return grids


def dept_self_eval(form: Form, result: Result) -> list[Sheet]:
    """部门整体支出绩效自评表: the scored 2023 layout, or the unscored multi-goal 2020 layout."""
    if is_scored(form):
        top = Grid(9, name="header")
        top.add(label("预算部门名称", 2), text(form.header.get("department") or form.unit, 7))
        blocks.extra_header_rows(top, form, {"department"}, label_span=2)
        blocks.funds_scored(top, form, result, "年度预算申请")
        blocks.funds_breakdown(top, form)
        return [Sheet("自评表", SELF_EVAL_WIDTHS, [top, *_scored_goals(form, result)])]
    return [Sheet("自评表", MULTI_GOAL_WIDTHS, [_dept_header(form), *_multi_goals(form)])]


def _dept_header(form: Form) -> Grid:
    """Header and 资金情况 of the 2020 department form (001)."""
    top = Grid(6, name="header")
    h = form.header
    lead = " ".join(v for v in (h.get("leader"), h.get("phone")) if v)
    blocks.pair_row(top, ("单位名称", h.get("unit_name")), ("单位负责人及电话", lead), (1, 2, 1, 2))
    blocks.pair_row(top, ("主管部门", h.get("department")), ("实施单位", h.get("implementing_unit")),
                    (1, 2, 1, 2))
    blocks.extra_header_rows(top, form, {"unit_name", "department", "implementing_unit"})
    blocks.funds_unscored(top, form)
    overall = form.extra.get("overall_goal")
    if isinstance(overall, dict) and (overall.get("expected") or overall.get("achieved")):
        # 001 prints 总体目标 | 年度目标 | 年度总体目标完成情况 above the goals (form-format: overall_goal).
        goal = Goal(expected=str(overall.get("expected") or ""), achieved=str(overall.get("achieved") or ""))
        blocks.goal_rows(top, goal, 2, heading="总体目标", heads=("年度目标", "年度总体目标完成情况"))
    return top


def _multi_goals(form: Form) -> list[Grid]:
    """One block per goal (目标1 … 目标12): its texts and its own indicator table."""
    grids = []
    for goal in form.goals:
        table = Grid(6, name="indicators")
        table.add(Cell(goal.title, style="section", colspan=6))
        if goal.expected or goal.achieved:
            table.add(label("年度目标"), text(goal.expected, 2), label("完成情况"), text(goal.achieved, 2))
        indicators.header_row(table, MULTI_GOAL_HEADINGS)
        indicators.add_tree(table, goal, [field_of("target", "center"), field_of("actual", "center"),
                                          field_of("reason")])
        grids.append(table)
    return grids


def project_target(form: Form, result: Result) -> list[Sheet]:
    """项目绩效目标表 (Hebei 2021, seed 002): budget in 元, 资金支出计划, no scores; A4 portrait."""
    top = Grid(6, name="header")
    h = form.header
    blocks.pair_row(top, ("项目编码", h.get("project_code")), ("项目名称", h.get("project_name")), (1, 2, 1, 2))
    blocks.extra_header_rows(top, form, {"project_code", "project_name", "unit_code", "unit_name", "purpose"})
    rows = form.funds.rows if form.funds else []
    if rows:
        names = [blocks.sub_row_name(i, r.name) for i, r in enumerate(rows)]
        widths = spans(5, len(rows))
        top.add(label("预算规模及资金用途", rowspan=3), *(head(n, w) for n, w in zip(names, widths)))
        top.add(*(num(r.annual, "money", colspan=w) for r, w in zip(rows, widths)))
        top.add(text(h.get("purpose"), 5))
    blocks.plan_rows(top, form)
    grids = [top]
    for goal in form.goals:
        goal_grid = Grid(6, name="goal")
        goal_grid.add(label("绩效目标"), text(goal.expected, 5))
        table = _indicator_grid(6, TARGET_HEADINGS, "indicators")
        indicators.add_tree(table, goal, [field_of("description"), field_of("target", "center"),
                                          field_of("basis", "center")])
        grids += [goal_grid, table]
    return [Sheet("目标表", TARGET_WIDTHS, grids)]


def dept_basic_data(form: Form, result: Result) -> list[Sheet]:
    """部门整体支出绩效评价基础数据表 (003 附件1): table sections and free-text sections."""
    grid = Grid(7, name="basic")
    for section in form.basic_data or []:
        if section.columns is None:
            # 003: 厉行节约保障措施 | its text, in one row (the label in the row-name column).
            grid.add(label(section.section), text(section.text, 6))
            continue
        widths = spans(6, max(1, len(section.columns)))
        grid.add(head(section.section), *(head(c, w) for c, w in zip(section.columns, widths)))
        fmts = [_basic_fmt(section.section, c) for c in section.columns]
        for row in section.rows or []:
            # A rate written as percent points (100) prints as 100.00%, not 10000.00%.
            values = [rate_fraction(v) if i < len(fmts) and fmts[i] == "percent" else v
                      for i, v in enumerate(row.values)] + [None] * (len(widths) - len(row.values))
            grid.add(text(row.name), *(num(v, f, colspan=w) for v, f, w in zip(values, fmts, widths)))
    return [Sheet("基础数据表", BASIC_WIDTHS, [grid])]


def _basic_fmt(section: str, column: str) -> Fmt:
    """Rates print as percents, money with 2 decimals, counts and areas as written."""
    if is_rate_column(column):
        return "percent"
    if "万元" in column or ("万元" in section and "m²" not in column):
        return "money"
    return "plain"


def evaluation(form: Form, result: Result) -> list[Sheet]:
    """综合评分表 with 指标解释/评价标准/评价过程 (004 附件1), A4 landscape, 合计 row."""
    from reports.evaluation_summary import summary_grid

    top = Grid(8, name="header")
    blocks.extra_header_rows(top, form, set(), label_span=2)
    if form.funds and form.funds.rows:
        # 004 states the money in its report text; printing it here keeps the figures checkable.
        blocks.funds_scored(top, form, result, "项目资金")
    grids = [top, summary_grid(form, result)]
    for goal in form.goals:
        table = _indicator_grid(8, EVAL_HEADINGS, "indicators")
        indicators.add_tree(table, goal, [field_of("description"), field_of("criteria"), field_of("process"),
                                          weight_of, score_of(result)])
        grids.append(table)
    table = grids[-1]
    table.add(Cell("合计", style="total", colspan=6), num(result.max, "plain", style="total"),
              num(result.total, "plain", style="total"))
    return [Sheet("综合评分表", EVAL_WIDTHS, grids, landscape=True)]


BUILDERS = {"project_self_eval": project_self_eval, "dept_self_eval": dept_self_eval,
            "project_target": project_target, "dept_basic_data": dept_basic_data, "evaluation": evaluation}
