"""Small helpers shared by the check modules: safe numbers, blank cells, names, directions.

Every helper accepts odd data (None, wrong types) and answers conservatively, so a check built on
them never raises on a half-filled form.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from scoring.context import Context, LeafView
from scoring.result import Finding

# Characters that carry no value on their own: an operator or a dash left in a cell is still blank.
_EMPTY_CHARS = " \t\r\n\u3000=＝≥≤<>＜＞-—–/／、，,。.:：;；"
_NUMBERING_RE = re.compile(r"^\s*(?:[（(]?\d{1,2}[)）、.．:：]|[①-⑳]|[一二三四五六七八九十]+、)\s*")
_PUNCT_RE = re.compile(r"[\s\u3000“”\"'‘’，,。.、:：;；（）()【】\[\]%％]")
_BRACKET_WEIGHT_RE = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]")
PEOPLE_UNITS = frozenset({"人", "户", "人次", "名", "户次", "家"})
_SAME_UNIT = {"名": "人", "位": "人"}
_NAME_UNIT_RE = re.compile(r"[（(]\s*(人次|户次|人|户|名|件|个|次|期|项|场|所|台|套)数?\s*[)）]")


def dec(value: Any) -> Decimal | None:
    """A form number as an exact Decimal (via its printed form), None when absent or not a number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, (int, float)):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return None
        return number if number.is_finite() else None  # NaN/inf would make comparisons raise
    return None


def is_blank(text: str | None) -> bool:
    """True for None, '' and cells holding only operators, dashes or punctuation (e.g. '=')."""
    if not isinstance(text, str):
        return True
    return not text.strip(_EMPTY_CHARS)  # strip leaves nothing exactly when every character is one of them


def norm_name(text: str | None) -> str:
    """A name without its numbering (1、, ①), declared weight (30分), spaces and punctuation."""
    if not isinstance(text, str):
        return ""
    return _norm_name(text)


@lru_cache(maxsize=8192)
def _norm_name(text: str) -> str:
    text = _BRACKET_WEIGHT_RE.sub("", text)
    text = _NUMBERING_RE.sub("", text)
    if text.startswith("其中"):
        text = text[2:]
    return _PUNCT_RE.sub("", text)


def fmt(value: Decimal | None) -> str:
    """A number as people write it: no trailing zeros, no exponent."""
    if value is None:
        return "（空白）"
    return format(value.normalize(), "f")


def pct(value: Decimal) -> str:
    """A fraction printed as a percentage with 2 decimals (0.9 → 90.00%)."""
    try:
        return f"{(value * 100).quantize(Decimal('0.01'))}%"
    except InvalidOperation:  # too many digits for the context: print it plainly
        return f"{fmt(value * 100)}%"


def label(lv: LeafView) -> str:
    """How a message names a leaf: “name”（一级/二级）, or its place when it has no name."""
    groups = "/".join(p for p in lv.path[1:-1] if p)
    name = lv.leaf.name.strip() if isinstance(lv.leaf.name, str) else ""
    if name:
        return f"“{name}”（{groups}）" if groups else f"“{name}”"
    return f"{groups}下未命名的指标" if groups else "未命名的指标"


def group_names(lv: LeafView) -> tuple[str, ...]:
    """The names of the groups above a leaf (一级, 二级), as written."""
    return tuple(p for p in lv.path[1:-1] if isinstance(p, str))


def is_cost(lv: LeafView) -> bool:
    """Whether a leaf sits under 成本 (as a 一级 of the 101号 layout or a 二级 under 产出)."""
    if "成本" in (lv.level1 or "") or "成本" in (lv.level2 or ""):
        return True
    return any("成本" in g for g in group_names(lv))


def is_category(lv: LeafView, word: str) -> bool:
    """Whether the leaf's 二级 (or, failing that, a group name) is the category `word` (数量, 时效 …)."""
    if lv.level2:
        return word in lv.level2
    return any(word in g for g in group_names(lv))


def weight_of(lv: LeafView) -> Decimal | None:
    """The leaf's 分值, from its NodeScore when scored, else from the form."""
    if lv.score is not None and dec(lv.score.weight) is not None:
        return dec(lv.score.weight)
    return dec(lv.leaf.weight)


def score_of(lv: LeafView) -> Decimal | None:
    """The score in force: the NodeScore's, else the typed 得分."""
    if lv.score is not None and dec(lv.score.score) is not None:
        return dec(lv.score.score)
    return dec(lv.leaf.score)


def rule_type(lv: LeafView) -> str | None:
    """The leaf's own rule type when it names one."""
    rule = lv.leaf.rule
    if isinstance(rule, dict) and isinstance(rule.get("type"), str):
        return str(rule["type"])
    return None


def direction(lv: LeafView) -> str | None:
    """'positive', 'reverse' or 'range' from the written target; a bare number under 成本 is reverse."""
    t = lv.target
    if t.kind == "range":
        return "range"
    if t.kind != "number" or t.op is None:
        return None
    if t.op in (">=", ">"):
        return "positive"
    if t.op in ("<=", "<"):
        return "reverse"
    return "reverse" if is_cost(lv) and not t.explicit_op else "positive"


def comparable(lv: LeafView) -> tuple[Decimal, Decimal] | None:
    """(target, actual) as numbers in one unit when both are plain figures, else None."""
    t, a = lv.target, lv.actual
    if t.kind != "number" or a.kind != "number" or t.value is None or a.value is None:
        return None
    if a.op not in (None, "="):
        return None
    if t.family is not None and a.family is not None and t.family != a.family:
        return None
    return t.value, a.value


def scored_leaf(lv: LeafView) -> bool:
    """Whether the leaf carries a positive 分值 (unscored layouts and weight-0 rows do not)."""
    w = weight_of(lv)
    return w is not None and w > 0


def setting(ctx: Context, key: str, default: Decimal) -> Decimal:
    """A numeric profile setting as Decimal, with a default when absent or odd."""
    try:
        raw = ctx.settings.get(key) if ctx.settings is not None else None
    except AttributeError:
        raw = None
    value = dec(raw) if not isinstance(raw, str) else None
    if value is None and isinstance(raw, str):
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = None
    return value if value is not None else default


def each_leaf(ctx: Context, leaf_check: Callable[[Context, LeafView], Iterable[Finding]]) -> Iterator[Finding]:
    """A leaf check run over every leaf of the Context, in tree order."""
    for lv in ctx.leaves:
        yield from leaf_check(ctx, lv)


def each_goal(ctx: Context,
              goal_check: Callable[[Context, list[LeafView]], Iterable[Finding]]) -> Iterator[Finding]:
    """A goal check run on the leaves of each goal (grouped by goal id, goals in tree order)."""
    for rows in leaves_by_goal(ctx.leaves).values():
        yield from goal_check(ctx, rows)


def leaves_by_goal(leaves: Iterable[LeafView]) -> dict[int, list[LeafView]]:
    """The leaves of each goal id, in tree order."""
    by_goal: dict[int, list[LeafView]] = {}
    for lv in leaves:
        by_goal.setdefault(lv.goal.id, []).append(lv)
    return by_goal


def count_unit(lv: LeafView) -> str | None:
    """The count unit a leaf is measured in (人, 户, 件 …; 名 and 位 are 人), from its values or its
    name (“救济慰问特困户(户数)”, “…人数”); None for a percent, money or unknown unit."""
    for reading in (lv.target, lv.actual):
        if reading.kind in ("number", "range") and reading.family == "count" and reading.unit:
            return _SAME_UNIT.get(reading.unit, reading.unit)
        if reading.kind in ("number", "range") and reading.unit:
            return None  # a percent, money or duration figure: prose counts are not compared with it
    name = lv.leaf.name if isinstance(lv.leaf.name, str) else ""
    m = _NAME_UNIT_RE.search(name)
    if m:
        return _SAME_UNIT.get(m.group(1), m.group(1))
    for suffix, unit in (("人数", "人"), ("户数", "户"), ("人次", "人次")):
        if name.endswith(suffix):
            return unit
    return None
