"""Reading figures and dates as people write them in form cells."""
from __future__ import annotations

import re

from model.form import Number

_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_EMPTY = {"", "—", "-", "－", "——", "/", "无", "--"}
_DATE = re.compile(r"(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})")
_DECLARED = re.compile(r"^(?P<name>.*?)\s*[（(]\s*(?P<weight>\d+(?:\.\d+)?)\s*分\s*[)）]\s*$", re.S)
_CODE = re.compile(r"^(?P<code>[A-Z]\d{0,3})\s*(?P<rest>\S.*)$", re.S)


class NotANumber(ValueError):
    """A cell that should hold a figure holds words."""


def number(text: str, percent: bool = False) -> Number | None:
    """A figure from a cell: "10", "10分", "1,005.67", "4.50%" (÷100 when `percent`); blank/— → None.

    Raises:
        NotANumber: the cell holds something else.
    """
    t = re.sub(r"[\s,，]", "", text).rstrip("分").replace("万元", "")
    if t in _EMPTY:
        return None
    divide = t.endswith("%")
    if divide:
        t = t[:-1]
    if not _NUMBER.match(t):
        raise NotANumber(text)
    value = float(t) / (100 if divide and percent else 1)
    if divide and percent:
        value = round(value, 10)
    return int(value) if value.is_integer() else value


def maybe_number(text: str, percent: bool = False) -> Number | None:
    """number(), with None for words."""
    try:
        return number(text, percent)
    except NotANumber:
        return None


def iso_date(text: str) -> str:
    """"2024.10.10" → "2024-10-10"; text that is no date is returned stripped."""
    match = _DATE.search(text)
    if not match:
        return text.strip()
    y, m, d = (int(g) for g in match.groups())
    return f"{y:04d}-{m:02d}-{d:02d}"


def declared(text: str) -> tuple[str, Number | None]:
    """"产出指标(30分)" → ("产出指标", 30); either bracket width; no weight → (text, None)."""
    match = _DECLARED.match(text.strip())
    if match is None:
        return text.strip(), None
    w = float(match.group("weight"))
    return match.group("name").strip(), int(w) if w.is_integer() else w


def coded(text: str) -> tuple[str | None, str]:
    """"A11立项依据充分性" → ("A11", "立项依据充分性"); no code → (None, text)."""
    match = _CODE.match(text.strip())
    if match is None or not re.match(r"[\u4e00-\u9fff]", match.group("rest")):
        return None, text.strip()
    return match.group("code"), match.group("rest").strip()
