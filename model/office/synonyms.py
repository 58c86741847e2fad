"""The table of real-form wordings (resources/office/synonyms.json) and lookups on it.

One table for the Word/Excel import and the window's paste: "项目效益指标" → "效益指标", "自评得分" →
the score column, "预算部门名称" → the `department` header key. Keys match after `key()`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

_FILE = Path(__file__).resolve().parents[2] / "resources" / "office" / "synonyms.json"
_SPACE = re.compile(r"[\s\u3000]+")
_TRAIL = re.compile(r"[:：]+$")
_BRACKETS = str.maketrans("（）：", "():")
_UNIT_SUFFIX = re.compile(r"\((分|%|万元|元|人|个)\)$")


def key(text: str) -> str:
    """The form a label is compared in: no spaces or line breaks, ASCII brackets, no trailing colon."""
    return _TRAIL.sub("", _SPACE.sub("", text).translate(_BRACKETS))


@dataclass(frozen=True)
class Synonyms:
    """Reverse maps from wording (as `key()`) to the official field, name or header key."""

    columns: dict[str, str]
    split_headers: dict[tuple[str, str], str]
    categories: dict[str, str]
    header: dict[str, str]
    funds_columns: dict[str, str]
    funds_total: frozenset[str]
    funds_parts: frozenset[str]
    total_rows: frozenset[str]
    subtotal_rows: frozenset[str]

    def column(self, text: str) -> str | None:
        """The leaf field (or level1/level2) a column heading names, or None; a unit in brackets
        at the end (得分（分）, 分值(%)) is ignored."""
        k = key(text)
        return self.columns.get(k) or self.columns.get(_UNIT_SUFFIX.sub("", k))

    def funds_column(self, text: str) -> str | None:
        """The funds field a money-block heading names (年初预算数（万元） → initial), or None."""
        k = key(text)
        return self.funds_columns.get(k) or self.funds_columns.get(_UNIT_SUFFIX.sub("", k))

    def category(self, name: str) -> str:
        """The official name of a 一级/二级 category ("项目效益指标" → "效益指标"); unknown names unchanged."""
        return self.categories.get(key(name), name.strip())

    def header_key(self, text: str) -> str | None:
        """The header key a label names (项目名称 → project_name), or None."""
        return self.header.get(key(text))


def _reverse(groups: dict[str, list[str]], include_keys: bool = True) -> dict[str, str]:
    out: dict[str, str] = {}
    for official, words in groups.items():
        for word in ([official] if include_keys else []) + words:
            out.setdefault(key(word), official)
    return out


@lru_cache(maxsize=1)
def synonyms() -> Synonyms:
    """The table, read once."""
    data: dict[str, Any] = json.loads(_FILE.read_text(encoding="utf-8"))
    split = {(key(a), key(b)): key(official) for official, pairs in data["split_headers"].items()
             for a, b in pairs}
    rows = data["funds_rows"]
    return Synonyms(
        columns=_reverse(data["columns"], include_keys=False),
        split_headers=split,
        categories=_reverse(data["categories"]),
        header=_reverse(data["header"], include_keys=False),
        funds_columns=_reverse(data["funds_columns"], include_keys=False),
        funds_total=frozenset(key(w) for w in rows["total"]),
        funds_parts=frozenset(key(w) for w in rows["parts"]),
        total_rows=frozenset(key(w) for w in data["total_rows"]),
        subtotal_rows=frozenset(key(w) for w in data["subtotal_rows"]),
    )
