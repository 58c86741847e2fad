"""Each seed fixture written as the Word table(s) of its original document (see word_forms.py)."""
from __future__ import annotations

from typing import Any

from model.form import Form
from tests.model.office.word_forms import Style, WordWriter, _n, indicator_rows

_PCT = "{:.2f}%"


def _funds_rows(form: Form) -> list[list[str]]:
    funds = form.funds
    if funds is None:
        return []
    stated = form.stated or {}
    rows = []
    for i, row in enumerate(funds.rows):
        first = i == 0
        rows.append(["", ("" if first else "其中：") + row.name if i == 1 else row.name, _n(row.initial),
                     _n(row.annual), _n(row.executed), _n(funds.weight) if first else "—",
                     str(stated.get("funds_rate", "")) if first else "",
                     _n(stated.get("funds_score")) if first else "—"])
    return rows


def _merge_down(table: Any, rows: list[list[str]], start: int, cols: range) -> None:
    """Vertically merge blank cells into the filled cell above, within rows[start:]."""
    for c in cols:
        top = None
        for r in range(start, len(rows)):
            blank_left = not any(rows[r][k] for k in range(1, c))
            if rows[r][c]:
                top = r
            elif top is not None and blank_left:
                table.cell(top, c).merge(table.cell(r, c))
            else:
                top = None


def self_eval(w: WordWriter, form: Form, style: Style, annex: str | None = None) -> None:
    """项目支出绩效自评表 / scored 部门整体支出绩效自评表 (seeds 000, 003 附件2/3): one table, 9 columns."""
    h = form.header
    if annex:
        w.para(annex)
    w.para(form.title or "项目支出绩效自评表")
    if str(form.year) not in (form.title or ""):
        w.para(f"（{form.year}年度）")
    dept = form.kind == "dept_self_eval"
    top: list[list[str]] = []
    if style.facts_above and not dept:
        w.para(f"项目名称：{h.get('project_name', '')}")
    elif dept:
        top.append(["预算部门名称", h.get("department", "")])
    else:
        top.append(["项目支出名称" if style.wording == "variant" else "项目名称", h.get("project_name", "")])
    if not dept:
        top.append(["主管部门", h.get("department", ""), "", "", "实施单位", h.get("implementing_unit", "")])
    top.append(["年度预算申请(万元)" if dept else "项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数",
                "分值", "执行率", "得分"])
    top.extend(_funds_rows(form))
    if dept and form.funds and form.funds.by_income:
        spending = form.funds.by_spending or []
        total = (form.stated or {}).get("by_spending_total")
        top.append(["", "按收入性质分：", "", "", "", f"按支出性质分：{_n(total)}"])
        for i, amount in enumerate(form.funds.by_income):
            right = spending[i] if i < len(spending) else None
            prefix = "其中：" if i == 0 else ""
            top.append(["", f"{prefix}{amount.name}：{_n(amount.amount)}", "", "", "",
                        f"{prefix}{right.name}：{_n(right.amount)}" if right else ""])
    goal = form.goals[0]
    top.append(["年度总体目标", "预期目标", "", "", "", "实际完成情况"])
    top.append(["", goal.expected or "", "", "", "", goal.achieved or ""])
    ind = indicator_rows(form, 0, style)
    if style.split_heading:
        heading = ind[0]
        ind[0] = [{"年度指标值": "年度", "实际完成值": "实际"}.get(t, t) for t in heading]
        ind.insert(1, ["", "", "", *[{"年度指标值": "指标值", "实际完成值": "完成值"}.get(t, "") for t in heading[3:]]])
    width = 1 + len(ind[0])
    rows = [r + [""] * (width - len(r)) if len(r) > 2 else r for r in top]
    start = len(rows)
    rows.extend([""] + r for r in ind)
    stated = form.stated or {}
    if "total" in stated:
        cols = ind[0]
        total_row = ["总分"] + [""] * (width - 1)
        if "分值" in cols or "权重" in cols:
            total_row[1 + (cols.index("分值") if "分值" in cols else cols.index("权重"))] = _n(
                stated.get("weight_total", 100))
        score_col = next(i for i, t in enumerate(cols) if t in ("得分", "自评得分"))
        total_row[1 + score_col] = _n(stated["total"])
        rows.append(total_row)
    table = w.table(rows)
    end = start + len(ind)
    table.cell(start, 0).merge(table.cell(end - 1, 0))
    table.cell(start, 0).text = "绩效指标"
    if style.merge_categories:
        _merge_down(table, rows[:end], start + (2 if style.split_heading else 1), range(1, 3))
    signed = [f"{label}：{h[k]}" for label, k in (("填表人", "preparer"), ("填报日期", "fill_date"),
                                                 ("联系电话", "phone"), ("单位负责人签字", "leader")) if h.get(k)]
    if signed:
        w.para("  ".join(signed).replace("-", ".") if False else "  ".join(signed))


def dept_unscored(w: WordWriter, form: Form, style: Style) -> None:
    """2020年部门整体支出绩效自评表 with 目标1…目标N blocks and no scores (seed 001)."""
    h = form.header
    w.para(form.title or "部门整体支出绩效自评表")
    rows: list[list[str]] = [
        ["单位名称", h.get("unit_name", ""), "单位负责人及电话", f"{h.get('leader', '')}{h.get('phone', '')}", "", ""],
        ["主管部门", h.get("department", ""), "实施单位", h.get("implementing_unit", ""), "", ""],
        ["资金情况（万元）", "", "年初预算资金总额：", "实际投入资金额", "产生差异的原因", ""],
    ]
    assert form.funds is not None
    for i, row in enumerate(form.funds.rows):
        rows.append(["", ("其中：" if i == 1 else "") + row.name, _n(row.initial), _n(row.executed), row.note or "", ""])
    overall = form.extra.get("overall_goal", {})
    rows.append(["总体目标", "年度目标", "", "年度总体目标完成情况", "", ""])
    rows.append(["", overall.get("expected", ""), "", overall.get("achieved", ""), "", ""])
    w.table(rows)
    for g, goal in enumerate(form.goals):
        ind = indicator_rows(form, g, style)
        block = [[goal.title]] + ind
        table = w.table(block)
        if style.merge_categories:
            _merge_down_plain(table, block, 2, range(0, 2))


def _merge_down_plain(table: Any, rows: list[list[str]], start: int, cols: range) -> None:
    for c in cols:
        top = None
        for r in range(start, len(rows)):
            if rows[r][c]:
                top = r
            elif top is not None and not any(rows[r][k] for k in range(c)):
                table.cell(top, c).merge(table.cell(r, c))
            else:
                top = None


def target(w: WordWriter, form: Form, style: Style, number: int) -> None:
    """N.<项目>绩效目标表: a header table, a blank paragraph, the indicator table (seed 002)."""
    h = form.header
    w.para(f"{number}.{form.title}")
    assert form.funds is not None and form.spending_plan is not None
    amounts = {r.name: r.annual for r in form.funds.rows}
    rows = [
        [f"{h.get('unit_code', '')}{h.get('unit_name', '')}", "", "", "", "", "单位：元"],
        ["项目编码", h.get("project_code", ""), "", "项目名称", h.get("project_name", ""), ""],
        ["预算规模及资金用途", "预算数", f"{amounts.get('预算数', 0):.2f}", "其中：财政资金",
         f"{amounts.get('财政资金', 0):.2f}", "其他资金", _n(amounts.get("其他资金"))],
        ["", h.get("purpose", "")],
        ["资金支出计划（%）", *[p.label for p in form.spending_plan]],
        ["", *[_PCT.format(p.percent) if p.percent is not None else "" for p in form.spending_plan]],
        ["绩效目标", form.goals[0].expected or ""],
    ]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) if len(r) > 2 else r for r in rows]
    table = w.table(rows)
    table.cell(2, 0).merge(table.cell(3, 0))
    w.para("")
    ind = indicator_rows(form, 0, style)
    t2 = w.table(ind)
    if style.merge_categories:
        _merge_down_plain(t2, ind, 1, range(0, 2))


def basic_data(w: WordWriter, form: Form, style: Style) -> None:
    """部门整体支出绩效评价基础数据表 (seed 003 附件1)."""
    h = form.header
    w.para("附件1")
    w.para(form.title or "")
    w.para(f"填报单位：{h.get('unit_name', '')}        金额单位：万元")
    rows: list[list[str]] = []
    for section in form.basic_data or []:
        if section.text is not None:
            rows.append([section.section, section.text])
            continue
        rows.append([section.section, *(section.columns or [])])
        for row in section.rows or []:
            name = "" if section.section.startswith(row.name) else row.name
            cells = [(f"{v * 100:.0f}%" if v and "控制率" in (section.columns or [""])[i] else _n(v))
                     for i, v in enumerate(row.values)]
            rows.append([name, *cells])
    width = max(len(r) for r in rows)
    w.table([r + [""] * (width - len(r)) if len(r) > 2 else r for r in rows])
    w.para(f"填表人：{h.get('preparer', '')}  填报日期：{h.get('fill_date', '').replace('-', '.')}  "
           f"联系电话：{h.get('phone', '')}  单位负责人签字：{h.get('leader', '')}")


def evaluation(w: WordWriter, form: Form, style: Style) -> None:
    """…绩效评价指标体系及综合评分表 with the facts as paragraphs above it (seed 004 附件1)."""
    h = form.header
    stated = form.stated or {}
    if "weights" in stated:
        # The report's summary table 表3-1, pages before the scoring table (附件1).
        w.para("三、综合评价情况及评价结论")
        w.para("表3-1 综合评分")
        names = list(stated["weights"])
        codes = "ABCD"
        w.table([["项目", *[f"{codes[i]}{n}" for i, n in enumerate(names)], "合计"],
                 ["权重", *[_n(stated["weights"][n]) for n in names], "100"],
                 ["得分", *[_n(stated["subtotals"][n]) for n in names], _n(stated.get("total"))],
                 ["得分率", *[str(stated["rates"][n]) for n in names], str(stated.get("total_rate", ""))]])
    w.para("附件1：")
    w.para(form.title or "")
    for label, k in (("项目名称", "project_name"), ("项目单位", "implementing_unit"), ("主管部门", "department"),
                     ("委托单位", "client"), ("评价机构", "evaluator")):
        if h.get(k):
            w.para(f"{label}：{h[k]}")
    ind = indicator_rows(form, 0, style)
    ind.append(["合计", "", "", "", "", "", _n(100), "", "", _n(stated.get("total"))])
    table = w.table(ind)
    if style.merge_categories:
        _merge_down_plain(table, ind[:-1], 1, range(0, 2))
