"""DUPLICATE_INDICATOR: the same indicator twice under one 二级, so its score is counted twice.

Two leaves of one parent are the same indicator when their names match after numbering and
punctuation are stripped, or when one name is the other with words added (残疾人无障碍改造 /
困难残疾人家庭无障碍改造) and both carry the same target and actual.
"""
from __future__ import annotations

from collections.abc import Iterator

from scoring.checks._common import is_blank, label, norm_name
from scoring.context import Context, LeafView
from scoring.result import Finding

_MIN_NAME = 4  # shorter names (“人数”) say too little to call two rows the same


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _same_values(a: LeafView, b: LeafView) -> bool:
    if is_blank(a.leaf.target) or is_blank(a.leaf.actual):
        return False
    return (norm_name(a.leaf.target) == norm_name(b.leaf.target)
            and norm_name(a.leaf.actual) == norm_name(b.leaf.actual))


def _same(a: LeafView, b: LeafView) -> bool:
    na, nb = norm_name(a.leaf.name), norm_name(b.leaf.name)
    if len(na) < _MIN_NAME or len(nb) < _MIN_NAME:
        return False
    if na == nb:
        return True
    short, long = (na, nb) if len(na) <= len(nb) else (nb, na)
    return _is_subsequence(short, long) and _same_values(a, b)


def check(ctx: Context) -> Iterator[Finding]:
    """Report each leaf that repeats an earlier leaf of the same parent."""
    by_parent: dict[tuple[str, ...], list[LeafView]] = {}
    for lv in ctx.leaves:
        by_parent.setdefault((str(lv.goal.id), *lv.path[1:-1]), []).append(lv)
    for rows in by_parent.values():
        for i, later in enumerate(rows):
            first = next((earlier for earlier in rows[:i] if _same(earlier, later)), None)
            if first is None:
                continue
            yield ctx.finding(
                "warning", "DUPLICATE_INDICATOR", later.path,
                f"{label(later)}与同组的“{first.leaf.name}”是同一项指标（年度指标值“{later.leaf.target}”、"
                f"实际完成值“{later.leaf.actual}”），重复计分。请删除重复的一行，或改写成另一项内容不同的指标。",
                "name", later.leaf.id)
