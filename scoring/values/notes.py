"""The notes the value reader attaches to a Reading: one function per code, Chinese messages.

Each message says what was read, where (the cell text) and how to fix it.
"""

from __future__ import annotations

from decimal import Decimal

from scoring.rounding import plain
from scoring.values.grammar import Parsed, multiply
from scoring.values.types import Note


def _note(code: str, message: str) -> Note:
    return Note(code, message)


def decimal_comma(text: str, number: str, fixed: str) -> Note:
    """DECIMAL_COMMA: 2,53 read as 2.53."""
    return _note("DECIMAL_COMMA", f"“{text}”中的逗号按小数点读作 {number}，请确认并改为“{fixed}”")


def target_placeholder(text: str) -> Note:
    """TARGET_PLACEHOLDER: the template's 是/否 was never resolved."""
    return _note(
        "TARGET_PLACEHOLDER",
        f"年度指标值“{text}”是模板里未选定的选项，请改为“是”或填写具体的指标值",
    )


def target_not_measurable(text: str) -> Note:
    """TARGET_NOT_MEASURABLE: words with no level to measure against."""
    return _note(
        "TARGET_NOT_MEASURABLE",
        f"年度指标值“{text}”不可衡量，请改为可量化的数值（如“≥95%”“≥100人”）或明确的完成标准",
    )


def deadline_outside_year(text: str, year: int) -> Note:
    """DEADLINE_OUTSIDE_YEAR: the deadline is not in the evaluation year."""
    return _note(
        "DEADLINE_OUTSIDE_YEAR",
        f"完成时限“{text}”不在{year}年度内，请确认年度指标值是否填错，或在偏差原因中说明项目跨年度实施",
    )


def actual_not_value(text: str, p: Parsed) -> Note:
    """ACTUAL_NOT_VALUE: the actual is a bound or a range, not what was done."""
    example = plain(p.raw_low) if p.raw_low is not None else "具体数值"
    unit = p.unit.unit if p.unit else ""
    return _note(
        "ACTUAL_NOT_VALUE",
        f"实际完成值“{text}”写的是范围或界限，不是实际完成的数值，请填写实际完成的具体数值（如“{example}{unit}”）",
    )


def percent_as_fraction(text: str, fraction: Decimal) -> Note:
    """PERCENT_AS_FRACTION: 0.8 written for 80%."""
    percent = plain(multiply(fraction, Decimal(100))) + "%"
    return _note(
        "PERCENT_AS_FRACTION",
        f"实际完成值“{text}”是小数，按百分比读作 {percent}，请改写为“{percent}”",
    )


def unit_mismatch(actual_unit: str, target_unit: str) -> Note:
    """UNIT_MISMATCH (info): the two columns use different units."""
    return _note(
        "UNIT_MISMATCH",
        f"实际完成值的单位“{actual_unit}”与年度指标值的单位“{target_unit}”不一致，请确认口径并统一单位",
    )
