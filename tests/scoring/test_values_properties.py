"""Properties of the value reader: total on any text, round trips of generated values, speed."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from scoring.values.reading import (
    Reading, is_deadline_met, read_actual, read_target, suggest_tier,
)

KINDS = {"blank", "number", "range", "deadline", "qualitative", "placeholder", "unreadable"}
# unit as written -> (normal spelling, factor to base units)
UNITS = {
    "人": ("人", Decimal(1)), "户": ("户", Decimal(1)), "件": ("件", Decimal(1)),
    "人次": ("人次", Decimal(1)), "个月": ("个月", Decimal(1)), "日": ("日", Decimal(1)),
    "天": ("日", Decimal(1)), "%": ("%", Decimal("0.01")), "元": ("元", Decimal(1)),
    "万元": ("万元", Decimal(10000)), "万": ("万元", Decimal(10000)), "平方米": ("平方米", Decimal(1)),
    "m²": ("平方米", Decimal(1)), "次/年": ("次/年", Decimal(1)), "元/人": ("元/人", Decimal(1)),
    "万元/人/年": ("万元/人/年", Decimal(10000)), "起": ("起", Decimal(1)),
}
OPS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<", "=": "=", "＞": ">",
       "不低于": ">=", "不超过": "<=", "不少于": ">=", "低于": "<"}

amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


def _written(d: Decimal) -> str:
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _well_formed(r: Reading) -> None:
    assert r.kind in KINDS
    for n in (r.value, r.high):
        assert n is None or (isinstance(n, Decimal) and n.is_finite())
    assert (r.kind in ("number", "range")) == (r.op is not None)
    assert all(n.code and n.message for n in r.notes)


@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    target = read_target(text, year=2021)
    _well_formed(target)
    _well_formed(read_actual(text, target, year=2021))
    _well_formed(read_actual(text, read_target("≥80%"), year=2021))
    assert suggest_tier(text, text) in (None, "达成", "部分达成", "未达成")
    assert is_deadline_met(read_target("12月31日前", year=2021), target) in (None, True, False)


@given(st.text(alphabet="0123456789,.%万元人≥≤<>=-~至年月日底前是否/ 　１２％", max_size=16))
def test_never_raises_on_value_like_text(text: str) -> None:
    target = read_target(text, year=2020)
    _well_formed(target)
    _well_formed(read_actual(text, target))


@given(amounts, st.sampled_from(sorted(UNITS)), st.sampled_from(sorted(OPS)))
def test_bound_round_trip(n: Decimal, written_unit: str, written_op: str) -> None:
    r = read_target(f"{written_op}{_written(n)}{written_unit}")
    unit, factor = UNITS[written_unit]
    assert (r.kind, r.op, r.unit, r.explicit_op) == ("number", OPS[written_op], unit, True)
    assert r.value == n * factor


@given(st.decimals(min_value=Decimal("0.01"), max_value=1, places=2))
def test_fraction_against_percent_target_scales_by_100(fraction: Decimal) -> None:
    target = read_target("≥80%")
    r = read_actual(_written(fraction), target)
    assert r.unit == "%" and r.value == fraction  # 0.8 is the fraction of 80%
    assert r.value * 100 == read_actual(f"{_written(fraction * 100)}%", target).value * 100
    assert [n.code for n in r.notes] == ["PERCENT_AS_FRACTION"]


@given(amounts)
def test_bare_actual_takes_the_money_unit(n: Decimal) -> None:
    r = read_actual(_written(n), read_target("≤10万元"))
    assert (r.unit, r.value) == ("万元", n * 10000)
