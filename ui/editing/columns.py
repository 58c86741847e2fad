"""Columns of the indicator tree per form kind, how their cells read typed text, standard names.

Pure Python (no Qt): the tree model, the delegates and the paste code share these definitions.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum

from model.rates import parse_percent


class Cell(Enum):
    """What a column holds and how it is edited."""

    NAME = "name"          # 指标 name (groups and leaves)
    TEXT = "text"          # one-line text of a leaf
    MULTILINE = "multiline"  # long text (偏差原因, 评价过程…)
    NUMBER = "number"      # 分值 (groups and leaves)
    SCORE = "score"        # 得分: computed, editable only in manual mode
    RULE = "rule"          # 评分方式: tier chooser / rule override


@dataclass(frozen=True)
class Column:
    """One column: its heading, the Leaf/Group field it shows and its cell kind."""

    title: str
    field: str
    cell: Cell
    width: int = 90

    @property
    def numeric(self) -> bool:
        """Whether typed text must be a number."""
        return self.cell in (Cell.NUMBER, Cell.SCORE)


NAME = Column("指标", "name", Cell.NAME, 226)
WEIGHT = Column("分值", "weight", Cell.NUMBER, 44)
SCORE = Column("得分", "score", Cell.SCORE, 100)  # a typed score shows the computed one beside it
RULE = Column("评分方式", "rule", Cell.RULE, 64)

# Widths add up to the ~740 pixels the tree gets on a 1366-pixel screen (navigator and panels beside
# it), so a row is read without scrolling sideways; long texts show whole in tooltips and the detail.
_SELF_EVAL = (NAME, Column("年度指标值", "target", Cell.TEXT, 96), Column("实际完成值", "actual", Cell.TEXT, 96),
              WEIGHT, SCORE, Column("偏差原因分析及改进措施", "reason", Cell.MULTILINE, 110), RULE)
_TARGET = (NAME, Column("绩效指标描述", "description", Cell.MULTILINE, 200),
           Column("指标值", "target", Cell.TEXT, 120), Column("指标值确定依据", "basis", Cell.TEXT, 120))
_EVALUATION = (NAME, Column("标杆值", "target", Cell.TEXT, 100), Column("业绩值", "actual", Cell.TEXT, 100),
               WEIGHT, SCORE, Column("评价标准", "criteria", Cell.MULTILINE, 200),
               Column("评价过程", "process", Cell.MULTILINE, 200), RULE)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "project_self_eval": _SELF_EVAL,
    "dept_self_eval": _SELF_EVAL,
    "project_target": _TARGET,
    "evaluation": _EVALUATION,
    "dept_basic_data": _SELF_EVAL,
}

# The official 8-column layout of a 自评表's indicator block (what people copy from Word/Excel).
OFFICIAL_LAYOUT = ("一级", "二级", "name", "target", "actual", "weight", "score", "reason")

GROUP_FIELDS = frozenset({"name", "weight"})

# Offered as completions for 一级 / 二级 names (10号 and the post-2021 layout, evaluation framework).
STANDARD_NAMES: dict[int, tuple[str, ...]] = {
    1: ("产出指标", "效益指标", "满意度指标", "成本指标", "决策", "过程", "产出", "效益"),
    2: ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
        "可持续影响指标", "服务对象满意度指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
        "项目立项", "绩效目标", "资金投入", "资金管理", "组织实施", "产出数量", "产出质量", "产出时效",
        "产出成本", "项目效益"),
}

RULE_CHOICES: tuple[tuple[str, str | None], ...] = (
    ("按评分方案", None), ("正向（实际÷目标）", "ratio"), ("等于目标", "equal"),
    ("反向（超出扣分）", "reverse_r1"), ("反向（目标÷实际）", "reverse_r2"), ("定性三档", "qualitative"),
    ("按期完成", "deadline"), ("手动打分", "manual"),
)
RULE_NAMES: dict[str, str] = {
    "ratio": "正向", "equal": "等于目标", "reverse_r1": "反向", "reverse_r2": "反向", "qualitative": "定性",
    "deadline": "时限", "deviation": "偏差", "quality_floor": "质量", "survey": "问卷",
    "checklist": "要点", "bands": "分档", "manual": "手动",
}


def columns_for(kind: str) -> tuple[Column, ...]:
    """The columns shown for a form kind (the self-evaluation set for unknown kinds)."""
    return COLUMNS.get(kind, _SELF_EVAL)


def parse_number(text: str, what: str = "分值") -> float | int | None:
    """Read a number typed by the user: "10", "10.5", full-width "１０", "" → None.

    Raises:
        ValueError: with a Chinese message saying what was wrong and how to fix it.
    """
    clean = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    if clean.endswith("分"):
        clean = clean[:-1].strip()
    if not clean:
        return None
    try:
        value = float(clean)
    except ValueError:
        raise ValueError(f"“{text.strip()}”不是数字。{what}只能填写数字，例如 10 或 10.5。") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"“{text.strip()}”不是有效的数字。{what}只能填写数字，例如 10 或 10.5。")
    return int(value) if value.is_integer() and "." not in clean and "e" not in clean.lower() else value


def format_number(value: float | int | None) -> str:
    """Show a number without a needless '.0' (10 → "10", 10.5 → "10.5")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)  # repr of a float is the shortest text that reads back the same


def format_rate(value: float | int | None) -> str:
    """A rate stored as a fraction shown as a percent (1 → "100%", 0.8575 → "85.75%")."""
    if value is None:
        return ""
    return f"{value * 100:.2f}".rstrip("0").rstrip(".") + "%"


def parse_rate(text: str, what: str = "比率") -> float | int | None:
    """Read a rate typed as "100%", "85.5%", or a bare number (model.rates: up to 1.5 a fraction).

    Raises:
        ValueError: with a Chinese message naming `what`.
    """
    try:
        return parse_percent(text)
    except ValueError as exc:
        raise ValueError(f"{what}：{exc}。") from None
