"""Decimal helpers for scores: half-up rounding to 2 places and the number formats of 计算过程.

Python's round() is banker's rounding and floats cannot hold 1.025 exactly, so every score goes
through `q2` (docs/rules.md §0: 2.05 ÷ 20 × 10 = 1.025 → 1.03).
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

TWO_PLACES = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
# No number in a form is larger (model/form_limits.py MAX_NUMBER); a text such as "1e400" in a
# free-text key is not a number to score with: quantize fails near 1e26.
_LARGEST = Decimal("1e15")


def q2(value: Decimal) -> Decimal:
    """Round to 2 decimal places, half-up (1.025 → 1.03)."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def to_decimal(value: object) -> Decimal | None:
    """A number from the form (int, float, numeric string) as an exact Decimal; None if not a number.

    Floats go through str() so 1.8 stays 1.8 rather than 1.800000000000000044….
    """
    if value is None or isinstance(value, bool):
        return None
    try:
        result = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() and abs(result) <= _LARGEST else None


def plain(value: Decimal) -> str:
    """A Decimal as people write it: 40 → "40", 1.80 → "1.8", never scientific notation."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def score_text(value: Decimal) -> str:
    """A score with its 2 decimals, as printed in 计算过程: 5 → "5.00"."""
    return format(q2(value), "f")


def percent_text(rate: Decimal) -> str:
    """A rate (fraction) printed as a percentage with 2 decimals, half-up: 1.7285790 → "172.86%"."""
    return format(q2(rate * HUNDRED), "f") + "%"


def clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    """Keep a value inside [low, high]."""
    return max(low, min(value, high))
