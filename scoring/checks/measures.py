"""Whether a written value fits what the indicator measures (docs/rules.md §2.3, §2.5, §2.8, §1.7).

Covers what the value reader cannot see from one cell alone: a rate indicator (…率, （%）) with a
count or a phrase as its target, a rate target written as the fraction 1, an actual without the
target's unit, and targets that are no measurement (a question, an indicator name, 好/良好 for a
satisfaction). Notes the reader already attached are the engine's findings and are not repeated.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from scoring.checks._common import each_leaf, label
from scoring.context import Context, LeafView
from scoring.result import Finding
from scoring.values.reading import read_target

_PERCENT_NAME_RE = re.compile(r"[（(]\s*[%％]\s*[)）]")
_RATE_NAME_RE = re.compile(r"率\s*(?:[（(][^）)]*[)）])?\s*$")
_QUESTION_WORDS = ("是否", "有无", "能否")


def _rate_name(name: str) -> bool:
    return bool(_PERCENT_NAME_RE.search(name) or _RATE_NAME_RE.search(name))


def _noted(lv: LeafView, *codes: str) -> bool:
    return any(n.code in codes for n in lv.target.notes)


def _target(ctx: Context, lv: LeafView) -> Iterator[Finding]:
    name = (lv.leaf.name or "").strip()
    written = (lv.leaf.target or "").strip()
    t = lv.target
    if _noted(lv, "TARGET_PLACEHOLDER", "TARGET_NOT_MEASURABLE"):
        return
    if t.kind == "qualitative":
        why = None
        if any(w in written for w in _QUESTION_WORDS):
            why = "是一个问句"
        elif written.endswith("率"):
            why = "是一个指标名称，不是目标值"
        elif "满意度" in name or "满意率" in name or "满意度" in (lv.level1 or "") or "满意度" in (lv.level2 or ""):
            why = "是笼统的评价，满意度应是调查得到的比率"
        if why:
            yield ctx.finding(
                "info", "TARGET_NOT_MEASURABLE", lv.path,
                f"{label(lv)}的年度指标值“{written}”{why}。请改为可衡量的值，如“≥90%”“≥100人”。",
                "target", lv.leaf.id)
        elif _PERCENT_NAME_RE.search(name):
            yield ctx.finding(
                "info", "UNIT_MISMATCH", lv.path,
                f"{label(lv)}按名称是百分比指标，年度指标值却写成“{written}”。请填写比率（如“≥80%”），"
                f"或把名称中的（%）去掉。", "target", lv.leaf.id)
        return
    if t.kind != "number" or not _rate_name(name):
        return
    if t.family == "count":
        yield ctx.finding(
            "warning", "UNIT_MISMATCH", lv.path,
            f"{label(lv)}按名称是比率，年度指标值却写成“{written}”（{t.unit}）。请填写比率（如“100%”），"
            f"或把人数、户数放到数量指标。", "target", lv.leaf.id)
    elif t.unit is None and t.value is not None and Decimal(0) < t.value <= 1:
        yield ctx.finding(
            "info", "PERCENT_AS_FRACTION", lv.path,
            f"{label(lv)}是比率，年度指标值“{written}”按 {t.value * 100:f}% 理解。请写成百分数（如“100%”）。",
            "target", lv.leaf.id)


def _actual(ctx: Context, lv: LeafView) -> Iterator[Finding]:
    t, a = lv.target, lv.actual
    if t.kind != "number" or t.unit is None or t.family == "percent" or a.kind != "number":
        return
    if a.value is None or a.value == 0 or any(n.code in ("UNIT_MISMATCH", "PERCENT_AS_FRACTION")
                                              for n in a.notes):
        return
    if read_target(lv.leaf.actual).unit is None:
        yield ctx.finding(
            "info", "UNIT_MISMATCH", lv.path,
            f"{label(lv)}的实际完成值“{lv.leaf.actual}”没有单位，按年度指标值的单位“{t.unit}”理解。"
            f"请补上单位。", "actual", lv.leaf.id)


def leaf_check(ctx: Context, lv: LeafView) -> Iterator[Finding]:
    """The target and the actual of one leaf judged against what its name measures."""
    yield from _target(ctx, lv)
    yield from _actual(ctx, lv)


def check(ctx: Context) -> Iterator[Finding]:
    """TARGET_NOT_MEASURABLE, UNIT_MISMATCH and PERCENT_AS_FRACTION judged against the indicator."""
    return each_leaf(ctx, leaf_check)
