"""Reading 实际完成值 (actuals) against their targets, tier suggestions and deadline checks.

Pairs are the real target/actual cells of the seed forms; expected values are worked out by hand
from docs/rules.md §2.3, §2.5 and §2.6.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from scoring.values.reading import Reading, is_deadline_met, read_actual, read_target, suggest_tier

D = Decimal


def _actual(target: str, actual: str | None, year: int = 2020) -> Reading:
    return read_actual(actual, read_target(target, year=year), year=year)


# target, actual, value (base units), unit, family, note codes
PAIRS = [
    # seed 001: fractions against percent targets
    ("≥80%", "0.8", D("0.8"), "%", "percent", ["PERCENT_AS_FRACTION"]),
    ("≥100%", "1", D(1), "%", "percent", ["PERCENT_AS_FRACTION"]),
    ("≥90%", "0.9", D("0.9"), "%", "percent", ["PERCENT_AS_FRACTION"]),
    ("≥90%", "0.95", D("0.95"), "%", "percent", ["PERCENT_AS_FRACTION"]),
    ("≤5%", "0.05", D("0.05"), "%", "percent", ["PERCENT_AS_FRACTION"]),
    ("≥90%", "90%", D("0.9"), "%", "percent", []),
    ("≥90%", "90", D("0.9"), "%", "percent", []),  # > 1: already a percentage
    # seed 001: money in 万 (bare 万 = 万元)
    ("≤2万", "5.6万", D(56000), "万元", "money", []),
    ("≥15万", "37.114万", D(371140), "万元", "money", []),
    ("≥6万", "17万", D(170000), "万元", "money", []),
    ("≤0.5万", "0.4万", D(4000), "万元", "money", []),
    ("≤2,53万", "8.3万", D(83000), "万元", "money", []),
    ("≤10万元", "80000元", D(80000), "元", "money", []),
    ("≤10万元", "8", D(80000), "万元", "money", []),  # bare number takes the target's unit
    # seed 001 / 003: counts, with and without the unit
    ("≥2人", "4人", D(4), "人", "count", []),
    ("≥260人", "260", D(260), "人", "count", []),
    ("≥1500", "1721", D(1721), None, None, []),
    ("≥1500", "1,721", D(1721), None, None, []),
    ("18200人", "18200", D(18200), "人", "count", []),
    ("18200人", "1.82万", D(18200), "人", "count", []),  # 1.82万 of people, not money
    ("50人", "52人", D(52), "人", "count", []),
    ("≥100人", "90人", D(90), "人", "count", []),
    ("≥400平方", "412平方", D(412), "平方米", "area", []),
    ("≥100人", "1", D(1), "人", "count", []),  # 1 against a count target is a count
    # durations and frequencies
    ("≤30日", "23日", D(23), "日", "duration", []),
    ("≤10个月", "9个月", D(9), "个月", "duration", []),
    ("≤10个月", "9月", D(9), "个月", "duration", []),  # a count of months, not September
    ("≤30日", "23天", D(23), "日", "duration", []),
    ("按年", "1次/年", D(1), "次/年", "frequency", []),
    ("按年", "一年一次", D(1), "次/年", "frequency", []),
    # seed 004: unit costs
    ("<=0.02万元", "0.02万元", D(200), "万元", "money", []),
    ("<=0.3万元", "3000元", D(3000), "元", "money", []),
    ("=1年", "1年", D(1), "年", "duration", []),
    # units that really differ: info only, value kept as written
    ("80人", "40户", D(40), "户", "count", ["UNIT_MISMATCH"]),
    ("≤10万元", "50人", D(50), "人", "count", ["UNIT_MISMATCH"]),
    ("60元/人", "0.02万元/人/年", D(200), "万元/人/年", "money", ["UNIT_MISMATCH"]),
    ("60元/人", "0.006万元/人", D(60), "万元/人", "money", []),
]


@pytest.mark.parametrize("target, actual, value, unit, family, codes", PAIRS)
def test_actual_against_target(target: str, actual: str, value: Decimal, unit: str | None,
                               family: str | None, codes: list[str]) -> None:
    r = _actual(target, actual)
    assert (r.kind, r.op, r.value, r.unit, r.family) == ("number", "=", value, unit, family)
    assert [n.code for n in r.notes] == codes
    assert r.text == actual


def test_percent_as_fraction_message_says_the_percentage() -> None:
    r = _actual("≥80%", "0.8")
    assert "80%" in r.notes[0].message and "0.8" in r.notes[0].message


@pytest.mark.parametrize("target, actual, op, value", [
    ("≤10个月", "≥10个月", ">=", D(10)),  # seed 000
    ("≥30人", "≥30人", ">=", D(30)),  # seed 003 附件3
    ("≥1000人", "≥1000人", ">=", D(1000)),
    ("≥90%", "90%以上", ">=", D("0.9")),
    ("≥90%", "≥0.9", ">=", D("0.9")),
])
def test_actual_written_as_a_bound(target: str, actual: str, op: str, value: Decimal) -> None:
    r = _actual(target, actual)
    assert (r.kind, r.op, r.value, r.explicit_op) == ("number", op, value, True)
    assert "ACTUAL_NOT_VALUE" in [n.code for n in r.notes]


def test_actual_written_as_a_range() -> None:
    r = _actual("≥80%", "80%-90%")
    assert (r.kind, r.value, r.high) == ("range", D("0.8"), D("0.9"))
    assert [n.code for n in r.notes] == ["ACTUAL_NOT_VALUE"]


def test_reached_is_a_value_in_an_actual() -> None:
    r = _actual("≥90%", "达到90%")
    assert (r.op, r.value, r.notes) == ("=", D("0.9"), ())
    assert _actual("=100%", "=100%").notes == ()


def test_actual_keeps_its_decimal_comma_note() -> None:
    r = _actual("≤3万", "2,5万")
    assert r.value == D(25000) and [n.code for n in r.notes] == ["DECIMAL_COMMA"]


@pytest.mark.parametrize("actual, kind", [
    ("未完成", "qualitative"), ("提升", "qualitative"), ("", "blank"), (None, "blank"),
    ("2022年12月", "deadline"), ("😀", "unreadable"),
])
def test_non_numeric_actuals(actual: str | None, kind: str) -> None:
    assert _actual("≥80%", actual).kind == kind


# target, actual, tier — docs/rules.md §2.5 mapping
TIERS = [
    ("提升", "提升", "达成"),  # seed 000 table 1
    ("持续", "持续", "达成"),
    ("长期", "长期", "达成"),
    ("良好", "良好", "达成"),
    ("明显改善", "明显改善", "达成"),  # seed 003
    ("效果明显", "效果明显", "达成"),  # seed 004
    ("全体残疾朋友", "全体残疾朋友", "达成"),
    ("有所提高", "是", "达成"),
    ("明显提高", "达成预期指标", "达成"),
    ("明显提高", "已完成", "达成"),
    ("改善", "明显改善", "达成"),  # stronger wording than asked
    ("明显提高", "有所提高", "部分达成"),
    ("明显改善", "改善", "部分达成"),
    ("好", "较好", "部分达成"),
    ("提升", "基本完成", "部分达成"),
    ("良好", "一般", "部分达成"),
    ("明显提高", "无提高", "未达成"),  # seed 000 table 2
    ("2021年10月底", "未完成", "未达成"),
    ("提升", "未提升", "未达成"),
    ("是", "否", "未达成"),
    ("提升", "", None),
    ("提升", None, None),
    ("长期", "全区残疾人", None),
]


@pytest.mark.parametrize("target, actual, tier", TIERS)
def test_suggest_tier(target: str, actual: str | None, tier: str | None) -> None:
    assert suggest_tier(target, actual) == tier


def test_suggest_tier_ignores_width_and_spaces() -> None:
    assert suggest_tier("明显改善", " 明显改善。") == "达成"


@pytest.mark.parametrize("target, actual, year, met", [
    ("2022年12月", "2022年12月", 2022, True),  # seed 004 C32
    ("12月31日前", "2021年12月31日", 2021, True),  # "前" means "by" (docs/rules.md §2.6)
    ("12月31日前", "2021年11月20日", 2021, True),
    ("2021年10月底", "2021年11月1日", 2020, False),
    ("2021年10月底", "未完成", 2020, False),  # seed 000
    ("2021年4月底", "按时完成", 2020, True),
    ("2021年4月底", "已完成", 2020, None),  # says nothing about when
    ("12月31日前", "2021年12月", None, None),  # the target's year is unknown
    ("≥90%", "2021年12月", 2021, None),  # not a deadline target
])
def test_is_deadline_met(target: str, actual: str, year: int | None, met: bool | None) -> None:
    t = read_target(target, year=year)
    assert is_deadline_met(t, read_actual(actual, t, year=year)) is met


def test_actual_deadline_takes_the_form_year() -> None:
    t = read_target("12月31日前", year=2021)
    a = read_actual("11月30日", t, year=2021)
    assert a.date == datetime.date(2021, 11, 30)
    assert is_deadline_met(t, a) is True
