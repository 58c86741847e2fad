"""Two names of one indicator across the forms of a unit (盲人补贴 in one table, 盲人救助 in the
other): names equal once the words below are read as one, or one name within the other.

The small word table is ours (the Word import's label synonyms are for column headings, not for
indicator names). A pair is made only when each name has exactly one partner, and cross_forms.py
compares the pair only when both carry the same unit of measure.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

# Words people use for one another in indicator names; each group is read as its first word.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("补贴", "补助", "救助", "资助", "支助", "扶助", "救济", "帮扶"),
    ("人数", "人次数", "数量"),
    ("残疾人", "残疾"),
    ("培训", "技能培训", "职业培训"),
    ("改造", "改建"),
    ("发放", "发给"),
)
_MIN_CHARS = 4         # 盲人补贴: shorter names say too little to be paired under another spelling
_MIN_SHARE = 0.6       # the shorter name covers at least this much of the longer one


@lru_cache(maxsize=4096)
def canonical(key: str) -> str:
    """The name with every synonym written as its group's first word (longest spellings first)."""
    words = sorted(((w, group[0]) for group in SYNONYMS for w in group), key=lambda x: -len(x[0]))
    out, i = [], 0
    while i < len(key):
        for word, head in words:
            if key.startswith(word, i):
                out.append(head)
                i += len(word)
                break
        else:
            out.append(key[i])
            i += 1
    return "".join(out)


def within(short: str, long: str) -> bool:
    """Whether `short` reads in order inside `long` (无障碍改造 within 困难残疾人家庭无障碍改造)."""
    it = iter(long)
    return all(ch in it for ch in short)


def similar(a: str, b: str) -> bool:
    """Whether two indicator keys (cross_forms.indicator_key) name the same indicator."""
    ca, cb = canonical(a), canonical(b)
    if ca == cb:
        return len(a) >= _MIN_CHARS - 1 and len(b) >= _MIN_CHARS - 1
    short, long = sorted((ca, cb), key=len)
    return len(short) >= _MIN_CHARS and len(short) >= _MIN_SHARE * len(long) and within(short, long)


def synonym_pairs(mine: Iterable[str], theirs: Iterable[str]) -> list[tuple[str, str]]:
    """(my key, their key) for keys with exactly one similar partner on the other side, and vice versa."""
    mine, theirs = list(mine), list(theirs)
    partners = {a: [b for b in theirs if similar(a, b)] for a in mine}
    claimed: dict[str, int] = {}
    for found in partners.values():
        for b in found:
            claimed[b] = claimed.get(b, 0) + 1
    return sorted((a, found[0]) for a, found in partners.items() if len(found) == 1 and claimed[found[0]] == 1)
