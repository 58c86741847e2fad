"""Reading 年度指标值 (targets): real strings from the seed forms, read by hand against docs/rules.md §2.3."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from scoring.values.reading import read_target

D = Decimal

# text, kind, op, value (base units), unit, family, explicit_op — every row checked by hand
NUMBER_TARGETS = [
    # seed 000 (Changji 2020)
    ("≥70%", "number", ">=", D("0.7"), "%", "percent", True),
    ("≤10个月", "number", "<=", D(10), "个月", "duration", True),
    ("40", "number", "=", D(40), None, None, False),
    ("≥1000人", "number", ">=", D(1000), "人", "count", True),
    ("100%", "number", "=", D(1), "%", "percent", False),
    ("34680人", "number", "=", D(34680), "人", "count", False),
    # seed 001 (Nanyue 2020)
    ("≥2人", "number", ">=", D(2), "人", "count", True),
    ("≤2万", "number", "<=", D(20000), "万元", "money", True),
    ("≥100%", "number", ">=", D(1), "%", "percent", True),
    ("≥15万", "number", ">=", D(150000), "万元", "money", True),
    ("≥1500", "number", ">=", D(1500), None, None, True),
    ("=100%", "number", "=", D(1), "%", "percent", True),
    ("≥400平方", "number", ">=", D(400), "平方米", "area", True),
    ("≤50人", "number", "<=", D(50), "人", "count", True),
    ("≥2次", "number", ">=", D(2), "次", "count", True),
    ("≤0.5万", "number", "<=", D(5000), "万元", "money", True),
    ("≤30日", "number", "<=", D(30), "日", "duration", True),
    ("≤5%", "number", "<=", D("0.05"), "%", "percent", True),
    ("≥3项", "number", ">=", D(3), "项", "count", True),
    ("1次/年", "number", "=", D(1), "次/年", "frequency", False),
    ("一年一次", "number", "=", D(1), "次/年", "frequency", False),
    ("按年", "number", "=", D(1), "次/年", "frequency", False),
    # seed 002 (Shanhaiguan 2021, money in 元)
    ("17人", "number", "=", D(17), "人", "count", False),
    ("80户", "number", "=", D(80), "户", "count", False),
    ("≥1门", "number", ">=", D(1), "门", "count", True),
    ("260元", "number", "=", D(260), "元", "money", False),
    ("≤225人", "number", "<=", D(225), "人", "count", True),
    ("≤10万元", "number", "<=", D(100000), "万元", "money", True),
    ("60元/人", "number", "=", D(60), "元/人", "money", False),
    # seed 003 (Miluo 2023)
    ("150户", "number", "=", D(150), "户", "count", False),
    ("18200人", "number", "=", D(18200), "人", "count", False),
    ("≥95%", "number", ">=", D("0.95"), "%", "percent", True),
    # seed 004 (Tashkurgan 2022, ASCII operators)
    (">=100人", "number", ">=", D(100), "人", "count", True),
    ("<=0.02万元", "number", "<=", D(200), "万元", "money", True),
    ("=1年", "number", "=", D(1), "年", "duration", True),
    # docs/rules.md §1.7 / §2.3 examples
    ("≥100百分比", "number", ">=", D(1), "%", "percent", True),
    ("1.82万人", "number", "=", D(18200), "人", "count", False),
    ("0.02万元/人/年", "number", "=", D(200), "万元/人/年", "money", False),
    ("0起", "number", "=", D(0), "起", "count", False),
    ("≥12条/年", "number", ">=", D(12), "条/年", "frequency", True),
    ("≥100人次", "number", ">=", D(100), "人次", "count", True),
    ("≥5所", "number", ">=", D(5), "所", "count", True),
    ("3家", "number", "=", D(3), "家", "count", False),
    ("2场", "number", "=", D(2), "场", "count", False),
    ("≥2个", "number", ">=", D(2), "个", "count", True),
    ("每季度一次", "number", "=", D(1), "次/季", "frequency", False),
    ("一年两次", "number", "=", D(2), "次/年", "frequency", False),
    ("≤2,53万", "number", "<=", D(25300), "万元", "money", True),
    ("1,721", "number", "=", D(1721), None, None, False),
]


@pytest.mark.parametrize("text, kind, op, value, unit, family, explicit", NUMBER_TARGETS)
def test_number_targets(text: str, kind: str, op: str, value: Decimal, unit: str | None,
                        family: str | None, explicit: bool) -> None:
    r = read_target(text, year=2020)
    assert (r.kind, r.op, r.value, r.unit, r.family, r.explicit_op) == (
        kind, op, value, unit, family, explicit)
    assert r.text == text and r.high is None and r.date is None


@pytest.mark.parametrize("text, op", [
    ("不低于90%", ">="), ("不少于100人", ">="), ("至少3次", ">="), ("90%以上", ">="),
    ("达到95%", ">="), ("超过50人", ">"), ("高于80%", ">"), ("不高于10万元", "<="),
    ("不超过10个月", "<="), ("不大于5%", "<="), ("30日以内", "<="), ("5%以下", "<="),
    ("控制在10万元以内", "<="), ("低于5%", "<"), ("少于3起", "<"), ("＞=80%", ">="),
    ("＞80%", ">"), ("＝100%", "="), ("<=30日", "<="), ("＜5%", "<"), ("≥=90%", ">="),
])
def test_operator_words_and_symbols(text: str, op: str) -> None:
    r = read_target(text)
    assert r.kind == "number" and r.op == op and r.explicit_op
    assert r.strict == (op in (">", "<"))


def test_full_width_digits_and_spaces() -> None:
    r = read_target("≥ １，０００ 人")
    assert (r.op, r.value, r.unit) == (">=", D(1000), "人")
    assert read_target("８０％").value == D("0.8")


def test_contradicting_operators_are_not_a_number() -> None:
    assert read_target("≥5人以下").kind == "qualitative"


@pytest.mark.parametrize("text, low, high, unit", [
    ("80%-90%", D("0.8"), D("0.9"), "%"),
    ("80-90%", D("0.8"), D("0.9"), "%"),
    ("3～5人", D(3), D(5), "人"),
    ("3至5人", D(3), D(5), "人"),
    ("1-2万元", D(10000), D(20000), "万元"),
])
def test_ranges(text: str, low: Decimal, high: Decimal, unit: str) -> None:
    r = read_target(text)
    assert (r.kind, r.op, r.value, r.high, r.unit) == ("range", "range", low, high, unit)


def test_decimal_comma_note() -> None:
    r = read_target("≤2,53万")
    assert [n.code for n in r.notes] == ["DECIMAL_COMMA"]
    assert "2.53" in r.notes[0].message and "≤2.53万" in r.notes[0].message
    assert read_target("1,721").notes == ()


@pytest.mark.parametrize("text, year, date, strict", [
    ("2021年10月底", 2020, datetime.date(2021, 10, 31), False),
    ("2021年4月底", 2020, datetime.date(2021, 4, 30), False),
    ("12月31日前", 2021, datetime.date(2021, 12, 31), True),
    ("2022年12月", 2022, datetime.date(2022, 12, 31), False),
    ("20年底", 2020, datetime.date(2020, 12, 31), False),
    ("2024.10.10", 2024, datetime.date(2024, 10, 10), False),
    ("2024年  10 月   10 日", 2024, datetime.date(2024, 10, 10), False),
    ("2月底", 2024, datetime.date(2024, 2, 29), False),
    ("10月", 2021, datetime.date(2021, 10, 31), False),
    ("年底前", 2023, datetime.date(2023, 12, 31), True),
    ("上半年", 2023, datetime.date(2023, 6, 30), False),
    ("第三季度末", 2023, datetime.date(2023, 9, 30), False),
    ("于2022年6月30日前完成", 2022, datetime.date(2022, 6, 30), True),
])
def test_deadlines(text: str, year: int, date: datetime.date, strict: bool) -> None:
    r = read_target(text, year=year)
    assert (r.kind, r.date, r.strict, r.family, r.op) == ("deadline", date, strict, "date", None)


def test_deadline_without_any_year_has_no_date() -> None:
    r = read_target("12月31日前")
    assert r.kind == "deadline" and r.date is None


def test_deadline_after_the_form_year_is_noted() -> None:
    # seed 000: 2020年度 forms with deadlines in 2021
    r = read_target("2021年10月底", year=2020)
    assert [n.code for n in r.notes] == ["DEADLINE_OUTSIDE_YEAR"]
    assert "2020" in r.notes[0].message
    assert read_target("2020年12月底", year=2020).notes == ()


def test_impossible_date_is_unreadable() -> None:
    assert read_target("2021年2月30日").kind == "unreadable"
    assert read_target("2021年13月").kind == "unreadable"


def test_ten_months_with_operator_is_a_duration_not_a_date() -> None:
    r = read_target("≤10月")
    assert (r.kind, r.unit, r.family) == ("number", "个月", "duration")


@pytest.mark.parametrize("text", [
    "提升", "持续", "明显提高", "持续增强", "改善", "持续提高", "长期", "良好", "有所提高",
    "有所改善", "明显改善", "效果明显", "合规", "是", "按项", "按工作日",
])
def test_qualitative_targets(text: str) -> None:
    r = read_target(text)
    assert (r.kind, r.op, r.value, r.notes) == ("qualitative", None, None, ())


@pytest.mark.parametrize("text", ["按要求支出", "进一步保障", "进一步推动残疾人事业发展",
                                  "全体残疾朋友", "真正实现残联是残疾人的娘家"])
def test_targets_without_measurable_content(text: str) -> None:
    r = read_target(text)
    assert r.kind == "qualitative"
    assert [n.code for n in r.notes] == ["TARGET_NOT_MEASURABLE"]


@pytest.mark.parametrize("text", ["是/否", "是／否", " 是 / 否 "])
def test_placeholder(text: str) -> None:
    r = read_target(text)
    assert r.kind == "placeholder"
    assert [n.code for n in r.notes] == ["TARGET_PLACEHOLDER"]


@pytest.mark.parametrize("text", [None, "", "   ", "—", "——", "-", "/", "---", "\x00\x07"])
def test_blank(text: str | None) -> None:
    r = read_target(text)
    assert (r.kind, r.text, r.notes) == ("blank", text or "", ())


@pytest.mark.parametrize("text", ["9" * 500, "1e999", "NaN", "inf", "😀", "≥", "%",
                                  "1,7210", "abc", "-1e5", "1.2.3"])
def test_unreadable_never_raises(text: str) -> None:
    r = read_target(text)
    assert r.kind == "unreadable" and r.value is None


def test_hedged_numbers() -> None:
    assert read_target("约400人").value == D(400)
    assert read_target("400余件").value == D(400)
    assert read_target("完成率≥95%").op == ">="
    # a negated label is prose, not a number
    assert read_target("未完成1次").kind == "qualitative"
