"""Figures the paper states for groups, compared with the computed ones (docs/rules.md §0: `stated` is
never used for scoring, only compared). The engine compares 总分, 执行率 and 得分率 per group; this
module compares group subtotals (stated.subtotals), group weights (stated.weights) and the overall
得分率 (stated.total_rate).
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from scoring.checks._common import dec, fmt, pct
from scoring.context import Context, GroupView
from scoring.result import Finding

_CODE_RE = re.compile(r"^[A-Za-z]\d*|指标|项目|\s")
_RATE_TOLERANCE = Decimal("0.00005")  # half of the last printed digit of xx.xx%


def _key(name: str) -> str:
    return _CODE_RE.sub("", name or "")


def _first_level(ctx: Context) -> dict[str, GroupView]:
    return {_key(g.group.name): g for g in ctx.groups if g.depth == 1}


def _number(value: Any) -> Decimal | None:
    """A stated figure: a number, or text such as '98.00%' / '100.00' (percent without the sign)."""
    if isinstance(value, str):
        text = value.strip().rstrip("%％")
        try:
            return Decimal(text) / 100
        except InvalidOperation:
            return None
    return dec(value)


def _subtotals(ctx: Context, stated: Mapping[str, Any], groups: dict[str, GroupView]) -> Iterator[Finding]:
    for name, value in (stated.get("subtotals") or {}).items():
        g = groups.get(_key(str(name)))
        written = dec(value)
        if g is None or g.subtotal is None or g.subtotal.score is None or written is None:
            continue
        if written != g.subtotal.score:
            yield ctx.finding(
                "error", "TOTAL_MISMATCH", ("stated", "subtotals", str(name)),
                f"表上“{name}”小计写的是 {fmt(written)} 分，按各指标得分相加应为 {fmt(g.subtotal.score)} 分。"
                f"请改正小计。")


def _weights(ctx: Context, stated: Mapping[str, Any], groups: dict[str, GroupView]) -> Iterator[Finding]:
    for name, value in (stated.get("weights") or {}).items():
        g = groups.get(_key(str(name)))
        written = dec(value)
        if g is None or written is None:
            continue
        actual = g.subtotal.weight if g.subtotal is not None else None
        if actual is None:
            actual = dec(g.group.weight)
        if actual is not None and written != actual:
            yield ctx.finding(
                "error", "WEIGHT_SUM_MISMATCH", ("stated", "weights", str(name)),
                f"表上“{name}”权重写的是 {fmt(written)} 分，但其下各指标分值合计为 {fmt(actual)} 分。"
                f"请核对权重或各指标分值。")


def _total_rate(ctx: Context, stated: Mapping[str, Any]) -> Iterator[Finding]:
    written = _number(stated.get("total_rate"))
    if written is None or ctx.total is None or not ctx.max_total:
        return
    computed = ctx.total / ctx.max_total
    if abs(computed - written) > _RATE_TOLERANCE:
        yield ctx.finding(
            "error", "RATE_MISMATCH", ("stated", "total_rate"),
            f"表上总得分率写的是 {pct(written)}，但总分 {fmt(ctx.total)} ÷ 满分 {fmt(ctx.max_total)} = "
            f"{pct(computed)}。请改正得分率。")


def check(ctx: Context) -> Iterator[Finding]:
    """TOTAL_MISMATCH on subtotals, WEIGHT_SUM_MISMATCH on stated weights, RATE_MISMATCH on 总得分率."""
    stated = ctx.form.stated
    if not isinstance(stated, Mapping):
        return
    groups = _first_level(ctx)
    yield from _subtotals(ctx, stated, groups)
    yield from _weights(ctx, stated, groups)
    yield from _total_rate(ctx, stated)
