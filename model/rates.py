"""Rates of the 基础数据表 (控制率, 规模控制率, 投资概算控制率): stored as fractions, written as percents.

Paper forms write "100%" or "98.5%"; files and the editor accept that, and a bare number keeps the
editor's old reading: up to 1.5 a fraction (1.2 = 120 %), above it percent points (100 = 100 %).
"""
from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Union

Number = Union[int, float]
# Above this a bare number is read as percent points: no real 控制率 reaches 150 % as a fraction.
FRACTION_LIMIT = 1.5


def is_rate_column(title: str) -> bool:
    """A column of rates (控制率, 规模控制率, 投资概算控制率…): its title names a 率."""
    return "率" in title


def rate_fraction(value: Number | None) -> Number | None:
    """A stored rate as a fraction: 1.0 stays 1.0, 100 (percent points) becomes 1.0."""
    if value is None or isinstance(value, bool):
        return None
    if value > FRACTION_LIMIT:
        return _float(Decimal(str(value)) / 100)
    return value


def parse_percent(text: str) -> Number | None:
    """Read "100%", "98.5%", "９８．５％" or a bare number as a fraction; "" is None.

    Raises:
        ValueError: (Chinese) when the text is not a number with an optional % sign.
    """
    clean = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    if not clean:
        return None
    percent = clean.endswith("%")
    digits = clean.rstrip("%").strip()
    try:
        number = Decimal(digits)
    except InvalidOperation:
        raise ValueError(f"“{text.strip()}”不是百分数，请写成 100% 或 98.5% 这样的形式") from None
    if not number.is_finite():
        raise ValueError(f"“{text.strip()}”不是有效的百分数，请写成 100% 或 98.5% 这样的形式")
    if percent:
        return _float(number / 100)
    return rate_fraction(int(number) if number == number.to_integral_value() and "." not in digits
                         else float(number))


def _float(number: Decimal) -> Number:
    """A Decimal as the plainest Python number (1 rather than 1.0 only when it came as an integer)."""
    return float(number)
