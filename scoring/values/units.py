"""Units written after a number in 年度指标值 / 实际完成值: their normal spelling, family and factor.

Pure data and one matcher; the text reaching `match_unit` is already NFKC-normalised and has no
whitespace (so ``m²`` arrives as ``m2``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# spelling -> (normal spelling, family, factor to the family's base unit)
_SIMPLE_UNITS: dict[str, tuple[str, str, Decimal]] = {
    "%": ("%", "percent", Decimal("0.01")),
    "百分比": ("%", "percent", Decimal("0.01")),
    "元": ("元", "money", Decimal(1)),
    "千元": ("千元", "money", Decimal(1000)),
    "万元": ("万元", "money", Decimal(10000)),
    "亿元": ("亿元", "money", Decimal(100000000)),
    "平方米": ("平方米", "area", Decimal(1)),
    "平方": ("平方米", "area", Decimal(1)),
    "平米": ("平方米", "area", Decimal(1)),
    "m2": ("平方米", "area", Decimal(1)),
    "亩": ("亩", "area", Decimal(1)),
    "个月": ("个月", "duration", Decimal(1)),
    "月": ("个月", "duration", Decimal(1)),
    "日": ("日", "duration", Decimal(1)),
    "天": ("日", "duration", Decimal(1)),
    "个工作日": ("工作日", "duration", Decimal(1)),
    "工作日": ("工作日", "duration", Decimal(1)),
    "年": ("年", "duration", Decimal(1)),
    "周": ("周", "duration", Decimal(1)),
    "小时": ("小时", "duration", Decimal(1)),
}

# Count words seen in the seeds and the usual templates; each is its own unit (人 ≠ 户).
_COUNT_WORDS = (
    "人次 户次 人 户 件 次 项 期 条 门 起 个 所 家 场 名 台 辆 套 本 册 间 处 座 批 类 种 篇 份 张 "
    "位 支 班 例 只 部 村 台套 床 课时 学时 节"
).split()

# After a "/" (60元/人, 0.02万元/人/年, 1次/年): what a rate is counted per.
_PER_WORDS = ("人次", "人", "户", "年", "季度", "季", "月", "周", "日", "天", "次", "件", "项", "个", "期")
_TIME_PER = {"年", "季度", "季", "月", "周", "日", "天"}

_ALL_BASES = sorted([*_SIMPLE_UNITS, *_COUNT_WORDS], key=len, reverse=True)
_UNIT_RE = re.compile(
    "(?P<base>" + "|".join(map(re.escape, _ALL_BASES)) + ")"
    "(?P<per>(?:/(?:" + "|".join(map(re.escape, sorted(_PER_WORDS, key=len, reverse=True))) + "))*)$"
)


@dataclass(frozen=True)
class UnitMatch:
    """A unit as read: `unit` is the normal spelling, `factor` turns the number into base units."""

    unit: str
    family: str
    factor: Decimal


def match_unit(tail: str) -> UnitMatch | None:
    """Read `tail` (everything after the number) as one unit, or return None.

    Args:
        tail: normalised text such as "人", "万元/人/年", "次/年", "m2".
    Returns:
        The unit, its family and factor; None when `tail` is not a known unit.
    """
    m = _UNIT_RE.match(tail)
    if m is None:
        return None
    base, per = m.group("base"), m.group("per")
    if base in _SIMPLE_UNITS:
        unit, family, factor = _SIMPLE_UNITS[base]
    else:
        unit, family, factor = base, "count", Decimal(1)
    if per:
        per_parts = per[1:].split("/")
        per = "/" + "/".join("日" if p == "天" else p for p in per_parts)
        unit += per
        # 1次/年 is a frequency; 60元/人 stays money (a unit cost); 5%/年 keeps its family.
        if family == "count" and per_parts[-1] in _TIME_PER:
            family = "frequency"
    return UnitMatch(unit, family, factor)


def money_factor(unit: str | None) -> Decimal | None:
    """元 in one `unit` of money (万元 → 10000, 元 → 1); None when `unit` is not a money unit."""
    known = _SIMPLE_UNITS.get(unit or "")
    return known[2] if known is not None and known[1] == "money" else None


def money_base(unit: str) -> str:
    """The money unit with its size prefix dropped (万元/人 -> 元/人), to compare unit costs."""
    for prefix in ("千元", "万元", "亿元"):
        if unit.startswith(prefix):
            return "元" + unit[len(prefix):]
    return unit


def with_wan(unit: UnitMatch | None) -> UnitMatch:
    """Apply a written 万 to a unit: 1.82万人 = 18,200 人, 2万元 stays 万元, a bare 万 means 万元."""
    if unit is None:
        return _SIMPLE_UNITS_MATCH["万元"]
    if unit.family == "money" and unit.unit.startswith("元"):
        return UnitMatch("万" + unit.unit, "money", unit.factor * 10000)
    return UnitMatch(unit.unit, unit.family, unit.factor * 10000)


_SIMPLE_UNITS_MATCH = {k: UnitMatch(*v) for k, v in _SIMPLE_UNITS.items()}
