"""Domain types of one form (`jixiao.form/1`): header, funds, goals, indicator tree, plan, data.

Plain dataclasses, no behaviour beyond small helpers; tree operations live in model/tree.py and the
JSON codec in model/codec.py. Every type keeps the keys it does not know in `extra`, so a file
written by a newer program survives a round trip through this one.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    from model.signoff_record import SignOff

Number = Union[int, float]
SCHEMA = "jixiao.form/1"

KINDS: dict[str, str] = {
    "project_self_eval": "项目支出绩效自评表",
    "dept_self_eval": "部门整体支出绩效自评表",
    "project_target": "项目绩效目标表",
    "dept_basic_data": "部门整体支出绩效评价基础数据表",
    "evaluation": "项目支出绩效评价指标体系及综合评分表",
}
MONEY_UNITS = ("万元", "元")
# The scoring rule types a rule object may name (docs/form-format.md; scoring/rules/registry.py).
RULE_TYPES = ("ratio", "equal", "reverse_r1", "reverse_r2", "qualitative", "deadline", "deviation",
              "quality_floor", "survey", "checklist", "bands", "manual")
# The three tiers (档次) of a qualitative leaf, best first: Leaf.tier holds one of them.
TIERS = ("达成", "部分达成", "未达成")
# A leaf's own fields in the file's order (docs/form-format.md); the codec, the tree's setter and the
# scoring memo key (scoring/leaf_memo.py) all follow this list, and a test ties it to Leaf.
LEAF_FIELDS = ("name", "code", "description", "target", "actual", "weight", "score", "reason", "basis", "criteria",
               "process", "rule", "checklist", "survey", "tier")
HEADER_LABELS: dict[str, str] = {
    "project_name": "项目名称",
    "project_code": "项目编码",
    "department": "主管部门",
    "implementing_unit": "实施单位",
    "unit_name": "单位名称",
    "leader": "单位负责人",
    "phone": "联系电话",
    "preparer": "填表人",
    "fill_date": "填报日期",
    "purpose": "资金用途",
    "evaluator": "评价机构",
    # Keys docs/form-format.md does not name: 004's cover fields and the 目标表's unit line (unit_code).
    "client": "委托单位",
    "reviewer": "项目评审人",
    "team": "评价小组",
    "eval_period": "评价期间",
    "unit_code": "单位编码",
}

# Node ids are process-local handles for undo commands and the editor; they are not saved.
_ids = itertools.count(1)


def new_id() -> int:
    """Return a fresh node id, unique within this process."""
    return next(_ids)


@dataclass(eq=False)
class ChecklistItem:
    """One 评价要点 of a checklist rule: its share of the weight, gate flag and whether it is met."""

    text: str = ""
    share: Number | None = None
    gate: bool = False
    met: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class Leaf:
    """A 三级指标 (or a leaf directly under a 一级 group)."""

    name: str = ""
    code: str | None = None
    description: str | None = None
    target: str | None = None
    actual: str | None = None
    weight: Number | None = None
    score: Number | None = None
    reason: str | None = None
    basis: str | None = None
    criteria: str | None = None
    process: str | None = None
    rule: dict[str, Any] | None = None
    checklist: list[ChecklistItem] | None = None
    survey: dict[str, Number] | None = None
    tier: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    id: int = field(default_factory=new_id)


@dataclass(eq=False)
class Group:
    """A 一级 or 二级 indicator: a name, an optional declared 分值 and ordered children."""

    name: str = ""
    code: str | None = None
    weight: Number | None = None
    children: list[Node] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    id: int = field(default_factory=new_id)


Node = Union[Group, Leaf]


@dataclass(eq=False)
class Goal:
    """A goal block (年度总体目标 / 目标N) with its own indicator tree."""

    title: str = ""
    expected: str | None = None
    achieved: str | None = None
    indicators: list[Node] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    id: int = field(default_factory=new_id)

    @property
    def children(self) -> list[Node]:
        """The top-level nodes; lets tree code treat goals and groups alike."""
        return self.indicators


@dataclass(eq=False)
class FundsRow:
    """One row of the money block: 年初预算数, 全年预算数, 全年执行数 and a note."""

    name: str = ""
    initial: Number | None = None
    annual: Number | None = None
    executed: Number | None = None
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class Amount:
    """A named amount, as in 按收入性质分 / 按支出性质分."""

    name: str = ""
    amount: Number | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class Funds:
    """The 项目资金 block; rows[0] is the total (年度资金总额)."""

    weight: Number | None = None
    rows: list[FundsRow] = field(default_factory=list)
    score: Number | None = None
    by_income: list[Amount] | None = None
    by_spending: list[Amount] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class PlanPoint:
    """A checkpoint of 资金支出计划: label (3月底) and cumulative percent (25.0 = 25%)."""

    label: str = ""
    percent: Number | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class DataRow:
    """A row of a 基础数据表 section: its printed name and one value per column."""

    name: str = ""
    values: list[Number | None] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class DataSection:
    """A section of the 基础数据表: a table (columns + rows) or free text."""

    section: str = ""
    columns: list[str] | None = None
    rows: list[DataRow] | None = None
    text: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class Form:
    """One form of any kind; `stated` holds what the paper said, never used for scoring."""

    kind: str
    year: int
    id: str | None = None
    title: str | None = None
    money_unit: str | None = None
    header: dict[str, str] = field(default_factory=dict)
    funds: Funds | None = None
    spending_plan: list[PlanPoint] | None = None
    goals: list[Goal] = field(default_factory=list)
    stated: dict[str, Any] | None = None
    rules: str | dict[str, Any] | None = None
    basic_data: list[DataSection] | None = None
    signoff: SignOff | None = None  # 填表人/审核人/单位负责人 and the lock (model/signoff.py)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def display_title(self) -> str:
        """The printed title: the given one, else the kind's standard name."""
        return self.title or KINDS.get(self.kind, self.kind)

    @property
    def unit(self) -> str:
        """The unit (单位) the form belongs to, for listing and search."""
        h = self.header
        return h.get("unit_name") or h.get("implementing_unit") or h.get("department") or ""

    @property
    def currency(self) -> str:
        """The money unit in force (万元 unless the form says otherwise)."""
        return self.money_unit or "万元"

    def profile_name(self) -> str:
        """The scoring profile the form asks for (a name; an inline profile is named inside)."""
        if isinstance(self.rules, str):
            return self.rules
        if isinstance(self.rules, dict) and isinstance(self.rules.get("name"), str):
            return str(self.rules["name"])
        return "xinjiang-eval-2022" if self.kind == "evaluation" else "central-2020"
