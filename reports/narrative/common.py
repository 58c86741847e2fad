"""Pieces every narrative report shares: figures as official documents print them, the 一级指标
table, the per-indicator analysis, the unscored list and the problems drawn from the Result.

Every number comes from the Result (scores, rates, totals) or is the form's own figure (money,
targets, actuals); nothing is computed here that evaluate() already computes.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from model.form import Form, Goal, Group, Leaf, Node
from reports.narrative.content import Report
from reports.narrative.templates import Templates
from scoring.result import NodeScore, Result
from scoring.rounding import percent_text, q2, score_text, to_decimal

CHINESE_ORDINALS = "一二三四五六七八九十"
MAX_FINDINGS = 8  # findings quoted in 存在的问题; the rest are counted


def money(value: object, unit: str) -> str:
    """An amount with 2 decimals and its unit: 154 → "154.00万元"; "—" when not filled."""
    d = to_decimal(value)
    return "—" if d is None else f"{format(q2(d), 'f')}{unit}"


def percent(rate: Decimal | None) -> str:
    """A rate (fraction) as 4.50%; "—" when there is none."""
    return "—" if rate is None else percent_text(rate)


def points(value: Decimal | None) -> str:
    """A score or 分值 with 2 decimals and 分: 12.5 → "12.50分"."""
    return "—" if value is None else f"{score_text(value)}分"


def bare(value: Decimal | None) -> str:
    """A score for a table cell (the column says 分): 12.50."""
    return "—" if value is None else score_text(value)


def ordinal(i: int) -> str:
    """1 → 一 … 10 → 十, then digits."""
    return CHINESE_ORDINALS[i - 1] if 1 <= i <= len(CHINESE_ORDINALS) else str(i)


def written(text: str | None) -> str:
    """A target or actual as written, "未填写" when blank."""
    return text.strip() if text and text.strip() else "未填写"


def long_date(text: str | None) -> str:
    """2024-10-10 / 2024.10.10 → 2024年10月10日; a placeholder when not filled."""
    if not text:
        return "【请填写：报告日期】"
    parts = [p for p in text.replace(".", "-").replace("/", "-").split("-") if p]
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"
    return text


@dataclass(frozen=True)
class LeafRow:
    """A leaf with its 二级 name and its score."""

    level2: str
    leaf: Leaf
    score: NodeScore | None


def level1_groups(form: Form) -> Iterator[tuple[Goal, Node]]:
    """Each goal's top-level nodes (一级指标) in order."""
    for goal in form.goals:
        for node in goal.indicators:
            yield goal, node


def leaf_rows(node: Node, result: Result, level2: str = "") -> Iterator[LeafRow]:
    """The leaves under a 一级 node with the 二级 they sit in."""
    if isinstance(node, Leaf):
        yield LeafRow(level2, node, result.node(node.id))
        return
    for child in node.children:
        yield from leaf_rows(child, result, child.name if isinstance(child, Group) and not level2 else level2)


def short_of_weight(row: LeafRow) -> bool:
    """A scored leaf that lost points."""
    s = row.score
    return s is not None and s.score is not None and s.weight is not None and s.score < s.weight


def unscored(form: Form, result: Result) -> list[str]:
    """Names of the weighted items that have no score yet (预算执行率 included)."""
    names = [" / ".join(n.path[1:]) or n.path[-1] for n in result.nodes if n.weight is not None and n.score is None]
    if result.funds is not None and result.funds.weight is not None and result.funds.score is None:
        names.insert(0, "预算执行率")
    return names


def group_title(goal: Goal, node: Node, form: Form) -> str:
    """The 一级 name, with the goal's title when the form has several goals."""
    return f"{goal.title} {node.name}" if len(form.goals) > 1 else node.name


def level1_table(report: Report, t: Templates, form: Form, result: Result) -> None:
    """The 一级指标 得分 table with the 预算执行率 row and 合计."""
    rows: list[tuple[str, ...]] = []
    funds = result.funds
    if funds is not None and funds.weight is not None:
        rows.append((t.columns("funds_row")[0], bare(funds.weight), bare(funds.score),
                     percent(None if funds.score is None or not funds.weight else q_rate(funds.score, funds.weight))))
    for goal, node in level1_groups(form):
        g = result.group(node.id) if isinstance(node, Group) else None
        if g is not None:
            rows.append((group_title(goal, node, form), bare(g.declared if g.declared is not None else g.weight),
                         bare(g.score), percent(g.rate)))
        else:
            s = result.node(node.id)
            rows.append((node.name, bare(s.weight if s else None), bare(s.score if s else None), "—"))
    rows.append((t.columns("total_row")[0], bare(result.max), bare(result.total), percent(result.rate)))
    report.table(t.columns("level1_header"), rows, (3.0, 1.2, 1.2, 1.4))


def q_rate(score: Decimal, weight: Decimal) -> Decimal:
    """得分率 of the 执行率 row, rounded as GroupScore.rate is (4 places of a fraction, half-up)."""
    from decimal import ROUND_HALF_UP

    return (score / weight).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def conclusion(report: Report, t: Templates, form: Form, result: Result) -> None:
    """总分, 得分率 and 等级 — or, for an incomplete form, which items still have no score."""
    missing = unscored(form, result)
    if missing or result.grade is None:
        report.para(t.say("conclusion_unscored", 未评分个数=str(len(missing)), 未评分指标="、".join(missing) or "—"))
        if result.total is not None:
            scored_weight = sum((n.weight or Decimal(0) for n in result.nodes if n.score is not None), Decimal(0))
            if result.funds is not None and result.funds.score is not None and result.funds.weight is not None:
                scored_weight += result.funds.weight
            report.para(t.say("conclusion_partial", 已得分=points(result.total), 已评分值=points(scored_weight)))
    else:
        report.para(t.say("conclusion", 总分=points(result.total), 满分=points(result.max),
                          得分率=percent(result.rate), 等级=result.grade))
    report.para(t.say("conclusion_table"))
    level1_table(report, t, form, result)


def analysis(report: Report, t: Templates, form: Form, result: Result, *, leaf_table: bool = True) -> None:
    """Per 一级 indicator: its subtotal, a table of its leaves, and a paragraph for each shortfall."""
    for i, (goal, node) in enumerate(level1_groups(form), start=1):
        title = group_title(goal, node, form)
        report.heading(t.head("level1", 序号=ordinal(i), 一级指标=title), 2)
        g = result.group(node.id) if isinstance(node, Group) else None
        if g is not None and g.score is not None and g.rate is not None:
            report.para(t.say("level1", 一级指标=title, 分值=points(g.declared if g.declared is not None else g.weight),
                              得分=points(g.score), 得分率=percent(g.rate)))
        elif g is not None and (g.declared is not None or g.weight is not None):
            report.para(t.say("level1_unscored", 一级指标=title,
                              分值=points(g.declared if g.declared is not None else g.weight)))
        rows = list(leaf_rows(node, result))
        if leaf_table:
            report.table(t.columns("leaves_header"),
                         [(r.level2, r.leaf.name, written(r.leaf.target), written(r.leaf.actual),
                           bare(r.score.weight if r.score else None), bare(r.score.score if r.score else None))
                          for r in rows], (2.0, 3.2, 1.6, 1.6, 1.0, 1.0), merge_first=True)
        _shortfalls(report, t, rows)


def _shortfalls(report: Report, t: Templates, rows: list[LeafRow]) -> None:
    told = 0
    for r in rows:
        s = r.score
        values = {"三级指标": r.leaf.name, "年度指标值": written(r.leaf.target), "实际完成值": written(r.leaf.actual),
                  "计算过程": (s.explanation if s else "").rstrip("。")}
        if s is not None and s.weight is not None and s.score is None:
            report.para(t.say("leaf_unscored", **values))
            told += 1
        elif short_of_weight(r):
            assert s is not None
            report.para(t.say("leaf_short", 分值=points(s.weight), 得分=points(s.score), **values))
            report.para(t.say("reason", 偏差原因=r.leaf.reason) if r.leaf.reason and r.leaf.reason.strip()
                        else t.say("reason_fill", 三级指标=r.leaf.name))
            told += 1
    if told and told < len(rows):
        report.para(t.say("all_met"))


def problems(report: Report, t: Templates, form: Form, result: Result) -> None:
    """存在的问题: each leaf that lost points, then the checker's open errors and warnings."""
    texts = []
    for _goal, node in level1_groups(form):
        for r in leaf_rows(node, result):
            if short_of_weight(r):
                assert r.score is not None and r.score.weight is not None and r.score.score is not None
                texts.append(t.say("problem_leaf", 三级指标=r.leaf.name, 年度指标值=written(r.leaf.target),
                                   实际完成值=written(r.leaf.actual), 扣分=points(r.score.weight - r.score.score)))
    open_findings = [f for f in result.findings if f.severity in ("error", "warning")]
    if open_findings:
        texts.append(t.say("problem_findings", 条数=str(len(open_findings)), 错误=str(result.count("error")),
                           警告=str(result.count("warning"))))
        for f in open_findings[:MAX_FINDINGS]:
            texts.append(t.say("problem_finding", 位置=finding_place(f.path, form), 说明=f.message))
        if len(open_findings) > MAX_FINDINGS:
            texts.append(t.say("problem_more", 条数=str(len(open_findings) - MAX_FINDINGS)))
    if not texts:
        texts.append(t.say("no_problem"))
    report.para(*(f"{i}. {text}" if i else text for i, text in _numbered(texts)))


_PLACES = {"funds": "资金", "stated": "表上填写", "total": "总分", "header": "表头", "basic_data": "基础数据表",
           "spending_plan": "资金支出计划"}


def finding_place(path: tuple[str, ...], form: Form) -> str:
    """A finding's place in Chinese; the goal's title is left out when the form has one goal."""
    parts = [_PLACES.get(p, p) for p in path]
    if len(form.goals) == 1 and len(parts) > 1 and parts[0] == form.goals[0].title:
        parts = parts[1:]
    return " / ".join(parts)


def _numbered(texts: list[str]) -> Iterator[tuple[int, str]]:
    """Number the problems 1. 2. …; a finding line under the findings intro is not numbered."""
    n = 0
    under_findings = False
    for text in texts:
        if under_findings:
            yield 0, text
            continue
        n += 1
        yield n, text
        under_findings = text.endswith("：")


def closing(report: Report, t: Templates, form: Form) -> None:
    """The unit and the date, set right at the end."""
    unit = form.unit or "【请填写：单位名称】"
    report.closing = (t.top("closing_unit", 单位名称=unit), t.top("closing_date", 填报日期=long_date(form.header.get("fill_date"))))


def to_fill(report: Report, t: Templates, *keys: str) -> None:
    """Sections the unit writes itself: each heading `key` with its 【请填写：…】 sentence `key_fill`."""
    for key in keys:
        report.heading(t.head(key))
        report.para(t.say(f"{key}_fill"))


def problems_section(report: Report, t: Templates, form: Form, result: Result) -> None:
    """五、主要经验及做法、存在的问题及原因分析 (project and evaluation reports)."""
    report.heading(t.head("problems"))
    report.heading(t.head("experience"), 2)
    report.para(t.say("experience_fill"))
    report.heading(t.head("issues"), 2)
    problems(report, t, form, result)
