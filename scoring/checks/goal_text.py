"""GOAL_TEXT_MISMATCH: the figures of the goal texts against the indicators and the funds block.

A figure in 年度总体目标 / 预期目标 (“为15名贫困残疾人进行无障碍改造”) is paired with the indicator
of the same unit whose name shares the clause's key words, and compared with its 年度指标值; a figure
in 实际完成情况 with the 实际完成值; “预算资金40万元” / “实际执行1.8万元” with the funds total.
Pairing is strict (same unit, a clear best name, several shared key words), so an unrelated figure is
never compared; 近400人 / 100余件 allow 10%. A form check: goal texts are not in the goal memo key.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from model.form import Goal
from scoring.checks._common import count_unit, dec, fmt, label, leaves_by_goal
from scoring.context import Context, LeafView
from scoring.result import Finding
from scoring.values.prose import Mention, keywords, mentions
from scoring.values.units import money_factor

_FIELDS = (("expected", "年度目标", "target", "年度指标值"), ("achieved", "实际完成情况", "actual", "实际完成值"))
_BUDGET_WORDS = ("预算", "安排", "批复", "下达", "资金总额", "总投资")
_SPENT_WORDS = ("执行", "支出", "使用", "拨付", "支付", "花费")
_APPROX = Decimal("0.1")
# Words that may stand before 预算/执行 when the sum is the whole project's (“本项目全年预算资金…”).
_WHOLE_WORDS_RE = re.compile(r"本项目|该项目|项目|本年度|年度|全年|本年|总|共计|共|累计|实际|已|全部|财政|资金|当年")
# A clause and a name are paired when they share at least 2 key-word pairs covering 60% of the
# clause's: “免费为7名儿童实施抢救性康复” shares 儿童/康复/免费 with a long 康复 name, but no more.
_MIN_SHARED = 2
_MIN_SHARE = Decimal("0.6")


def _pair(m: Mention, rows: Sequence[LeafView]) -> LeafView | None:
    """The one indicator the figure speaks of, or None when no name is clearly the one."""
    words = keywords(m.clause)
    if not words:
        return None
    scored = sorted(((len(words & keywords(lv.leaf.name)), i) for i, lv in enumerate(rows)
                     if count_unit(lv) == m.unit), reverse=True)
    if not scored:
        return None
    best, index = scored[0]
    if len(scored) > 1 and scored[1][0] == best:
        return None
    strong = best >= _MIN_SHARED and Decimal(best) / len(words) >= _MIN_SHARE
    return rows[index] if strong else None


def _agrees(m: Mention, value: Decimal, high: Decimal | None = None) -> bool:
    if high is not None and value <= m.value <= high:
        return True
    if m.approx:
        return abs(m.value - value) <= abs(value) * _APPROX
    return m.value == value


def _leaf_findings(ctx: Context, where: str, m: Mention, lv: LeafView, attr: str,
                   cell: str) -> Iterator[Finding]:
    reading = getattr(lv, attr)
    if reading.kind not in ("number", "range") or reading.value is None:
        return
    if attr == "actual" and reading.op not in (None, "="):
        return  # an actual written as a bound is ACTUAL_NOT_VALUE's
    if _agrees(m, reading.value, reading.high):
        return
    written = getattr(lv.leaf, attr)
    yield ctx.finding(
        "warning", "GOAL_TEXT_MISMATCH", lv.path,
        f"{where}写的是“{m.clause.replace('|', m.text)}”（{m.text}），而指标{label(lv)}的{cell}是“{written}”。"
        f"两处说的是同一件事，数字应一致；请核对原始资料，改正填错的一处。", attr, lv.leaf.id)


def _money_column(m: Mention) -> str | None:
    """Whether a sum in prose names the whole budget (annual) or spending (executed): the nearest word,
    with nothing but words like 项目/全年/实际 before it (“其中康复预算10万元” is a part, not the total)."""
    last = {col: max((m.before.rfind(w) for w in words), default=-1)
            for col, words in (("annual", _BUDGET_WORDS), ("executed", _SPENT_WORDS))}
    col = max(last, key=lambda c: last[c])
    if last[col] < 0:
        return None
    qualifier = _WHOLE_WORDS_RE.sub("", m.before[:last[col]])
    return None if re.search(r"[\u4e00-\u9fff]", qualifier) else col


def _money_findings(ctx: Context, where: str, m: Mention) -> Iterator[Finding]:
    funds = ctx.form.funds
    if funds is None or not funds.rows:
        return
    column = _money_column(m)
    if column is None:
        return
    total = funds.rows[0]
    figure = dec(getattr(total, column))
    if column == "annual" and figure is None:
        column, figure = "initial", dec(total.initial)
    if figure is None:
        return
    factor = money_factor(ctx.form.currency) or Decimal(1)
    if _agrees(m, figure * factor):
        return
    title = {"annual": "全年预算数", "initial": "年初预算数", "executed": "全年执行数"}[column]
    yield ctx.finding(
        "warning", "GOAL_TEXT_MISMATCH", ("funds", total.name),
        f"{where}写的是“{m.clause.replace('|', m.text)}”（{m.text}），而资金表“{total.name}”的{title}是 "
        f"{fmt(figure)}{ctx.form.currency}。两处应一致；请核对后改正文字或资金表。", column)


def _text_findings(ctx: Context, where: str, text: str | None, rows: Sequence[LeafView], attr: str,
                   cell: str, whole_form: bool) -> Iterator[Finding]:
    for m in mentions(text):
        if m.per_unit:
            continue
        if m.unit == "元":
            if whole_form:  # a goal of a many-goal form speaks of its own part of the money
                yield from _money_findings(ctx, where, m)
            continue
        lv = _pair(m, rows)
        if lv is not None:
            yield from _leaf_findings(ctx, where, m, lv, attr, cell)


def _goal_findings(ctx: Context, goal: Goal, rows: Sequence[LeafView]) -> Iterator[Finding]:
    for field, title, attr, cell in _FIELDS:
        yield from _text_findings(ctx, f"“{goal.title}”的{title}", getattr(goal, field), rows, attr, cell,
                                  len(ctx.form.goals) == 1)


def check(ctx: Context) -> Iterator[Finding]:
    """GOAL_TEXT_MISMATCH for each goal text (and the form-wide goal of a department form)."""
    # Most goal texts carry no figure: group the leaves only when one does (a check on every keystroke).
    with_figures = [g for g in ctx.form.goals if mentions(g.expected) or mentions(g.achieved)]
    if with_figures:
        by_goal = leaves_by_goal(ctx.leaves)
        for goal in with_figures:
            yield from _goal_findings(ctx, goal, by_goal.get(goal.id, []))
    overall = ctx.form.extra.get("overall_goal") if isinstance(ctx.form.extra, dict) else None
    if isinstance(overall, dict):
        for field, title, attr, cell in _FIELDS:
            text = overall.get(field)
            yield from _text_findings(ctx, f"部门{title}", text if isinstance(text, str) else None,
                                      ctx.leaves, attr, cell, True)
