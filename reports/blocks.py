"""Blocks above the indicator table: header rows, the funds block, goals, plan, signature line.

Each function adds rows to a Grid on the kind's column grid; figures come from the Form (what was
written) or the Result (what was computed), never from arithmetic here.
"""
from __future__ import annotations

from itertools import zip_longest

from model.form import HEADER_LABELS, Form, Goal
from reports.cells import EXTRA_HEADER_LABELS, dash, fill_date, head, label, num, spans, text
from reports.layout import Grid
from scoring.result import Result

# Header keys printed elsewhere (signature line, unit line) rather than as header rows.
SIGNATURE_KEYS = ("preparer", "fill_date", "phone", "leader")


def header_label(key: str, form: Form | None = None) -> str:
    """The printed label of a header key (unknown keys print as they are).

    A form may name its own labels in `labels` (003 附件3 prints 项目支出名称 for project_name).
    """
    own = form.extra.get("labels") if form is not None else None
    if isinstance(own, dict) and isinstance(own.get(key), str) and own[key]:
        return str(own[key])
    return HEADER_LABELS.get(key) or EXTRA_HEADER_LABELS.get(key) or key


def sub_row_name(index: int, name: str) -> str:
    """A funds row's printed name: “其中：” on the first sub-row only, never twice (其中：其中：…)."""
    bare = name.strip()
    for prefix in ("其中：", "其中:"):
        bare = bare.removeprefix(prefix)
    return f"其中：{bare}" if index == 1 else bare


def extra_header_rows(grid: Grid, form: Form, shown: set[str], label_span: int = 1) -> None:
    """Header keys the layout has not placed yet, one row each (docs/form-format.md: printed as rows)."""
    for key, value in form.header.items():
        if key in shown or key in SIGNATURE_KEYS or not value:
            continue
        grid.add(label(header_label(key, form), colspan=label_span), text(value, colspan=grid.ncols - label_span))


def pair_row(grid: Grid, left: tuple[str, str | None], right: tuple[str, str | None],
             split: tuple[int, int, int, int]) -> None:
    """One row holding two label/value pairs, e.g. 主管部门 | … | 实施单位 | …."""
    a, b, c, d = split
    grid.add(label(left[0], a), text(left[1], b), label(right[0], c), text(right[1], d))


def funds_scored(grid: Grid, form: Form, result: Result, title: str) -> None:
    """The 项目资金 block of the 自评表: 年初/全年/执行, 分值, 执行率, 得分 (the 9-column 自评表 grid, or 8 of the evaluation form).

    Only the total row is scored; the sub-rows print "—" in 分值 and 得分 as the official form does.
    """
    funds = form.funds
    rows = funds.rows if funds else []
    unit = form.currency
    name_span = grid.ncols - 7  # the row names take what the label and the six figures leave
    grid.add(label(f"{title}\n（{unit}）", rowspan=len(rows) + 1), head("", name_span),
             *(head(h) for h in ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")))
    scored = result.funds
    for i, row in enumerate(rows):
        money = [num(row.initial, "money"), num(row.annual, "money"), num(row.executed, "money")]
        if i == 0:
            tail = [num(funds.weight if funds else None, "plain"),
                    num(scored.rate if scored else None, "percent"),
                    num(scored.score if scored else None, "plain")]
        else:
            tail = [dash(), text(""), dash()]
        grid.add(label(sub_row_name(i, row.name), name_span), *money, *tail)


def funds_breakdown(grid: Grid, form: Form) -> None:
    """按收入性质分 / 按支出性质分 beside each other (dept 自评表, 003 附件2), on the 9-column grid."""
    funds = form.funds
    if not funds or not (funds.by_income or funds.by_spending):
        return
    pairs = list(zip_longest(funds.by_income or [], funds.by_spending or []))
    stated = form.stated if isinstance(form.stated, dict) else {}
    total = stated.get("by_spending_total")
    # 003 prints the spending total in the heading, as written: 按支出性质分：1005.67.
    spending_head = f"按支出性质分：{num(total, 'money').display}" if isinstance(total, (int, float)) else "按支出性质分："
    left = (grid.ncols - 1) // 2
    right = grid.ncols - 1 - left
    grid.add(label("资金构成", rowspan=len(pairs) + 1), head("按收入性质分：", left), head(spending_head, right))
    for i, (income, spending) in enumerate(pairs, start=1):
        grid.add(text(sub_row_name(i, income.name) if income else "", colspan=left - 1),
                 num(income.amount if income else None, "money"),
                 text(sub_row_name(i, spending.name) if spending else "", colspan=right - 1),
                 num(spending.amount if spending else None, "money"))


def funds_unscored(grid: Grid, form: Form) -> None:
    """资金情况 of the 2020 department form (001): 年初预算资金总额 | 实际投入资金额 | 差异原因."""
    rows = form.funds.rows if form.funds else []
    grid.add(label(f"资金情况\n（{form.currency}）", rowspan=len(rows) + 1), head(""),
             head("年初预算资金总额"), head("实际投入资金额"), head("产生差异的原因", 2))
    for i, row in enumerate(rows):
        grid.add(label(sub_row_name(i, row.name)), num(row.initial, "money"), num(row.executed, "money"), text(row.note, 2))


def goal_rows(grid: Grid, goal: Goal, split: int, heading: str = "年度总体目标",
              heads: tuple[str, str] = ("预期目标", "实际完成情况")) -> None:
    """年度总体目标 | 预期目标 | 实际完成情况 and the two texts below; `split` = columns of 预期目标."""
    rest = grid.ncols - 1 - split
    grid.add(label(heading, rowspan=2), head(heads[0], split), head(heads[1], rest))
    grid.add(text(goal.expected, split), text(goal.achieved, rest))


def plan_rows(grid: Grid, form: Form) -> None:
    """资金支出计划（%）: checkpoint labels over their cumulative percentages (002)."""
    plan = form.spending_plan or []
    if not plan:
        return
    widths = spans(grid.ncols - 1, len(plan)) if len(plan) <= grid.ncols - 1 else [1] * len(plan)
    grid.add(label("资金支出计划（%）", rowspan=2), *(head(p.label, w) for p, w in zip(plan, widths)))
    grid.add(*(num(p.percent, "points", colspan=w) for p, w in zip(plan, widths)))


def signature(form: Form) -> list[tuple[str, str]]:
    """The line under the table: 填表人 / 填报日期 / 联系电话 / 单位负责人签字.

    Once signed (model/signoff.py), each signer's name and date replace the header's names, and
    审核人 joins the line; the writers leave room after each for the hand signature.
    """
    h = form.header
    signed = {s.role: f"{s.name} {s.date}" for s in (form.signoff.signatures if form.signoff else [])}
    line = [("填表人", signed.get("填表人") or h.get("preparer", ""))]
    if "填表人" not in signed:
        line.append(("填报日期", fill_date(h.get("fill_date"))))
    if "审核人" in signed:
        line.append(("审核人", signed["审核人"]))
    return [*line, ("联系电话", h.get("phone", "")), ("单位负责人签字", signed.get("单位负责人") or h.get("leader", ""))]
