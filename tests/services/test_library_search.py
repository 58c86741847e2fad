"""Searching the indicator library, where entries go and what they fill (ui/services/library.py)."""
from __future__ import annotations

import pytest

from model.form import Form, Goal, Group, Leaf
from model.library import Entry, LibraryError, builtin_entries
from ui.services import library as lib

ENTRIES = builtin_entries()


def test_search_ranks_whole_name_then_prefix_then_contained() -> None:
    names = [e.name for e in lib.search(ENTRIES, ["康复"])]
    assert names and all("康复" in n or "康复" in e.explanation + e.category_text
                          for n, e in zip(names, lib.search(ENTRIES, ["康复"])))
    assert names.index("残疾人康复服务率") < len(names)
    first = lib.search(ENTRIES, ["服务对象满意度"])
    assert first[0].name == "服务对象满意度"  # the whole name first
    assert lib.search(ENTRIES, ["辅助器具"])[0].name.startswith("辅助器具")


def test_every_word_must_match_and_fullwidth_input_is_read() -> None:
    both = lib.search(ENTRIES, ["托养", "人数"])
    assert both and all("托养" in e.name + e.explanation and "人数" in e.name + e.explanation for e in both)
    assert lib.search(ENTRIES, ["ｘｙｚ不存在"]) == []
    assert [e.name for e in lib.search(ENTRIES, ["两项　补贴"])] == [e.name for e in lib.search(ENTRIES, ["两项补贴"])]


def test_category_filter_and_limit() -> None:
    decided = lib.search(ENTRIES, [], level1="决策")
    assert decided and {e.category[0] for e in decided} == {"决策"}
    assert len(lib.search(ENTRIES, [], limit=5)) == 5
    assert {e.category[0] for e in lib.search(ENTRIES, ["满意度"], level1="满意度指标")} == {"满意度指标"}


def test_own_entries_come_first_on_a_tie() -> None:
    mine = Entry(("产出指标", "数量指标"), "康复服务人数", "人", "≥", "≥10人", "自己的", {"type": "ratio"}, own=True)
    shipped = Entry(("产出指标", "数量指标"), "康复服务人数", "人", "≥", "≥10人", "库里的", {"type": "ratio"})
    assert lib.search([shipped, mine], ["康复服务人数"])[0] is mine


def _form() -> Form:
    leaf = Leaf(name="x", target="100")
    goal = Goal(title="目标1", indicators=[
        Group(name="项目产出指标(50分)", children=[Group(name="数量", children=[leaf]), Group(name="质量指标", children=[])]),
        Group(name="满意度指标", children=[Group(name="服务对象满意度指标", children=[])])])
    return Form(kind="project_self_eval", year=2024, goals=[goal])


def test_place_is_found_however_the_form_spells_the_category() -> None:
    form = _form()
    goal = form.goals[0]
    quality = next(e for e in ENTRIES if e.name == "辅助器具产品合格率")
    place = lib.find_place(goal, quality)
    assert place.level1 is goal.indicators[0] and place.level2 is goal.indicators[0].children[1]  # type: ignore[union-attr]
    benefit = next(e for e in ENTRIES if e.category == ("效益指标", "社会效益指标"))
    assert lib.find_place(goal, benefit) == lib.Place(None, None)
    leaf = goal.indicators[0].children[0].children[0]  # type: ignore[union-attr]
    assert lib.leaf_place(form, leaf.id)[1] == ("项目产出指标(50分)", "数量")
    assert lib.fits(next(e for e in ENTRIES if e.name == "职业培训人数"), ("项目产出指标(50分)", "数量"))
    assert not lib.fits(quality, ("项目产出指标(50分)", "数量"))


def test_filled_target_keeps_what_is_written_and_completes_a_bare_number() -> None:
    count = next(e for e in ENTRIES if e.name == "职业培训人数")
    assert lib.filled_target(count, "") == count.target
    assert lib.filled_target(count, "120") == "≥120人"
    assert lib.filled_target(count, "≥60人") is None
    assert lib.filled_target(count, "有所提高") is None


def test_a_row_becomes_an_own_entry() -> None:
    form = _form()
    leaf = form.goals[0].indicators[0].children[0].children[0]  # type: ignore[union-attr]
    leaf.name, leaf.target, leaf.description = "助残志愿服务人次", "≥200人次", "志愿者服务残疾人的人次"
    entry = lib.entry_from_leaf(form, leaf)
    assert entry.category == ("产出指标", "数量指标") and entry.unit == "人次" and entry.direction == "≥"
    assert entry.rule == {"type": "ratio"} and entry.own and entry.explanation == "志愿者服务残疾人的人次"
    leaf.name = ""
    with pytest.raises(LibraryError, match="还没有指标名称"):
        lib.entry_from_leaf(form, leaf)
    stray = Leaf(name="散行")
    form.goals[0].indicators.append(stray)
    with pytest.raises(LibraryError, match="不是标准的一级/二级指标"):
        lib.entry_from_leaf(form, stray)
