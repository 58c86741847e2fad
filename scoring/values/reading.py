"""The value reader: what people write in 年度指标值 / 实际完成值, read into numbers, units and dates.

Pure and total: every function accepts any text and never raises; what it cannot read is kind
"unreadable". Numbers are Decimal in base units (80% → 0.8, 2万元 → 20000). See docs/rules.md §2.3.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from scoring.values import notes
from scoring.values.units import UnitMatch, match_unit, money_base
from scoring.values.grammar import Parsed, multiply, parse_value
from scoring.values.types import Note, Reading
from scoring.values.words import (
    ACHIEVED, LATE_OR_UNDONE, NEGATION_RE, NOT_ACHIEVED, NOT_MEASURABLE_EXACT, NOT_MEASURABLE_RE,
    ON_TIME, PARTIAL, STRONG_RE, WEAK_RE, normalise_text,
)

_MONTH_COUNT_RE = re.compile(r"\d{1,2}月")

__all__ = ["Note", "Reading", "read_target", "read_actual", "suggest_tier", "is_deadline_met"]


def _reading(text: str, p: Parsed, extra: tuple[Note, ...] = ()) -> Reading:
    unit = p.unit.unit if p.unit else None
    family = p.unit.family if p.unit else ("date" if p.kind == "deadline" else None)
    decimal_note = (notes.decimal_comma(text, *p.comma_fix),) if p.comma_fix else ()
    return Reading(
        text=text, kind=p.kind, op=p.op, value=p.value, high=p.high, unit=unit, family=family,
        date=p.date, strict=p.strict, explicit_op=p.explicit_op, notes=decimal_note + extra,
    )


@lru_cache(maxsize=4096)
def read_target(text: str | None, *, year: int | None = None) -> Reading:
    """Read a 年度指标值 (target).

    Args:
        text: the cell as written; None and '' give kind "blank".
        year: the form's year, for deadlines written without one (12月31日前).
    Returns:
        The Reading, with notes DECIMAL_COMMA, TARGET_PLACEHOLDER, TARGET_NOT_MEASURABLE or
        DEADLINE_OUTSIDE_YEAR where they apply.
    """
    raw = text or ""
    p = parse_value(normalise_text(raw), year)
    extra: tuple[Note, ...] = ()
    if p.kind == "placeholder":
        extra = (notes.target_placeholder(raw),)
    elif p.kind == "qualitative" and _not_measurable(p.norm):
        extra = (notes.target_not_measurable(raw),)
    elif p.kind == "deadline" and p.date is not None and year is not None and p.date.year != year:
        extra = (notes.deadline_outside_year(raw, year),)
    return _reading(raw, p, extra)


def _not_measurable(norm: str) -> bool:
    return norm in NOT_MEASURABLE_EXACT or NOT_MEASURABLE_RE.match(norm) is not None


def read_actual(text: str | None, target: Reading, *, year: int | None = None) -> Reading:
    """Read a 实际完成值 (actual) in the light of its target.

    A bare 0 < a <= 1 against a percent target is a fraction (0.8 → 80%, note
    PERCENT_AS_FRACTION); a bare number takes the target's unit (万元 → ×10,000); a bare 万 against
    a count target multiplies the count (1.82万 vs 人 → 18,200 人); money in 元 and 万元 compare in
    元; a bound or range (≥90%) keeps its op and gets ACTUAL_NOT_VALUE; units that really differ get
    an info UNIT_MISMATCH.

    Args:
        text: the cell as written.
        target: the Reading of the same leaf's target.
        year: the form's year, for deadlines written without one.
    Returns:
        The Reading of the actual.
    """
    raw = text or ""
    norm = normalise_text(raw)
    if target.family == "duration" and _MONTH_COUNT_RE.fullmatch(norm):
        norm = norm.replace("月", "个月")  # "9月" against ≤10个月 is nine months, not September
    p = parse_value(norm, year)
    if p.kind not in ("number", "range"):
        return _reading(raw, p)
    extra: list[Note] = []
    if p.op_word_is_value:
        p = replace(p, op="=", explicit_op=False)  # 达到90% states the level reached
    if p.op != "=":
        extra.append(notes.actual_not_value(raw, p))
    p, unit_note = _fit_unit(raw, p, target)
    extra.extend(unit_note)
    return _reading(raw, p, tuple(extra))


def _fit_unit(raw: str, p: Parsed, target: Reading) -> tuple[Parsed, tuple[Note, ...]]:
    """Give a bare actual the target's unit, or say when the two units differ."""
    if target.kind not in ("number", "range") or target.unit is None:
        return p, ()
    target_unit = match_unit(target.unit)
    if p.unit is None or (p.bare_wan and target.family != "money"):
        if target_unit is None:
            return p, ()
        return _adopt_unit(raw, p, target_unit)
    if p.unit.family == target.family == "money":
        if money_base(p.unit.unit) == money_base(target.unit):
            return p, ()
    elif p.unit.unit == target.unit:
        return p, ()
    return p, (notes.unit_mismatch(p.unit.unit, target.unit),)


def _adopt_unit(raw: str, p: Parsed, unit: UnitMatch) -> tuple[Parsed, tuple[Note, ...]]:
    if unit.family == "percent" and not p.bare_wan:
        low, high = p.raw_low, p.raw_high
        if low is not None and Decimal(0) < low <= 1 and (high is None or high <= 1):
            # 0.8 against ≥80%: the fraction is already the base value
            fixed = replace(p, value=low, high=high, unit=unit)
            return fixed, (notes.percent_as_fraction(raw, low),)
    scaled = replace(
        p,
        value=_scale(p.value, unit.factor),
        high=_scale(p.high, unit.factor),
        unit=unit,
    )
    return scaled, ()


def _scale(value: Decimal | None, factor: Decimal) -> Decimal | None:
    return None if value is None else multiply(value, factor)


def suggest_tier(target_text: str | None, actual_text: str | None) -> str | None:
    """Suggest a qualitative tier from the written actual (docs/rules.md §2.5); the user confirms.

    Args:
        target_text: the target as written.
        actual_text: the actual as written.
    Returns:
        '达成', '部分达成', '未达成', or None when the words give no hint.
    """
    target = normalise_text(target_text or "")
    actual = normalise_text(actual_text or "")
    if not actual:
        return None
    if actual == target:
        return "达成"
    for words, tier in ((NOT_ACHIEVED, "未达成"), (PARTIAL, "部分达成"), (ACHIEVED, "达成")):
        if actual in words:
            return tier
    return _compare_degree(target, actual) if target else None


def _degree(text: str) -> tuple[int, str]:
    """Split a phrase into (degree, core): 明显提高 → (2, 提高), 有所提高 → (0, 提高)."""
    m = STRONG_RE.match(text)
    if m:
        return 2, text[m.end():]
    m = WEAK_RE.match(text)
    if m:
        return 0, text[m.end():]
    return 1, text


def _compare_degree(target: str, actual: str) -> str | None:
    negated = NEGATION_RE.match(actual)
    t_degree, t_core = _degree(target)
    if negated:
        return "未达成" if t_core and t_core in actual[negated.end():] else None
    a_degree, a_core = _degree(actual)
    if not t_core or not a_core or t_core not in a_core:
        return None
    return "达成" if a_degree >= t_degree else "部分达成"


def is_deadline_met(target: Reading, actual: Reading) -> bool | None:
    """Whether a deadline target was met; None when it cannot be told.

    `12月31日前` counts as on or before 12-31 (docs/rules.md §2.6: the forms mean "by"), so `strict`
    does not exclude the day itself.

    Args:
        target: a Reading of kind "deadline".
        actual: the Reading of the actual.
    Returns:
        True when done by the deadline, False when late or not done, None otherwise.
    """
    if target.kind != "deadline":
        return None
    if actual.kind == "deadline":
        if target.date is None or actual.date is None:
            return None
        return actual.date <= target.date
    words = normalise_text(actual.text)
    if words in ON_TIME:
        return True
    if words in LATE_OR_UNDONE:
        return False
    return None

