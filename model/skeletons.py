"""New forms: the standard 一级/二级 skeleton per kind and profile, and forms derived from others.

Pure functions on model types (no Qt, no I/O): `new_form` starts a blank form from a skeleton,
`self_eval_from_target` turns a 目标表 into a 自评表, `copy_for_year` copies last year's form.
"""
from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from model.fields import ensure_funds
from model.form import Form, FundsRow, Goal, Group, Leaf, Node, new_id

# (一级 name, declared weight, 二级 names) per skeleton; docs/rules.md §1.1, §1.3, §1.6 and §0.
_PRODUCE = ("数量指标", "质量指标", "时效指标", "成本指标")
_BENEFIT = ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")
_SATISFY = ("服务对象满意度指标",)
SkeletonRow = tuple[str, float | None, tuple[str, ...]]

SKELETONS: dict[str, tuple[SkeletonRow, ...]] = {
    "central-2020": (("产出指标", 50, _PRODUCE), ("效益指标", 30, _BENEFIT), ("满意度指标", 10, _SATISFY)),
    "hunan-2023": (("产出指标", 30, _PRODUCE[:3]), ("效益指标", 30, _BENEFIT), ("满意度指标", 10, _SATISFY),
                   ("成本指标", 20, ("经济成本指标", "社会成本指标", "生态环境成本指标"))),
    "xinjiang-eval-2022": (("决策", 15, ("项目立项", "绩效目标", "资金投入")), ("过程", 20, ("资金管理", "组织实施")),
                           ("产出", 40, ("产出数量", "产出质量", "产出时效", "产出成本")), ("效益", 25, ("项目效益",))),
    # Target declarations carry no weights (seed 002).
    "target": (("产出指标", None, _PRODUCE), ("效益指标", None, _BENEFIT), ("满意度指标", None, _SATISFY)),
}
SCORED_KINDS = ("project_self_eval", "dept_self_eval", "evaluation")
_LEAF_RESULTS = ("actual", "score", "reason", "tier", "process")


def skeleton_rows(kind: str, profile: str, profile_data: Mapping[str, Any] | None = None) -> tuple[SkeletonRow, ...]:
    """The 一级/二级 rows a new form of this kind starts with.

    Args:
        kind: the form kind.
        profile: the profile name (picks the table above).
        profile_data: the profile's JSON; its optional "skeleton" list
            (`[{"name": "产出指标", "weight": 50, "children": ["数量指标", …]}, …]`) wins.

    Returns:
        (一级 name, weight or None, 二级 names) tuples; empty for the 基础数据表.
    """
    if kind == "dept_basic_data":
        return ()
    given = (profile_data or {}).get("skeleton")
    if isinstance(given, list) and given:
        return tuple((str(g["name"]), g.get("weight"), tuple(str(c) for c in g.get("children", [])))
                     for g in given if isinstance(g, dict) and g.get("name"))
    if kind == "project_target":
        return SKELETONS["target"]
    rows = SKELETONS.get(profile, SKELETONS["central-2020"])
    weights = (profile_data or {}).get("new_form_weights")
    if isinstance(weights, dict):
        # The profile's own start weights win over the table (same names, docs/rules.md §0).
        rows = tuple((name, weights.get(name, weight), subs) for name, weight, subs in rows)
    return rows


def build_groups(rows: Sequence[SkeletonRow]) -> list[Node]:
    """Fresh groups (new ids) for skeleton rows; each 二级 starts with one empty leaf to type into."""
    return [Group(name=name, weight=weight, children=[Group(name=sub, children=[Leaf()]) for sub in subs])
            for name, weight, subs in rows]


def new_form(kind: str, year: int, profile: str, header: Mapping[str, str] | None = None,
             profile_data: Mapping[str, Any] | None = None) -> Form:
    """A blank form of a kind, with the header given and the profile's skeleton.

    Returns:
        The form (no id yet: Store.add assigns one).
    """
    form = Form(kind=kind, year=year, header={k: v for k, v in (header or {}).items() if v})
    if profile != _default_profile(kind):
        form.rules = profile
    if kind == "project_target":
        form.money_unit = "元"
    if kind == "dept_basic_data":
        return form
    if kind in SCORED_KINDS and kind != "evaluation":
        funds = ensure_funds(form)
        start = (profile_data or {}).get("new_form_weights")
        if isinstance(start, dict) and isinstance(start.get("执行率"), (int, float)):
            funds.weight = start["执行率"]
    title = "年度总体目标" if kind != "dept_self_eval" else "目标1"
    form.goals = [Goal(title=title, indicators=build_groups(skeleton_rows(kind, profile, profile_data)))]
    return form


def _default_profile(kind: str) -> str:
    return Form(kind=kind, year=0).profile_name()


def _fresh_ids(node: Node) -> Node:
    node.id = new_id()
    if isinstance(node, Group):
        for child in node.children:
            _fresh_ids(child)
    return node


def _clear_results(node: Node) -> None:
    if isinstance(node, Group):
        for child in node.children:
            _clear_results(child)
        return
    for name in _LEAF_RESULTS:
        setattr(node, name, None)
    node.survey = None
    for item in node.checklist or []:
        item.met = None


def _norm(name: str) -> str:
    # 000 writes 项目效益指标 for 效益指标; compare without the prefix and the word 指标.
    return name.removeprefix("项目").removesuffix("指标")


def copy_for_year(form: Form, year: int) -> Form:
    """Last year's form as the start of this year's: same tree, targets and weights; results empty.

    Actuals, scores, tiers, reasons, executed amounts, 实际完成情况, fill date and `stated` are
    cleared; budget amounts are kept as a starting point.
    """
    new = copy.deepcopy(form)
    new.id, new.year, new.stated = None, year, None
    new.signoff = None  # a new year's form is a draft: last year's signatures are not for it
    new.header.pop("fill_date", None)
    for goal in new.goals:
        goal.id, goal.achieved = new_id(), None
        goal.indicators = [_fresh_ids(n) for n in goal.indicators]
        for node in goal.indicators:
            _clear_results(node)
    if new.funds is not None:
        new.funds.score = None
        for row in new.funds.rows:
            row.executed, row.note = None, None
    if new.title:
        new.title = new.title.replace(str(form.year), str(year))
    return new


def _to_wan(value: float | int | None, unit: str) -> float | int | None:
    if value is None or unit != "元":
        return value
    return round(value / 10000, 6)


def self_eval_from_target(target: Form, profile: str = "central-2020",
                          profile_data: Mapping[str, Any] | None = None) -> Form:
    """A 项目支出绩效自评表 started from a 目标表: tree, targets (with their units) and weights carried over.

    Actuals and scores are empty. Money is converted to 万元; the declared 预算数 becomes both
    年初预算数 and 全年预算数. 一级 groups without a weight get the profile's standard weight.
    """
    form = new_form("project_self_eval", target.year, profile, target.header, profile_data)
    standard = {_norm(name): weight for name, weight, _subs in skeleton_rows(form.kind, profile, profile_data)}
    goals = []
    for old in target.goals:
        goal = Goal(title=old.title or "年度总体目标", expected=old.expected,
                    indicators=[_fresh_ids(copy.deepcopy(n)) for n in old.indicators])
        for node in goal.indicators:
            _clear_results(node)
            if isinstance(node, Group) and node.weight is None:
                node.weight = standard.get(_norm(node.name))
        goals.append(goal)
    form.goals = goals or form.goals
    funds = ensure_funds(form)
    unit = target.currency
    for old_row in (target.funds.rows if target.funds else []):
        row = _funds_row_for(funds.rows, old_row.name, old_row is target.funds.rows[0])  # type: ignore[union-attr]
        if row is not None:
            amount = _to_wan(old_row.annual if old_row.annual is not None else old_row.initial, unit)
            row.initial = row.annual = amount
    return form


def _funds_row_for(rows: list[FundsRow], name: str, first: bool) -> FundsRow | None:
    if first:
        return rows[0]
    if "财政" in name:
        return rows[1]
    if "结转" in name:
        return rows[2]
    if "其他" in name:
        return rows[3]
    return None
