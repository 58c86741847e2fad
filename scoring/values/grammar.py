"""The grammar of one value cell: operator, number, range, unit, frequency words and deadlines.

`parse_value` works on normalised text (see `words.normalise_text`) and knows nothing about
the other column; `scoring/values/reading.py` turns its result into a public `Reading`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation

from scoring.values.dates import parse_deadline
from scoring.values.units import UnitMatch, match_unit, with_wan
from scoring.values.words import (
    APPROX_PREFIXES, APPROX_SUFFIXES, PLACEHOLDERS, PREFIX_OPS, SUFFIX_OPS, VALUE_OP_WORDS,
)

# Wide precision and no traps: a 30-digit number times 10,000 must neither round nor raise.
_CTX = Context(prec=80, traps=[])
_MAX_DIGITS = 30  # longer digit strings are not values anyone writes; refuse them cheaply

_NUM = r"\d[\d,]*(?:\.\d+)?"
_OPS = "|".join(map(re.escape, sorted(PREFIX_OPS, key=len, reverse=True)))
_SUFFIXES = "|".join(map(re.escape, sorted(SUFFIX_OPS, key=len, reverse=True)))
_LABEL = r"(?P<label>[\u4e00-\u9fff]{0,8}?)"
_NUMBER_RE = re.compile(
    rf"^{_LABEL}(?P<op>{_OPS})?=?(?P<sign>-)?(?P<num>{_NUM})(?P<tail>.*?)(?P<suffix>{_SUFFIXES})?$"
)
_RANGE_RE = re.compile(
    rf"^{_LABEL}(?P<low>{_NUM})(?P<tail1>[^\d~至到—–-]*)(?:~|至|到|—|–|-)(?P<high>{_NUM})(?P<tail2>.*)$"
)
_THOUSANDS_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL_COMMA_RE = re.compile(r"\d+,\d{1,2}")
_BLANK_RE = re.compile(r"[-—–/\\_~.·…]*")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_NEGATED_LABEL_RE = re.compile(r"[未无没否不]")

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10}
_PERIOD = {"年": "年", "年度": "年", "季": "季", "季度": "季", "月": "月", "周": "周"}
_FREQ_RE = re.compile(r"^(?:每|一)(?P<per>年度|年|季度|季|月|周)(?:开展|举办|组织)?(?P<n>\d{1,3}|[一二两三四五六七八九十])次$")
_BY_PERIOD_RE = re.compile(r"^按(?P<per>年度|年|季度|季|月|周)$")


@dataclass(frozen=True)
class Parsed:
    """The grammar's result; `raw_low`/`raw_high` are the numbers before the unit factor."""

    norm: str
    kind: str
    op: str | None = None
    value: Decimal | None = None
    high: Decimal | None = None
    raw_low: Decimal | None = None
    raw_high: Decimal | None = None
    unit: UnitMatch | None = None
    date: datetime.date | None = None
    strict: bool = False
    explicit_op: bool = False
    comma_fix: tuple[str, str] | None = None  # (number, whole text) with the decimal comma as a point
    bare_wan: bool = False  # "5.6万" with no unit: 万元 unless the other column says otherwise
    op_word_is_value: bool = False  # 达到…: a bound in a target, a value in an actual


def multiply(value: Decimal, factor: Decimal) -> Decimal:
    """Exact product for the sizes we accept (see `_CTX`)."""
    return _CTX.multiply(value, factor)


def parse_value(norm: str, year: int | None) -> Parsed:
    """Read one normalised cell.

    Args:
        norm: text from `normalise_text`.
        year: the form's year for deadlines without one.
    Returns:
        A Parsed of kind blank, placeholder, deadline, number, range, qualitative or unreadable.
    """
    if _BLANK_RE.fullmatch(norm):
        return Parsed(norm, "blank")
    if norm in PLACEHOLDERS:
        return Parsed(norm, "placeholder")
    deadline = parse_deadline(norm, year)
    if deadline is not None:
        if not deadline.valid:
            return Parsed(norm, "unreadable")
        return Parsed(norm, "deadline", date=deadline.date, strict=deadline.strict)
    for reader in (_frequency, _range, _number):
        parsed = reader(norm)
        if parsed is not None:
            return parsed
    return Parsed(norm, "qualitative" if _CJK_RE.search(norm) else "unreadable")


def _to_decimal(token: str) -> tuple[Decimal | None, str | None]:
    """A number token → (value, the token rewritten with a point when it had a decimal comma)."""
    if sum(c.isdigit() for c in token) > _MAX_DIGITS:
        return None, None
    fixed = None
    if "," in token:
        if _THOUSANDS_RE.fullmatch(token):
            token = token.replace(",", "")  # 1,721 is one thousand seven hundred twenty-one
        elif _DECIMAL_COMMA_RE.fullmatch(token):
            token = fixed = token.replace(",", ".")  # 2,53 is a typo for 2.53 (seed 001)
        else:
            return None, None
    try:
        return Decimal(token), fixed
    except InvalidOperation:
        return None, None


def _unit_of(tail: str) -> tuple[UnitMatch | None, bool, bool]:
    """(unit, bare 万, understood) for the text after a number."""
    for hedge in APPROX_SUFFIXES:
        if tail.startswith(hedge) or tail.endswith(hedge):
            tail = tail.removeprefix(hedge).removesuffix(hedge)
    if not tail:
        return None, False, True
    unit = match_unit(tail)
    if unit is not None:
        return unit, False, True
    if tail == "万":
        return with_wan(None), True, True
    if tail.startswith("万"):
        inner = match_unit(tail[1:])
        if inner is not None:
            return with_wan(inner), False, True
    return None, False, False


def _label_ok(label: str) -> bool:
    # A few words before the number are fine (约400人, 完成率≥95%) unless they negate it (未完成1次).
    return not label or label in APPROX_PREFIXES or not _NEGATED_LABEL_RE.search(label)


def _number(norm: str) -> Parsed | None:
    m = _NUMBER_RE.match(norm)
    if m is None or not _label_ok(m["label"]):
        return None
    raw, comma_fix = _to_decimal(m["num"])
    unit, bare_wan, ok = _unit_of(m["tail"])
    if raw is None or not ok:
        return None
    prefix_word, suffix_word = m["op"], m["suffix"]
    op = _combine_ops(PREFIX_OPS.get(prefix_word or ""), SUFFIX_OPS.get(suffix_word or ""))
    if op == "":
        return None  # ≥5人以下: the two operators contradict each other
    if m["sign"]:
        raw = -raw
    return Parsed(
        norm, "number", op=op or "=", value=_apply(raw, unit), raw_low=raw, unit=unit,
        strict=op in (">", "<"), explicit_op=op is not None, bare_wan=bare_wan,
        comma_fix=(comma_fix, norm.replace(m["num"], comma_fix, 1)) if comma_fix else None,
        op_word_is_value=prefix_word in VALUE_OP_WORDS and suffix_word is None,
    )


def _combine_ops(prefix: str | None, suffix: str | None) -> str | None:
    """One operator from the word before and after the number; '' when they disagree."""
    if prefix is None or suffix is None:
        return prefix or suffix
    if prefix == suffix or prefix[0] == suffix[0]:
        return prefix  # 高于…以上: the prefix is the more precise of two same-direction words
    return ""


def _range(norm: str) -> Parsed | None:
    m = _RANGE_RE.match(norm)
    if m is None or not _label_ok(m["label"]):
        return None
    low, fix_low = _to_decimal(m["low"])
    high, fix_high = _to_decimal(m["high"])
    unit1, wan1, ok1 = _unit_of(m["tail1"])
    unit2, wan2, ok2 = _unit_of(m["tail2"])
    if low is None or high is None or not (ok1 and ok2) or (unit1 and unit2 and unit1 != unit2):
        return None
    unit = unit2 or unit1
    if low > high:
        low, high = high, low
    fixed = norm
    for token, fix in ((m["low"], fix_low), (m["high"], fix_high)):
        if fix:
            fixed = fixed.replace(token, fix, 1)
    fixed_numbers = "、".join(f for f in (fix_low, fix_high) if f)
    return Parsed(
        norm, "range", op="range", value=_apply(low, unit), high=_apply(high, unit),
        raw_low=low, raw_high=high, unit=unit, explicit_op=True, bare_wan=wan2 or wan1,
        comma_fix=(fixed_numbers, fixed) if fixed_numbers else None,
    )


def _frequency(norm: str) -> Parsed | None:
    m = _FREQ_RE.match(norm) or _BY_PERIOD_RE.match(norm)
    if m is None:
        return None
    count_text = m.groupdict().get("n") or "1"
    count = Decimal(int(count_text) if count_text.isdigit() else _CN_DIGITS[count_text])
    unit = match_unit("次/" + _PERIOD[m["per"]])
    return Parsed(norm, "number", op="=", value=count, raw_low=count, unit=unit)


def _apply(raw: Decimal, unit: UnitMatch | None) -> Decimal:
    return raw if unit is None else multiply(raw, unit.factor)
