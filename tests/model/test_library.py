"""The indicator library: every shipped entry is usable, the user's entries persist (model/library.py)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from model import library, migrations
from model.datadir import database_path
from model.form import RULE_TYPES
from model.store import Store
from scoring.values.reading import read_target
from scoring.values.units import match_unit
from tests.conftest import FIXTURES, FakeClock

ENTRIES = library.builtin_entries()
# What kind of target each direction is written as (scoring/values/reading.py).
_KINDS = {"≥": "number", "≤": "number", "=": "number", "定性": "qualitative", "时限": "deadline"}
_OPS = {"≥": {">=", ">"}, "≤": {"<=", "<"}, "=": {"="}}


def test_the_library_is_large_and_draws_on_every_seed_and_the_common_indicators() -> None:
    assert len(ENTRIES) >= 80
    sources = {e.source for e in ENTRIES}
    assert {"000", "001", "002", "003", "004", "共性"} <= sources
    level1 = {e.category[0] for e in ENTRIES}
    assert {"决策", "过程", "产出", "效益"} <= level1  # the 共性指标 of evaluation forms
    assert len({(e.category, e.name) for e in ENTRIES}) == len(ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_every_entry_is_usable(entry: library.Entry) -> None:
    assert entry.category in library.OFFICIAL_PAIRS
    assert entry.rule.get("type") in RULE_TYPES
    assert entry.explanation and entry.target
    if entry.unit:
        assert match_unit(entry.unit) is not None, entry.unit
    reading = read_target(entry.target, year=2024)
    assert reading.kind == _KINDS[entry.direction], entry.target
    if reading.kind == "number":
        assert (reading.unit or "") == entry.unit
        if reading.explicit_op:
            assert reading.op in _OPS[entry.direction]


def test_a_wrong_entry_is_refused_in_chinese() -> None:
    good = ENTRIES[0].to_json()
    assert library.entry_from_json(good) == ENTRIES[0]
    with pytest.raises(library.LibraryError, match="评分规则"):
        library.entry_from_json({**good, "rule": {"type": "guess"}})
    with pytest.raises(library.LibraryError, match="方向"):
        library.entry_from_json({**good, "direction": "up"})
    with pytest.raises(library.LibraryError, match="名称"):
        library.entry_from_json({**good, "name": " "})


def test_own_entries_are_kept_replaced_and_removed(memory_store: Store) -> None:
    db = memory_store.db
    mine = library.Entry(("产出指标", "数量指标"), "助残志愿服务人次", "人次", "≥", "≥200人次", "志愿者服务残疾人的人次",
                         {"type": "ratio"}, own=True)
    assert library.add_user_entry(db, mine, "2024-01-01T00:00:00")
    changed = library.Entry(mine.category, mine.name, "人次", "≥", "≥300人次", "新的解释", {"type": "ratio"}, own=True)
    assert not library.add_user_entry(db, changed, "2024-01-02T00:00:00")
    assert library.user_entries(db) == [changed]
    assert library.all_entries(db)[0] == changed
    assert len(library.all_entries(db)) == len(ENTRIES) + 1
    assert library.remove_user_entry(db, changed)
    assert library.user_entries(db) == []


def test_version_2_database_gains_the_library_table(data_dir: Path, clock: FakeClock) -> None:
    data_dir.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "db" / "v2.sqlite3", database_path(data_dir))
    store = Store.open(data_dir, clock)
    try:
        assert migrations.user_version(store.db) == 3
        assert len(store.list_forms()) == 1  # the forms survive
        entry = library.Entry(("产出指标", "数量指标"), "测试指标", "人", "≥", "≥1人", "解释", {"type": "ratio"}, own=True)
        library.add_user_entry(store.db, entry, "2024-01-01T00:00:00")
        assert library.user_entries(store.db) == [entry]
    finally:
        store.close()
