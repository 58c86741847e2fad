"""Third-party evaluation forms (评价 综合评分表): 标杆值 that belong to another row.

BENCHMARK_MISALIGNED when a one-word benchmark of a 决策/过程 indicator does not name the quality
the indicator measures (立项依据充分性 → 充分, not 适应), when a time indicator carries a rate, or a
rate indicator carries a date (seed 004: the benchmark column was shifted against the names).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from scoring.checks._common import each_leaf, label
from scoring.context import Context, LeafView
from scoring.result import Finding

_QUALITY_RE = re.compile(r"(..)性$")
# Benchmarks that name the same quality in other words (程序规范性 is met by 合规).
_SYNONYMS: dict[str, frozenset[str]] = {
    "规范": frozenset({"规范", "合规"}),
    "合规": frozenset({"合规", "规范"}),
    "健全": frozenset({"健全", "完善", "完整"}),
}
_TIME_WORDS = ("时间", "时限", "日期", "完工", "完成时")
_RATE_WORDS = ("率", "%", "％")


def _word_mismatch(lv: LeafView) -> str | None:
    """The quality word the benchmark should name, when it names another one."""
    name = (lv.leaf.name or "").strip()
    target = (lv.leaf.target or "").strip()
    m = _QUALITY_RE.search(name)
    if m is None or lv.target.kind != "qualitative" or not 1 <= len(target) <= 4:
        return None
    quality = m.group(1)
    accepted = _SYNONYMS.get(quality, frozenset({quality}))
    return None if any(w in target for w in accepted) else quality


def _leaf(ctx: Context, lv: LeafView) -> Iterator[Finding]:
    name = lv.leaf.name or ""
    target = lv.leaf.target
    if "决策" in lv.level1 or "过程" in lv.level1:
        quality = _word_mismatch(lv)
        if quality is not None:
            yield ctx.finding(
                "warning", "BENCHMARK_MISALIGNED", lv.path,
                f"{label(lv)}的标杆值“{target}”与指标不对应：该指标考核的是“{quality}”，标杆值应为"
                f"“{quality}”。标杆值一栏可能整体错行，请逐行核对。", "target", lv.leaf.id)
        return
    is_time = any(w in name for w in _TIME_WORDS)
    is_rate = any(w in name for w in _RATE_WORDS)
    if is_time and not is_rate and lv.target.kind == "number" and lv.target.family == "percent":
        yield ctx.finding(
            "warning", "BENCHMARK_MISALIGNED", lv.path,
            f"{label(lv)}是完成时间指标，标杆值却是比率“{target}”。请填写计划完成时间（如“2022年12月”），"
            f"并核对是否与相邻的比率指标对调了。", "target", lv.leaf.id)
    elif is_rate and not is_time and lv.target.kind == "deadline":
        yield ctx.finding(
            "warning", "BENCHMARK_MISALIGNED", lv.path,
            f"{label(lv)}是比率指标，标杆值却是日期“{target}”。请填写比率（如“100%”），"
            f"并核对是否与相邻的时间指标对调了。", "target", lv.leaf.id)


def leaf_check(ctx: Context, lv: LeafView) -> Iterator[Finding]:
    """BENCHMARK_MISALIGNED on one leaf of an evaluation form."""
    if ctx.form.kind == "evaluation":
        yield from _leaf(ctx, lv)


def check(ctx: Context) -> Iterator[Finding]:
    """BENCHMARK_MISALIGNED on evaluation forms."""
    if ctx.form.kind != "evaluation":
        return iter(())
    return each_leaf(ctx, leaf_check)
