"""Edits of a form's non-tree parts (header, funds, plan, basic data, leaf checklists and tallies).

Like model/tree.py, each setter returns what undo needs: calling it again with the old value
restores the form exactly.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from model.errors import TreeError
from model.form import ChecklistItem, DataSection, Form, Funds, FundsRow, Leaf, PlanPoint
from model.tree import node_by_id

_FORM_FIELDS = frozenset({"title", "year", "money_unit", "rules"})
_FUNDS_FIELDS = frozenset({"weight", "score"})
_ROW_FIELDS = frozenset({"name", "initial", "annual", "executed", "note"})


def set_form_field(form: Form, field: str, value: Any) -> Any:
    """Set title, year, money_unit or rules; returns the old value."""
    if field not in _FORM_FIELDS:
        raise TreeError(f"表格属性“{field}”不能修改")
    old = getattr(form, field)
    setattr(form, field, value)
    return old


def set_header(form: Form, key: str, value: str | None) -> str | None:
    """Set (or with None/'' remove) a header field; returns the old value (None when absent)."""
    old = form.header.get(key)
    if value:
        form.header[key] = value
    else:
        form.header.pop(key, None)
    return old


def ensure_funds(form: Form) -> Funds:
    """The form's funds block, created with the four standard rows when missing."""
    if form.funds is None:
        form.funds = Funds(weight=10 if form.kind in ("project_self_eval", "dept_self_eval") else None,
                           rows=[FundsRow(n) for n in ("年度资金总额", "当年财政拨款", "上年结转资金", "其他资金")])
    return form.funds


def set_funds_field(form: Form, field: str, value: Any) -> Any:
    """Set the funds block's weight or manual score; returns the old value."""
    if field not in _FUNDS_FIELDS:
        raise TreeError(f"资金字段“{field}”不能修改")
    funds = ensure_funds(form)
    old = getattr(funds, field)
    setattr(funds, field, value)
    return old


def set_funds_cell(form: Form, row: int, field: str, value: Any) -> Any:
    """Set one cell of a funds row (rows are fixed positions); returns the old value."""
    funds = ensure_funds(form)
    if field not in _ROW_FIELDS or not 0 <= row < len(funds.rows):
        raise TreeError(f"资金表第 {row + 1} 行的“{field}”不存在")
    old = getattr(funds.rows[row], field)
    setattr(funds.rows[row], field, value)
    return old


def set_plan_percent(form: Form, index: int, value: float | int | None) -> Any:
    """Set a 资金支出计划 checkpoint's percent (creating the standard four when missing)."""
    if form.spending_plan is None:
        form.spending_plan = [PlanPoint(label) for label in ("3月底", "6月底", "10月底", "12月底")]
    if not 0 <= index < len(form.spending_plan):
        raise TreeError(f"资金支出计划第 {index + 1} 项不存在")
    old = form.spending_plan[index].percent
    form.spending_plan[index].percent = value
    return old


@dataclass(frozen=True)
class Absent:
    """The old value of a cell past the end of its row's values: setting a cell to Absent(n) cuts the
    row back to n values, so undo gives back the row exactly as it was read."""

    length: int


SURVEY_LEVELS = ("很满意", "满意", "一般", "不满意", "很不满意")
_CHECKLIST_FIELDS = frozenset({"text", "share", "gate", "met"})


def _section(form: Form, section: int) -> DataSection:
    sections = form.basic_data or []
    if not 0 <= section < len(sections):
        raise TreeError(f"基础数据表第 {section + 1} 部分不存在")
    return sections[section]


def set_data_cell(form: Form, section: int, row: int, column: int, value: Any) -> Any:
    """Set one number of a 基础数据表 table row; returns the old value (Absent past the row's end)."""
    part = _section(form, section)
    rows = part.rows or []
    if not 0 <= row < len(rows) or column < 0:
        raise TreeError(f"基础数据表“{part.section}”第 {row + 1} 行第 {column + 1} 列不存在")
    values = rows[row].values
    old = values[column] if column < len(values) else Absent(len(values))
    if isinstance(value, Absent):
        del values[value.length:]
        return old
    values.extend([None] * (column + 1 - len(values)))
    values[column] = value
    return old


def set_section_text(form: Form, section: int, text: str | None) -> str | None:
    """Set the text of a free-text 基础数据表 section; returns the old text."""
    part = _section(form, section)
    if part.rows is not None or part.columns is not None:
        raise TreeError(f"基础数据表“{part.section}”是表格，不是文字说明")
    old = part.text
    part.text = text
    return old


def _leaf(form: Form, leaf_id: int) -> Leaf:
    node = node_by_id(form, leaf_id)
    if not isinstance(node, Leaf):
        raise TreeError(f"“{node.name or '（未命名）'}”是分组，没有评价要点或问卷统计")
    return node


def set_checklist_item(form: Form, leaf_id: int, index: int, field: str, value: Any) -> Any:
    """Set text, share, gate or met of one checklist item of a leaf; returns the old value."""
    leaf = _leaf(form, leaf_id)
    items: list[ChecklistItem] = leaf.checklist or []
    if field not in _CHECKLIST_FIELDS or not 0 <= index < len(items):
        raise TreeError(f"“{leaf.name or '（未命名）'}”的第 {index + 1} 个评价要点不存在")
    old = getattr(items[index], field)
    setattr(items[index], field, value)
    return old


def set_survey_count(form: Form, leaf_id: int, level: str, count: Any) -> Any:
    """Set how many answers chose a level (很满意…很不满意); None removes it. Returns the old count.

    The tally is created on the first count and dropped again when its last count is removed.
    """
    leaf = _leaf(form, leaf_id)
    if level not in SURVEY_LEVELS:
        raise TreeError(f"满意度选项“{level}”不存在，应为：{'、'.join(SURVEY_LEVELS)}")
    tally = leaf.survey if leaf.survey is not None else {}
    old = tally.get(level)
    if count is None:
        tally.pop(level, None)
    else:
        tally[level] = count
    leaf.survey = tally or None
    return old
