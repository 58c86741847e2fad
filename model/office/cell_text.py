"""Spreadsheet cell values as the text the paper shows (40, 1.8, 4.50%, 2024-10-10)."""
from __future__ import annotations

import datetime as dt
import re

_DECIMALS = re.compile(r"0\.(0+)")


def number_text(value: float | int, number_format: str = "General") -> str:
    """A number as printed: percent formats give "4.50%", others the shortest exact form."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if "%" in number_format:
        match = _DECIMALS.search(number_format)
        places = len(match.group(1)) if match else 0
        return f"{value * 100:.{places}f}%"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return format(value, ".12g")
    return str(value)


def value_text(value: object, number_format: str = "General") -> str:
    """Any cell value as text ('' for empty)."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return number_text(value, number_format)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
