"""Edits of a form's non-tree parts (header, funds cells, plan, form attributes), returning old values.

Like model/tree.py, each setter returns what undo needs: calling it again with the old value
restores the form exactly.
"""
from __future__ import annotations

from typing import Any

from model.errors import TreeError
from model.form import Form, Funds, FundsRow, PlanPoint

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
