"""Using the indicator library (model/library.py): search and rank, where an entry goes in a form,
what it fills in a row, and a row turned into the user's own entry. Shared by the window and
`main.py library`; no Qt.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from model import tree
from model.errors import TreeError
from model.form import Form, Goal, Group, Leaf
from model.library import OFFICIAL_PAIRS, Entry, LibraryError
from scoring.categories import level1_key, level2_key
from scoring.values.reading import read_target

_RULE_OF = {"≥": "ratio", "≤": "reverse_r1", "=": "equal", "定性": "qualitative", "时限": "deadline"}


def _norm(text: str) -> str:
    # Full-width letters and spaces as typed through an input method compare equal to plain ones.
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def search(entries: Iterable[Entry], words: Sequence[str] = (), level1: str = "", limit: int | None = None) -> list[Entry]:
    """The entries whose name, category or 指标解释 hold every word, best first.

    Args:
        entries: where to look (model.library.all_entries: the user's first).
        words: what was typed; no words lists everything.
        level1: keep only entries under this 一级 (compared as scoring/categories.py reads names).
        limit: at most this many.

    Returns:
        The matches: whole name, then name starting with the words, then all words in the name
        (earlier first), then the rest; the user's own entries before shipped ones on a tie.
    """
    wanted = [_norm(w) for w in words if _norm(w)]
    key1 = level1_key(level1) if level1 else ""
    scored = []
    for order, entry in enumerate(entries):
        if key1 and level1_key(entry.category[0]) != key1:
            continue
        name = _norm(entry.name)
        hay = name + _norm(entry.category_text) + _norm(entry.explanation)
        if not all(w in hay for w in wanted):
            continue
        joined = "".join(wanted)
        if not wanted:
            rank = (3, 0)
        elif name == joined:
            rank = (0, 0)
        elif name.startswith(joined):
            rank = (1, 0)
        elif all(w in name for w in wanted):
            rank = (2, name.find(wanted[0]))
        else:
            rank = (3, 0)
        scored.append((rank, not entry.own, order, entry))
    scored.sort(key=lambda item: item[:3])
    found = [item[3] for item in scored]
    return found if limit is None else found[:limit]


def leaf_place(form: Form, leaf_id: int) -> tuple[Goal, tuple[str, ...]]:
    """The goal of a row and the names of the groups above it (一级 first)."""
    for goal, node, _depth, path in tree.walk(form):
        if node.id == leaf_id:
            return goal, path[1:-1]
    raise TreeError(f"找不到编号为 {leaf_id} 的指标，它可能已被删除")


def fits(entry: Entry, groups: Sequence[str]) -> bool:
    """Whether a row under these group names (一级, 二级) already sits where the entry belongs."""
    if not groups or level1_key(groups[0]) != level1_key(entry.category[0]):
        return False
    return len(groups) < 2 or level2_key(groups[1]) == level2_key(entry.category[1])


@dataclass(frozen=True)
class Place:
    """Where an entry goes in one goal: the 一级 and 二级 groups found (None: not in the form)."""

    level1: Group | None
    level2: Group | None


def find_place(goal: Goal, entry: Entry) -> Place:
    """The goal's groups that match the entry's 一级/二级 (spelt as the form spells them)."""
    want1, want2 = level1_key(entry.category[0]), level2_key(entry.category[1])
    for top in goal.indicators:
        if isinstance(top, Group) and level1_key(top.name) == want1:
            for sub in top.children:
                if isinstance(sub, Group) and level2_key(sub.name) == want2:
                    return Place(top, sub)
            return Place(top, None)
    return Place(None, None)


def filled_target(entry: Entry, current: str | None) -> str | None:
    """What the 年度指标值 becomes: the typical target when empty, a bare number gains the entry's
    direction and unit (“100” → “≥100人”); None when what is written stays."""
    text = (current or "").strip()
    if not text:
        return entry.target
    reading = read_target(text)
    if reading.kind == "number" and not reading.unit and not reading.explicit_op and entry.unit:
        sign = entry.direction if entry.direction in ("≥", "≤") else ""
        return f"{sign}{text}{entry.unit}"
    return None


def entry_from_leaf(form: Form, leaf: Leaf) -> Entry:
    """A row as the user's own library entry; LibraryError when it sits outside the official tree."""
    name = (leaf.name or "").strip()
    if not name:
        raise LibraryError("这一行还没有指标名称，无法加入指标库。请先填写三级指标名称。")
    _goal, groups = leaf_place(form, leaf.id)
    pair = next((p for p in OFFICIAL_PAIRS if len(groups) == 2 and level1_key(groups[0]) == level1_key(p[0])
                 and level2_key(groups[1]) == level2_key(p[1])), None)
    if pair is None:
        where = " / ".join(groups) or "目标下"
        raise LibraryError(f"“{name}”所在的分类“{where}”不是标准的一级/二级指标，无法加入指标库。"
                           "请把它移到标准分类（如“产出指标 / 数量指标”）下面后再加入。")
    reading = read_target(leaf.target)
    if reading.kind == "deadline":
        direction = "时限"
    elif reading.kind == "number":
        direction = {">=": "≥", ">": "≥", "<=": "≤", "<": "≤"}.get(reading.op or "", "=" if reading.explicit_op else "≥")
    else:
        direction = "定性"
    rule = dict(leaf.rule) if leaf.rule else {"type": _RULE_OF[direction]}
    return Entry(category=pair, name=name, unit=reading.unit or "", direction=direction,
                 target=(leaf.target or "").strip(), explanation=(leaf.description or leaf.criteria or "").strip(),
                 rule=rule, source="本单位", own=True)
