"""What the forms of a unit and year say, as named facts a report's figures can be paired with.

An Entity is something a sentence can be about (a project's funds, 基本支出, a 一级指标, a leaf, a
row of the 基础数据表, the form as a whole); its facts carry the value (money in 元), the kind of
figure, an attribute (年初预算, 得分…) and the Chinese name of the form cell (`where`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from model.form import Form, Group, Leaf, Node
from scoring.narrative.basic import ROWS, figure, staff
from scoring.result import Result
from scoring.rounding import percent_text, q2, score_text, to_decimal
from scoring.values.units import money_factor

KIND_NAMES = {"project_self_eval": "项目支出绩效自评表", "dept_self_eval": "部门整体支出绩效自评表",
              "dept_basic_data": "基础数据表", "evaluation": "绩效评价评分表", "project_target": "项目绩效目标表"}
_COUNT = re.compile(r"^\s*([≥≤><=＞＜＝]*)\s*(\d+(?:\.\d+)?)\s*(万?)([^\d\s%]{0,3})")
_PERCENT = re.compile(r"^\s*[≥≤><=＞＜＝]*\s*(\d+(?:\.\d+)?)\s*[%％]")
_PREFIX = re.compile(r"^[\s\d、.．：:（）()]+")


@dataclass(frozen=True)
class Fact:
    """One figure of a form: kind (money/rate/score/count/grade), attribute, value, where it is."""

    kind: str
    attr: str
    value: Decimal | None
    where: str
    unit: str = ""
    grade: str | None = None
    shown: str = ""


@dataclass
class Entity:
    """Something a report talks about, the words that name it, and its facts."""

    names: tuple[str, ...]
    facts: list[Fact] = field(default_factory=list)
    form_index: int = 0
    fuzzy: bool = False  # a leaf: also named by a long enough part of its name

    def of_kind(self, kind: str) -> list[Fact]:
        """Its facts of one kind."""
        return [f for f in self.facts if f.kind == kind]


def form_label(form: Form) -> str:
    """How a finding names a form: 项目支出绩效自评表《项目》."""
    kind = KIND_NAMES.get(form.kind, form.display_title)
    name = form.header.get("project_name")
    return f"{kind}《{name}》" if name else kind


def clean(name: str) -> str:
    """An indicator name without its numbering (1：, 5、)."""
    return _PREFIX.sub("", name).strip()


def _money(form: Form, value: object) -> Decimal | None:
    d = to_decimal(value)
    return None if d is None else d * (money_factor(form.currency) or Decimal(1))


def _money_shown(form: Form, value: Decimal | None) -> str:
    return "未填写" if value is None else f"{format(q2(value / (money_factor(form.currency) or Decimal(1))), 'f')}{form.currency}"


def money_fact(form: Form, attr: str, raw: object, where: str) -> Fact | None:
    """A money fact (None when the cell is blank)."""
    value = _money(form, raw)
    return None if value is None else Fact("money", attr, value, where, shown=_money_shown(form, value))


def rate_fact(attr: str, rate: Decimal | None, where: str) -> Fact | None:
    """A rate fact in percent."""
    return None if rate is None else Fact("rate", attr, rate * 100, where, shown=percent_text(rate))


def score_fact(attr: str, value: Decimal | None, where: str) -> Fact | None:
    """A score (or 分值) fact."""
    return None if value is None else Fact("score", attr, value, where, shown=f"{score_text(value)}分")


def count_facts(attr: str, text: str | None, fallback_unit: str, where: str) -> list[Fact]:
    """A count written in a target or actual (150户, ≥30人, 1.82万人)."""
    m = _COUNT.match(text or "")
    if not m:
        return []
    value = Decimal(m.group(2)) * (10_000 if m.group(3) else 1)
    unit = m.group(4) or fallback_unit
    if not unit or unit.startswith(("%", "元", "万元", "分")):
        return []
    return [Fact("count", attr, value, where, unit=unit, shown=(text or "").strip())]


def _add(entity: Entity, *facts: Fact | None) -> None:
    entity.facts.extend(f for f in facts if f is not None)


def _funds_entity(form: Form, result: Result, i: int, names: tuple[str, ...]) -> Entity:
    label = form_label(form)
    e = Entity(names, form_index=i)
    if form.funds is not None and form.funds.rows:
        row = form.funds.rows[0]
        # 全年预算数 first: what a sentence about “the budget” is compared with when it matches nothing.
        for attr, raw, col in (("annual", row.annual, "全年预算数"), ("initial", row.initial, "年初预算数"),
                               ("executed", row.executed, "全年执行数")):
            _add(e, money_fact(form, attr, raw, f"{label} {row.name or '年度资金总额'} {col}"))
    if result.funds is not None:
        _add(e, rate_fact("rate", result.funds.rate, f"{label} 执行率"),
             score_fact("weight", result.funds.weight, f"{label} 执行率 分值"),
             score_fact("score", result.funds.score, f"{label} 执行率 得分"))
        f = result.funds
        if f.score is not None and f.weight:
            _add(e, rate_fact("score_rate", f.score / f.weight, f"{label} 执行率 得分率"))
    return e


def _overall(form: Form, result: Result, i: int) -> Entity:
    label = form_label(form)
    e = Entity(("合计：", *((form.header["project_name"],) if form.header.get("project_name") else ()), "总分", "综合得分", "总得分", "评价总得分", "自评得分", "评价分为", "满分", "绩效等级",
                "评价等级", "等级为", "此次评价", "本次评价"), form_index=i)
    _add(e, score_fact("score", result.total, f"{label} 总分"), score_fact("weight", result.max, f"{label} 分值合计"),
         rate_fact("score_rate", result.rate, f"{label} 总得分率"))
    if result.grade:
        e.facts.append(Fact("grade", "grade", None, f"{label} 等级", grade=result.grade, shown=result.grade))
    return e


def _nodes(form: Form, result: Result, i: int, nodes: list[Node], out: list[Entity], path: str) -> None:
    label = form_label(form)
    for node in nodes:
        where = f"{label} {path}{node.name}"
        if isinstance(node, Group):
            g = result.group(node.id)
            names = _group_names(node.name)
            e = Entity(names, form_index=i)
            if g is not None:
                _add(e, score_fact("weight", g.declared, f"{where} 分值"), score_fact("weight", g.weight, f"{where} 分值"),
                     score_fact("score", g.score, f"{where} 得分"), rate_fact("score_rate", g.rate, f"{where} 得分率"))
            out.append(e)
            _nodes(form, result, i, node.children, out, f"{path}{node.name} / ")
        else:
            out.append(_leaf(form, result, i, node, where))


def _group_names(name: str) -> tuple[str, ...]:
    """A 一级/二级 name as reports write it; a short one (决策, 过程) only with 指标/类 or as a table row."""
    core = clean(name)
    short = core[:-2] if core.endswith("指标") and len(core) > 3 else core
    names = {f"{short}指标", f"{short}类指标", f"{short}：", f"项目{short}"}
    if len(core) >= 3:
        names.add(core)
    return tuple(sorted(names))


def _leaf(form: Form, result: Result, i: int, leaf: Leaf, where: str) -> Entity:
    s = result.node(leaf.id)
    core = clean(leaf.name)
    names = tuple({core, f"{core}指标", *(f"{leaf.code}{core}",) * bool(leaf.code)} - {"", "指标"})
    e = Entity(names, form_index=i, fuzzy=True)
    target = count_facts("target", leaf.target, "", f"{where} 年度指标值")
    unit = target[0].unit if target else ""
    e.facts.extend(count_facts("actual", leaf.actual, unit, f"{where} 实际完成值"))
    e.facts.extend(target)
    for attr, text, col in (("actual", leaf.actual, "实际完成值"), ("target", leaf.target, "年度指标值")):
        m = _PERCENT.match(text or "")
        if m:
            e.facts.append(Fact("rate", attr, Decimal(m.group(1)), f"{where} {col}", shown=(text or "").strip()))
    if s is not None:
        _add(e, score_fact("weight", s.weight, f"{where} 分值"), score_fact("score", s.score, f"{where} 得分"),
             score_fact("score", s.computed, f"{where} 计算得分"))
        if s.weight is not None and s.score is not None:
            _add(e, score_fact("deduction", s.weight - s.score, f"{where} 分值减得分"))
    return e


def _basic(form: Form, i: int) -> list[Entity]:
    label = form_label(form)
    out = []
    for key, words in ROWS.items():
        cell = figure(form, key)
        budget = figure(form, key, budget=True)
        if cell is None:
            continue
        e = Entity((key, *words, cell.row), form_index=i)
        value = cell.value if cell.value is not None else Decimal(0)  # a blank 三公 row means none was spent
        _add(e, money_fact(form, "executed", value, f"{label} “{cell.row}”行 {cell.column}"))
        if budget is not None:
            _add(e, money_fact(form, "annual", budget.value, f"{label} “{budget.row}”行 {budget.column}"))
        out.append(e)
    quota, serving = staff(form)
    if quota is not None:
        out.append(Entity(("编制",), [Fact("count", "actual", quota, f"{label} 编制数", "人", shown=f"{quota}人")], i))
    if serving is not None:
        out.append(Entity(("在职",), [Fact("count", "actual", serving, f"{label} 实际在职人数", "人",
                                           shown=f"{serving}人")], i))
    return out


def entities(forms: list[tuple[Form, Result]]) -> list[Entity]:
    """Every entity of the forms, most specific last is not implied: callers rank by match length."""
    out: list[Entity] = []
    for i, (form, result) in enumerate(forms):
        if form.kind == "dept_basic_data":
            out.extend(_basic(form, i))
            continue
        names = ("预算执行率", "执行率", *((form.header["project_name"],) if form.header.get("project_name") else ()))
        out.append(_funds_entity(form, result, i, names))
        out.append(_overall(form, result, i))
        label = form_label(form)
        for attr, items in (("by_income", form.funds.by_income if form.funds else None),
                            ("by_spending", form.funds.by_spending if form.funds else None)):
            for item in items or []:
                kind = "按收入性质分" if attr == "by_income" else "按支出性质分"
                e = Entity((item.name,), form_index=i)
                _add(e, money_fact(form, "amount", item.amount, f"{label} {kind} {item.name}"))
                if e.facts:
                    out.append(e)
        for goal in form.goals:
            _nodes(form, result, i, goal.indicators, out, f"{goal.title} / " if len(form.goals) > 1 else "")
    return out


FUNDS_WORDS = ("资金", "预算", "执行", "支出", "拨款", "到位", "投入", "安排", "支付", "使用", "总额", "共计")
__all__ = ["Entity", "Fact", "FUNDS_WORDS", "entities", "form_label"]
