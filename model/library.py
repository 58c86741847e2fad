"""The indicator library: the shipped entries (resources/library/indicators.json) and the user's own.

An entry is one 三级指标 as forms write it year after year: its 一级/二级 place in the official tree,
name, unit, direction, a typical target, 指标解释 and scoring rule. The user's own entries live in
the `library` table (schema step 3); SQL stays in this module. Searching is in ui/services/library.py.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from model.errors import JixiaoError
from model.form import RULE_TYPES
from model.skeletons import SKELETONS
from resources import resource_path

if TYPE_CHECKING:
    # Annotations only: `main.py render` registers the library command and must not load sqlite-utils.
    from sqlite_utils import Database

SCHEMA = "jixiao.library/1"
# ≥ more is better, ≤ less is better, = exactly, 定性 words (达成/有所提高), 时限 a date.
DIRECTIONS = ("≥", "≤", "=", "定性", "时限")


def _official_pairs() -> tuple[tuple[str, str], ...]:
    # The 一级/二级 pairs of every shipped skeleton (docs/rules.md §1): the official trees.
    pairs: dict[tuple[str, str], None] = {}
    for rows in SKELETONS.values():
        for level1, _weight, subs in rows:
            for sub in subs:
                pairs[(level1, sub)] = None
    return tuple(pairs)


OFFICIAL_PAIRS = _official_pairs()


class LibraryError(JixiaoError):
    """A library entry (shipped file, user entry or --library export) that cannot be used."""


@dataclass(frozen=True)
class Entry:
    """One library indicator; `own` marks the user's entries (kept in the database)."""

    category: tuple[str, str]
    name: str
    unit: str = ""
    direction: str = "≥"
    target: str = ""
    explanation: str = ""
    rule: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""
    own: bool = False

    @property
    def category_text(self) -> str:
        """“产出指标 / 数量指标”."""
        return " / ".join(self.category)

    def to_json(self) -> dict[str, Any]:
        """The entry as the library file writes it (`own` is where it is kept, not content)."""
        return {"category": list(self.category), "name": self.name, "unit": self.unit,
                "direction": self.direction, "target": self.target, "explanation": self.explanation,
                "rule": dict(self.rule), "source": self.source}


def entry_from_json(data: Any, own: bool = False) -> Entry:
    """An entry from its JSON object; LibraryError in Chinese when a key is missing or wrong."""
    if not isinstance(data, dict):
        raise LibraryError("指标库条目应是一个对象（{…}）")
    name = str(data.get("name") or "").strip()
    if not name:
        raise LibraryError("指标库条目缺少指标名称（name）")
    category = data.get("category")
    if not (isinstance(category, list) and len(category) == 2 and all(isinstance(c, str) for c in category)):
        raise LibraryError(f"指标库条目“{name}”的分类（category）应写成 [一级指标, 二级指标]")
    direction = str(data.get("direction") or "≥")
    if direction not in DIRECTIONS:
        raise LibraryError(f"指标库条目“{name}”的指标方向“{direction}”不认识（可用：{'、'.join(DIRECTIONS)}）")
    rule = data.get("rule") or {}
    if not isinstance(rule, dict) or (rule and rule.get("type") not in RULE_TYPES):
        raise LibraryError(f"指标库条目“{name}”的评分规则不认识（可用：{'、'.join(RULE_TYPES)}）")
    return Entry(category=(category[0], category[1]), name=name, unit=str(data.get("unit") or ""),
                 direction=direction, target=str(data.get("target") or ""),
                 explanation=str(data.get("explanation") or ""), rule=dict(rule),
                 source=str(data.get("source") or ""), own=own)


@lru_cache(maxsize=1)
def builtin_entries() -> tuple[Entry, ...]:
    """The shipped entries, read once."""
    path = resource_path("library", "indicators.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    if doc.get("schema") != SCHEMA:
        raise LibraryError(f"指标库文件“{path.name}”的格式不是 {SCHEMA}，请重新安装程序")
    return tuple(entry_from_json(item) for item in doc["entries"])


def user_entries(db: Database) -> list[Entry]:
    """The user's own entries, oldest first (an unreadable row is skipped, never fatal)."""
    out = []
    for (body,) in db.execute("SELECT body FROM library ORDER BY id").fetchall():
        try:
            out.append(entry_from_json(json.loads(body), own=True))
        except (ValueError, LibraryError):
            continue
    return out


def add_user_entry(db: Database, entry: Entry, now: str) -> bool:
    """Keep an entry of the user's; one with the same name and category is replaced.

    Returns:
        True when it was new, False when it replaced an earlier one.
    """
    level1, level2 = entry.category
    body = json.dumps(entry.to_json(), ensure_ascii=False)
    with db.atomic():
        row = db.execute("SELECT id FROM library WHERE name = ? AND level1 = ? AND level2 = ?",
                         [entry.name, level1, level2]).fetchone()
        if row:
            db.execute("UPDATE library SET body = ?, saved_at = ? WHERE id = ?", [body, now, row[0]])
            return False
        db.execute("INSERT INTO library (name, level1, level2, body, saved_at) VALUES (?, ?, ?, ?, ?)",
                   [entry.name, level1, level2, body, now])
    return True


def remove_user_entry(db: Database, entry: Entry) -> bool:
    """Forget one of the user's entries; whether there was one."""
    level1, level2 = entry.category
    with db.atomic():
        cursor = db.execute("DELETE FROM library WHERE name = ? AND level1 = ? AND level2 = ?",
                            [entry.name, level1, level2])
    return bool(cursor.rowcount)


def all_entries(db: Database | None) -> list[Entry]:
    """The user's entries first (they are what this office writes), then the shipped ones."""
    own = user_entries(db) if db is not None else []
    return [*own, *builtin_entries()]


def library_document(entries: list[Entry]) -> dict[str, Any]:
    """A library file's content (what `export-json --library` writes)."""
    return {"schema": SCHEMA, "entries": [e.to_json() for e in entries]}
