"""Quantitative rules: positive ratio, equal (with the zero-target rule), reverse R1/R2,
deviation bands and the quality floor (docs/rules.md §2.4, docs/form-format.md).

Every function returns the unrounded score; the engine rounds half-up and caps at [0, w].
"""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from scoring.rounding import ONE, ZERO, plain, score_text
from scoring.rules.types import Issue, Outcome, RuleFunction, RuleInput, show, undecided
from scoring.values.types import Reading

_NUMERIC_KINDS = ("number", "range")


def numbers(inp: RuleInput) -> tuple[Decimal, Decimal] | Outcome:
    """(t, a) when both sides are plain numbers, else the undecided outcome saying why."""
    t, a = inp.target, inp.actual
    if t.kind not in _NUMERIC_KINDS or t.value is None:
        return undecided(f"年度指标值“{t.text}”不是数值，本规则无法计算")
    if a.kind == "blank":
        return undecided("未填写实际完成值，无法计算")
    if a.kind != "number" or a.value is None:
        return undecided(f"实际完成值“{a.text}”不是数值，无法计算")
    if a.op not in ("=", None):
        return undecided(f"实际完成值“{a.text}”是范围或界限，请填写实际完成的具体数值后再计算")
    # A negative actual is treated as 0 (as the provincial systems do); the value is kept as written.
    return t.value, max(a.value, ZERO)


def _w(inp: RuleInput) -> str:
    return plain(inp.weight)


def ratio(inp: RuleInput) -> Outcome:
    """Positive: a ≥ t → w, else a ÷ t × w."""
    got = numbers(inp)
    if isinstance(got, Outcome):
        return got
    t, a = got
    if inp.target.kind == "range":
        return _in_range(inp, a)
    if t <= 0:
        return Outcome(inp.weight, f"目标 {show(inp.target)} 不大于 0，无法按比例计分，暂计满分 {score_text(inp.weight)}",
                       (Issue("warning", "TARGET_NOT_MEASURABLE",
                              f"年度指标值“{inp.target.text}”为 0 或负数，正向指标无法按比例计分，请填写大于 0 的目标值",
                              "target"),))
    return _positive(inp, t, a)


def _positive(inp: RuleInput, t: Decimal, a: Decimal) -> Outcome:
    shown_a, shown_t = show(inp.target, a), show(inp.target, t)
    if a >= t:
        return Outcome(inp.weight, f"实际 {shown_a} ≥ 目标 {shown_t}，得满分 {score_text(inp.weight)}")
    score = a / t * inp.weight
    return Outcome(score, f"实际 {shown_a} ÷ 目标 {shown_t} × 分值 {_w(inp)} = {score_text(score)}")


def equal(inp: RuleInput) -> Outcome:
    """Equal: as positive; a zero target means "none at all" (0起 accidents)."""
    got = numbers(inp)
    if isinstance(got, Outcome):
        return got
    t, a = got
    if t == 0:
        return _equal_zero(inp, a)
    return ratio(inp)


def _equal_zero(inp: RuleInput, a: Decimal) -> Outcome:
    if a <= 0:
        return Outcome(inp.weight, f"目标为 0，实际 {show(inp.target, a)}，得满分 {score_text(inp.weight)}")
    return Outcome(ZERO, f"目标为 0，实际 {show(inp.target, a)} 大于 0，得 0.00")


def reverse_r1(inp: RuleInput) -> Outcome:
    """Reverse R1: a ≤ t → w; t < a < 2t → (1 − (a − t) ÷ t) × w; a ≥ 2t → 0."""
    def over(t: Decimal, a: Decimal, shown_t: str, shown_a: str) -> Outcome:
        if a >= 2 * t:
            return Outcome(ZERO, f"实际 {shown_a} ≥ 目标的 2 倍 {show(inp.target, 2 * t)}，得 0.00")
        score = (ONE - (a - t) / t) * inp.weight
        return Outcome(score, f"(1 − (实际 {shown_a} − 目标 {shown_t}) ÷ 目标 {shown_t}) × 分值 {_w(inp)} = "
                              f"{score_text(score)}")
    return _reverse(inp, over)


def reverse_r2(inp: RuleInput) -> Outcome:
    """Reverse R2: a ≤ t → w; a > t → t ÷ a × w."""
    def over(t: Decimal, a: Decimal, shown_t: str, shown_a: str) -> Outcome:
        score = t / a * inp.weight
        return Outcome(score, f"目标 {shown_t} ÷ 实际 {shown_a} × 分值 {_w(inp)} = {score_text(score)}")
    return _reverse(inp, over)


def _reverse(inp: RuleInput, over: Callable[[Decimal, Decimal, str, str], Outcome]) -> Outcome:
    """What R1 and R2 share: ranges, the zero target and full marks at or below t; `over` does a > t."""
    got = numbers(inp)
    if isinstance(got, Outcome):
        return got
    t, a = got
    if inp.target.kind == "range":
        return _in_range(inp, a)
    if t == 0:
        return _equal_zero(inp, a)
    shown_a, shown_t = show(inp.target, a), show(inp.target, t)
    if a <= t:
        return Outcome(inp.weight, f"实际 {shown_a} ≤ 目标 {shown_t}，得满分 {score_text(inp.weight)}")
    return over(t, a, shown_t, shown_a)


def _in_range(inp: RuleInput, a: Decimal) -> Outcome:
    """A range target: inside → w; below → positive on the low end; above → R1 on the high end."""
    low, high = inp.target.value, inp.target.high
    assert low is not None
    if high is None or low <= a <= high:
        return Outcome(inp.weight, f"实际 {show(inp.target, a)} 在目标范围 {inp.target.text} 内，得满分 "
                                   f"{score_text(inp.weight)}")
    if a < low:
        if low <= 0:
            return Outcome(ZERO, f"实际 {show(inp.target, a)} 低于目标范围 {inp.target.text}，得 0.00")
        return _positive(inp, low, a)
    below = _as(inp.target, high)
    return reverse_r1(RuleInput(inp.weight, below, inp.actual, inp.leaf, inp.params, inp.qualitative_bands))


def _as(reading: Reading, value: Decimal) -> Reading:
    """The same reading as a single upper bound (for the part of a range above its top)."""
    return Reading(reading.text, "number", "<=", value, None, reading.unit, reading.family, None,
                   False, True, ())


def deviation(inp: RuleInput) -> Outcome:
    """Deviation band (third-party evaluations): see docs/form-format.md `deviation`."""
    got = numbers(inp)
    if isinstance(got, Outcome):
        return got
    t, a = got
    band = Decimal(str(inp.params.get("band", "0.2")))
    side = inp.params.get("side", "both")
    if t <= 0:
        return undecided(f"年度指标值“{inp.target.text}”不大于 0，偏离度无法计算")
    shown_a, shown_t = show(inp.target, a), show(inp.target, t)
    gap = abs(a - t) / t if side == "both" else (t - a) / t
    band_text = plain(band * 100) + "%"
    if side != "both" and a >= t:
        return Outcome(inp.weight, f"实际 {shown_a} ≥ 目标 {shown_t}，得满分 {score_text(inp.weight)}")
    if gap >= band:
        return Outcome(ZERO, f"实际 {shown_a} 与目标 {shown_t} 偏离 {plain((gap * 100).quantize(Decimal('0.01')))}%，"
                             f"达到 {band_text}，得 0.00")
    score = min(a / t, ONE) * inp.weight
    return Outcome(score, f"偏离小于 {band_text}：min(实际 {shown_a} ÷ 目标 {shown_t}, 1) × 分值 {_w(inp)} = "
                          f"{score_text(score)}")


def quality_floor(inp: RuleInput) -> Outcome:
    """Quality floor: a ≥ t → w; floor < a < t → (a − floor) ÷ (1 − floor) × w; else 0."""
    got = numbers(inp)
    if isinstance(got, Outcome):
        return got
    t, a = got
    floor = Decimal(str(inp.params.get("floor", "0.6")))
    shown_a, shown_t, shown_f = show(inp.target, a), show(inp.target, t), show(inp.target, floor)
    if a >= t:
        return Outcome(inp.weight, f"实际 {shown_a} ≥ 目标 {shown_t}，得满分 {score_text(inp.weight)}")
    if a <= floor:
        return Outcome(ZERO, f"实际 {shown_a} 不高于 {shown_f}，得 0.00")
    score = (a - floor) / (ONE - floor) * inp.weight
    return Outcome(score, f"(实际 {shown_a} − {shown_f}) ÷ (1 − {shown_f}) × 分值 {_w(inp)} = {score_text(score)}")


QUANT_RULES: dict[str, RuleFunction] = {
    "ratio": ratio, "equal": equal, "reverse_r1": reverse_r1, "reverse_r2": reverse_r2,
    "deviation": deviation, "quality_floor": quality_floor,
}
