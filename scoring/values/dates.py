"""Deadlines written in 年度指标值 / 实际完成值 (2021年10月底, 12月31日前, 20年底, 2024.10.10).

Turns the text into the last day it allows (docs/rules.md §2.6); the text arriving here is already
NFKC-normalised with whitespace removed.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

_PREFIX = r"(?P<pre><=|≤|<|在|于|截至|截止到|截止至|截止|到|至|预计|计划|应于|须于|需于)?"
_SUFFIX = r"(?P<before>前|之前|以前)?(?:完成|完工|结束|办结|完毕|实施完毕)?"
_YEAR = r"(?P<y>\d{4}|\d{2})"

_CORES = (
    # 2021年10月底, 12月31日, 2022年12月, 10月份
    rf"(?:{_YEAR}年)?(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})[日号]|(?P<end>底|末|份|内))?",
    # 20年底, 2022年, 2022年度内
    rf"{_YEAR}年(?:度)?(?P<yend>底|末|内|度内)?",
    # 2024.10.10, 2024-10-10, 2024/10/10; with two parts only 2022-12 or 2022/12, since
    # "1900.01" is a number
    r"(?P<y4>\d{4})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})",
    r"(?P<y4>\d{4})[/-](?P<m>\d{1,2})",
    # 年底, 年内, 当年 … (the form's year)
    r"(?P<words>年底|年末|年内|年度内|本年度内|本年内|当年|当年底|年度末|本年底)",
    r"(?P<half>上半年|下半年)(?:末|底)?",
    r"第?(?P<q>[一二三四1-4])季度(?:末|底)?",
)
_DATE_RES = tuple(re.compile(f"^{_PREFIX}{core}{_SUFFIX}$") for core in _CORES)
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class DeadlineMatch:
    """A text recognised as a deadline; `date` is None when the year is unknown or invalid."""

    date: datetime.date | None
    strict: bool
    valid: bool


def _last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _year_of(written: str | None, form_year: int | None) -> int | None:
    if written is None:
        return form_year
    # 两位年份 "20年底" means 2020: the forms are all from this century.
    return 2000 + int(written) if len(written) == 2 else int(written)


def parse_deadline(text: str, form_year: int | None) -> DeadlineMatch | None:
    """Read a normalised text as a deadline.

    Args:
        text: NFKC-normalised text without whitespace.
        form_year: the form's year, used when the text omits the year.
    Returns:
        None when the text is not a date; otherwise the last day meant (X月底 → last day of X),
        whether it is written as strictly before (…前, <), and whether the date exists.
    """
    for pattern in _DATE_RES:
        m = pattern.match(text)
        if m is not None:
            return _resolve(m.groupdict(), form_year)
    return None


def _resolve(g: dict[str, str | None], form_year: int | None) -> DeadlineMatch | None:
    strict = bool(g.get("before")) or g.get("pre") == "<"
    y = g.get("y") or g.get("y4")
    if g.get("m") is not None and y is None and not g.get("d") and not g.get("end") and g.get("pre") in ("<=", "≤", "<"):
        return None  # "≤10月" is a duration of ten months, not a date
    if y is not None and len(y) == 2 and g.get("m") is None and not g.get("yend"):
        return None  # "20年" alone is a duration
    if y is not None and len(y) == 4 and not 1900 <= int(y) <= 2100:
        return None
    year = _year_of(y, form_year)
    month, day = 12, None
    if g.get("m") is not None:
        month = int(g["m"] or 0)
        day = int(g["d"] or 0) if g.get("d") else None
    elif g.get("half") == "上半年":
        month = 6
    elif g.get("q") is not None:
        month = 3 * _QUARTER[g["q"] or "4"]
    if not 1 <= month <= 12:
        return DeadlineMatch(None, strict, valid=False)
    if year is None:
        valid = day is None or 1 <= day <= 31
        return DeadlineMatch(None, strict, valid=valid)
    try:
        date = datetime.date(year, month, day) if day is not None else _last_day(year, month)
    except ValueError:
        return DeadlineMatch(None, strict, valid=False)
    return DeadlineMatch(date, strict, valid=True)
