"""The value reader's result types: a `Reading` of one cell and the `Note`s it carries.

Re-exported by `scoring/values/reading.py`, which is where callers import them from.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Note:
    """Something the checker should report about a text: a docs/rules.md §4 code and a Chinese message."""

    code: str
    message: str


@dataclass(frozen=True)
class Reading:
    """One value as read; `value`/`high` are in base units, `date` is the last day a deadline allows."""

    text: str  # the original text ('' for None)
    kind: str  # blank | number | range | deadline | qualitative | placeholder | unreadable
    op: str | None  # ">=", ">", "=", "<=", "<", "range"; None unless a number or range
    value: Decimal | None  # percent as a fraction, money in 元, counts as is
    high: Decimal | None  # upper end of a range
    unit: str | None  # normal spelling: "人", "%", "万元", "个月", "次/年" …
    family: str | None  # count, percent, money, duration, area, frequency, date
    date: datetime.date | None  # deadlines: the last day meant
    strict: bool  # "…前" deadlines and > / <
    explicit_op: bool  # the operator was written rather than implied
    notes: tuple[Note, ...]
