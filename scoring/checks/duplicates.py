"""DUPLICATE_INDICATOR: the same indicator twice under one 二级, so its score is counted twice.

Two leaves of one parent are the same indicator when their names match after numbering and
punctuation are stripped, or when one name is the other with words added (残疾人无障碍改造 /
困难残疾人家庭无障碍改造) and both carry the same target and actual.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from scoring.checks._common import each_goal, is_blank, label, norm_name
from scoring.context import Context, LeafView
from scoring.result import Finding

_MIN_NAME = 4  # shorter names (“人数”) say too little to call two rows the same
_MIN_LOOSE = 6  # the words-added match needs a name long enough to be specific


def _is_subsequence(short: str, long: str) -> bool:
    """`long` is `short` with words added; numbers must stay the same (培训1班 is not 培训11班)."""
    if len(short) < _MIN_LOOSE or _digits(short) != _digits(long):
        return False
    it = iter(long)
    return all(ch in it for ch in short)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


@lru_cache(maxsize=8192)
def _keys(name: str | None, target: str | None, actual: str | None) -> tuple[str, tuple[str, str, str] | None]:
    """The name as compared, and (target, actual, the name's numbers) as compared or None when a
    value is blank; memoised on the cell texts because every edit re-runs the goal's comparison."""
    norm = norm_name(name)
    if is_blank(target) or is_blank(actual):
        return norm, None
    return norm, (norm_name(target), norm_name(actual), _digits(norm))


def _leaf_keys(lv: LeafView) -> tuple[str, tuple[str, str, str] | None]:
    leaf = lv.leaf
    try:
        return _keys(leaf.name, leaf.target, leaf.actual)
    except TypeError:  # an unhashable cell in odd data: compare it without the memo
        return _keys.__wrapped__(leaf.name, leaf.target, leaf.actual)


def _first_duplicates(rows: list[LeafView]) -> Iterator[tuple[LeafView, LeafView]]:
    """(earlier, later) pairs; names are looked up by exact key, the looser match is tried only
    among rows with the same target and actual, so a large group stays fast."""
    by_name: dict[str, LeafView] = {}
    by_values: dict[tuple[str, str, str], list[tuple[str, LeafView]]] = {}
    for lv in rows:
        name, values = _leaf_keys(lv)
        if len(name) < _MIN_NAME:
            continue
        first = by_name.get(name)
        if first is None and values is not None:
            first = next((earlier for other, earlier in by_values.get(values, ())
                          if _is_subsequence(*sorted((other, name), key=len))), None)
        if first is not None:
            yield first, lv
        by_name.setdefault(name, lv)
        if values is not None:
            by_values.setdefault(values, []).append((name, lv))


def goal_check(ctx: Context, rows: list[LeafView]) -> Iterator[Finding]:
    """Report each leaf of one goal that repeats an earlier leaf of the same parent."""
    by_parent: dict[tuple[str, ...], list[LeafView]] = {}
    for lv in rows:
        by_parent.setdefault((str(lv.goal.id), *lv.path[1:-1]), []).append(lv)
    for siblings in by_parent.values():
        for first, later in _first_duplicates(siblings):
            yield ctx.finding(
                "warning", "DUPLICATE_INDICATOR", later.path,
                f"{label(later)}与同组的“{first.leaf.name}”是同一项指标（年度指标值“{later.leaf.target}”、"
                f"实际完成值“{later.leaf.actual}”），重复计分。请删除重复的一行，或改写成另一项内容不同的指标。",
                "name", later.leaf.id)


def check(ctx: Context) -> Iterator[Finding]:
    """Report each leaf that repeats an earlier leaf of the same parent."""
    return each_goal(ctx, goal_check)
