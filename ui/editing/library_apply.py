"""Indicator-library entries put into a form through the session's commands, each action one undo step.

`apply_entry` fills a row chosen in the name cell's type-ahead; `insert_entries` adds the picker's
choices under their categories. Where an entry goes and what it fills is decided in
ui/services/library.py; this module only turns that into commands.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from model import signoff, tree
from model.form import Goal, Group, Leaf
from model.library import Entry
from ui.services.library import filled_target, find_place, fits, leaf_place

if TYPE_CHECKING:
    from ui.editing.session import FormSession


def _fill(session: FormSession, leaf: Leaf, entry: Entry) -> None:
    # Only empty cells and a bare number are filled: what the user wrote stays.
    if leaf.name != entry.name:
        session.set_node_field(leaf.id, "name", entry.name)
    target = filled_target(entry, leaf.target)
    if target is not None and target != leaf.target:
        session.set_node_field(leaf.id, "target", target)
    if not (leaf.description or "").strip() and entry.explanation:
        session.set_node_field(leaf.id, "description", entry.explanation)


def _group_for(session: FormSession, goal: Goal, entry: Entry) -> Group:
    """The entry's 二级 group in this goal, adding the 一级/二级 groups the form lacks."""
    place = find_place(goal, entry)
    top = place.level1
    if top is None:
        top = Group(name=entry.category[0])
        session.insert_node(goal.id, len(goal.indicators), top)
    if place.level2 is not None:
        return place.level2
    sub = Group(name=entry.category[1])
    session.insert_node(top.id, len(top.children), sub)
    return sub


def apply_entry(session: FormSession, leaf_id: int, entry: Entry) -> None:
    """Fill a row from an entry and move it under the entry's 一级/二级 when it sits elsewhere."""
    leaf = tree.node_by_id(session.form, leaf_id)
    if not isinstance(leaf, Leaf) or _refused(session):
        return
    goal, groups = leaf_place(session.form, leaf_id)
    session.undo_stack.beginMacro(f"从指标库填写“{entry.name}”")
    try:
        _fill(session, leaf, entry)
        if not fits(entry, groups):
            group = _group_for(session, goal, entry)
            session.move_node(leaf_id, group.id, _first_blank(group, leaf_id), "移到所属分类")
    finally:
        session.undo_stack.endMacro()


def _refused(session: FormSession) -> bool:
    # One message for the whole action, not one per command the locked form refuses.
    if session.locked:
        session.error.emit(f"{signoff.LOCKED_MESSAGE}，没有从指标库添加。{signoff.LOCKED_FIX}。")
    return session.locked


def _first_blank(group: Group, leaf_id: int) -> int:
    # A moved row goes before the skeleton's blank row, so that row stays last and spare.
    for index, child in enumerate(group.children):
        if isinstance(child, Leaf) and child.id != leaf_id and tree.is_blank_leaf(child):
            return index
    return len(group.children)


def insert_entries(session: FormSession, goal_id: int, entries: Sequence[Entry]) -> list[int]:
    """Add entries to a goal under their categories in one undo step; returns the rows' ids.

    A blank row already in the right group (the new form's empty row) is filled first.
    """
    if not entries or _refused(session):
        return []
    goal = tree.goal_by_id(session.form, goal_id)
    ids: list[int] = []
    session.undo_stack.beginMacro(f"从指标库添加 {len(entries)} 项" if len(entries) > 1 else f"从指标库添加“{entries[0].name}”")
    try:
        for entry in entries:
            group = _group_for(session, goal, entry)
            blank = next((c for c in group.children if isinstance(c, Leaf) and tree.is_blank_leaf(c)), None)
            if blank is not None:
                _fill(session, blank, entry)
                ids.append(blank.id)
                continue
            leaf = Leaf(name=entry.name, target=entry.target, description=entry.explanation or None)
            ids.append(session.insert_node(group.id, len(group.children), leaf))
    finally:
        session.undo_stack.endMacro()
    return ids
