"""Rows pasted from Excel/WPS into the indicator tree: new leaves, with 一级/二级 groups found or made.

`paste_rows(session, parent_id, index, rows)` pushes every insert through the session's undo stack
inside one macro, so one Ctrl+Z takes the whole paste back. Parsing the clipboard is ui/editing/clipboard.py.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from model import tree
from model.errors import JixiaoError
from model.form import Goal, Group, Leaf
from ui.editing.clipboard import PastedRow
from ui.editing.columns import parse_number

if TYPE_CHECKING:
    from ui.editing.session import FormSession

# Leaf fields a pasted cell may not set: structured or internal ones. A pasted 得分 becomes the
# leaf's manual score (the paper's figure), as the Word/Excel import keeps it.
_NOT_PASTED = ("rule", "checklist", "survey", "id", "extra")


def paste_rows(session: FormSession, parent_id: int, index: int, rows: list[PastedRow]) -> list[int]:
    """Insert pasted rows as leaves in one undo step; returns the new leaf ids.

    Rows without 一级/二级 names go under `parent_id` from `index` on; rows naming groups go
    into the goal holding `parent_id`, reusing groups of the same name or creating them.
    A bad number refuses the whole paste with a message (nothing changes).
    """
    from ui.editing.commands import InsertNodeCommand

    try:
        new_leaves = [leaf_from(row, i + 1) for i, row in enumerate(rows)]
    except ValueError as exc:
        session.error.emit(f"粘贴未完成：{exc}")
        return []
    goal = _goal_of(session, parent_id)
    session.undo_stack.beginMacro(f"粘贴 {len(rows)} 行")
    created: dict[tuple[int, str], Group] = {}
    at = index
    for row, leaf in zip(rows, new_leaves):
        if row.level1:
            target = _group_for(session, goal, row.level1, row.level1_weight, created)
            if row.level2:
                target = _group_for(session, target, row.level2, row.level2_weight, created)
            session.push(InsertNodeCommand(session, target.id, len(target.children), leaf, "粘贴"))
        else:
            session.push(InsertNodeCommand(session, parent_id, at, leaf, "粘贴"))
            at += 1
    session.undo_stack.endMacro()
    return [leaf.id for leaf in new_leaves if _exists(session, leaf.id)]


def leaf_from(row: PastedRow, number: int) -> Leaf:
    """A new leaf from one pasted row; `number` (1-based) names the row in an error message.

    Raises:
        ValueError: the 分值 cell is not a number (the message says which row).
    """
    leaf = Leaf()
    for name, text in row.fields.items():
        if name in ("weight", "score"):
            try:
                setattr(leaf, name, parse_number(text, "分值" if name == "weight" else "得分"))
            except ValueError as exc:
                raise ValueError(f"第 {number} 行{exc}") from None
        elif name == "name":
            leaf.name = text
        elif hasattr(leaf, name) and name not in _NOT_PASTED:
            setattr(leaf, name, text)
    return leaf


def _goal_of(session: FormSession, item_id: int) -> Goal:
    if session.is_goal(item_id):
        return tree.goal_by_id(session.form, item_id)
    return tree.find(session.form, item_id).goal


def _group_for(session: FormSession, parent: Goal | Group, name: str, weight: float | None,
               created: dict[tuple[int, str], Group]) -> Group:
    """The group of this name under `parent`: an existing one, one made earlier in this paste, or new.

    Names are compared by their official form (项目效益指标 = 效益指标, synonym table); a new group
    takes the official name, except in evaluation forms whose 决策/过程/产出/效益 names are their own.
    """
    from model.office.synonyms import synonyms

    official = synonyms().category(name)
    for child in parent.children:
        if isinstance(child, Group) and (child.name == name or synonyms().category(child.name) == official):
            return child
    if session.form.kind != "evaluation":
        name = official
    group = created.get((parent.id, name))
    if group is None:
        from ui.editing.commands import InsertNodeCommand

        group = Group(name=name, weight=weight)
        created[(parent.id, name)] = group
        session.push(InsertNodeCommand(session, parent.id, len(parent.children), group, "粘贴"))
    return group


def _exists(session: FormSession, item_id: int) -> bool:
    try:
        session.item(item_id)
    except JixiaoError:
        return False
    return True
