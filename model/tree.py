"""Operations on a form's goals and indicator trees, each returning what undo needs.

Nodes and goals are addressed by their process-local `id`. Invariants kept here: at most three
levels (groups on levels 1–2, leaves on 1–3), ids unique within a form. Undo code calls the inverse
operation with the returned values, so it needs no snapshot of the tree.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Union

from model.errors import TreeError
from model.form import LEAF_FIELDS, Form, Goal, Group, Leaf, Node

Parent = Union[Goal, Group]
MAX_DEPTH = 3

_LEAF_FIELDS = frozenset(LEAF_FIELDS)
_GROUP_FIELDS = frozenset({"name", "code", "weight"})
_GOAL_FIELDS = frozenset({"title", "expected", "achieved"})


@dataclass(frozen=True)
class Location:
    """Where a node sits: its goal, its parent (a goal or a group), index and level (1–3)."""

    goal: Goal
    parent: Parent
    index: int
    depth: int


@dataclass(frozen=True)
class Removed:
    """What remove_node took away, enough to put it back exactly."""

    parent_id: int
    index: int
    node: Node


def walk(form: Form) -> Iterator[tuple[Goal, Node, int, tuple[str, ...]]]:
    """Every node in display order with its goal, level (1–3) and name path (goal title first)."""
    for goal in form.goals:
        yield from _walk(goal, goal.indicators, 1, (goal.title,))


def _walk(goal: Goal, nodes: list[Node], depth: int,
          path: tuple[str, ...]) -> Iterator[tuple[Goal, Node, int, tuple[str, ...]]]:
    for node in nodes:
        node_path = (*path, node.name)
        yield goal, node, depth, node_path
        if isinstance(node, Group):
            yield from _walk(goal, node.children, depth + 1, node_path)


def leaves(form: Form) -> Iterator[Leaf]:
    """Every leaf of every goal, in order."""
    for _goal, node, _depth, _path in walk(form):
        if isinstance(node, Leaf):
            yield node


def find(form: Form, node_id: int) -> Location:
    """Locate a node by id; raises TreeError when it is not in the form."""
    for goal in form.goals:
        loc = _find(goal, goal, node_id, 1)
        if loc is not None:
            return loc
    raise TreeError(f"找不到编号为 {node_id} 的指标，它可能已被删除")


def _find(goal: Goal, parent: Parent, node_id: int, depth: int) -> Location | None:
    for i, node in enumerate(parent.children):
        if node.id == node_id:
            return Location(goal, parent, i, depth)
        if isinstance(node, Group):
            loc = _find(goal, node, node_id, depth + 1)
            if loc is not None:
                return loc
    return None


def node_by_id(form: Form, node_id: int) -> Node:
    """The node with this id."""
    loc = find(form, node_id)
    return loc.parent.children[loc.index]


def position(form: Form, item_id: int) -> tuple[int, ...] | None:
    """Where a goal or node sits as row numbers (goal, then each level): ids are process-local and
    change when a form is read again, positions do not. None when the id is not in the form."""
    for g, goal in enumerate(form.goals):
        if goal.id == item_id:
            return (g,)
        stack: list[tuple[tuple[int, ...], Node]] = [((g, i), n) for i, n in enumerate(goal.indicators)]
        while stack:
            where, node = stack.pop()
            if node.id == item_id:
                return where
            if isinstance(node, Group):
                stack.extend(((*where, i), c) for i, c in enumerate(node.children))
    return None


def item_at(form: Form, where: tuple[int, ...]) -> Goal | Node | None:
    """The goal or node at a position from `position`, or None when the form has no such row."""
    if not where or not 0 <= where[0] < len(form.goals):
        return None
    item: Goal | Node = form.goals[where[0]]
    for index in where[1:]:
        children = item.indicators if isinstance(item, Goal) else getattr(item, "children", None)
        if children is None or not 0 <= index < len(children):
            return None
        item = children[index]
    return item


def goal_by_id(form: Form, goal_id: int) -> Goal:
    """The goal with this id; raises TreeError when absent."""
    for goal in form.goals:
        if goal.id == goal_id:
            return goal
    raise TreeError(f"找不到编号为 {goal_id} 的目标，它可能已被删除")


def parent_by_id(form: Form, parent_id: int) -> tuple[Parent, int]:
    """A goal or group by id, with the level its children would have."""
    for goal in form.goals:
        if goal.id == parent_id:
            return goal, 1
    loc = find(form, parent_id)
    node = loc.parent.children[loc.index]
    if not isinstance(node, Group):
        raise TreeError(f"“{node.name or '（未命名）'}”是三级指标，不能再添加下级指标")
    return node, loc.depth + 1


def height(node: Node) -> int:
    """Levels a subtree occupies: 1 for a leaf, 1 + the tallest child for a group."""
    if isinstance(node, Group):
        return 1 + max((height(c) for c in node.children), default=0)
    return 1


def too_deep(node: Node, depth: int) -> bool:
    """Whether a subtree placed at level `depth` would go past three levels (or put a group on level 3)."""
    return depth + height(node) - 1 > MAX_DEPTH or (isinstance(node, Group) and depth >= MAX_DEPTH)


def item_by_id(form: Form, item_id: int) -> Goal | Node:
    """The goal or node with this id; TreeError when there is none."""
    for goal in form.goals:
        if goal.id == item_id:
            return goal
    return node_by_id(form, item_id)


def is_under(form: Form, node_id: int, ancestor_id: int) -> bool:
    """Whether a node lies below the goal or group `ancestor_id` (False when that id is unknown)."""
    try:
        ancestor = item_by_id(form, ancestor_id)
    except TreeError:
        return False
    return any(n.id == node_id for child in getattr(ancestor, "children", []) for n in _subtree(child))


def outermost(form: Form, ids: list[int]) -> list[int]:
    """The ids not under another of them (a group's selected children travel with it), in order."""
    return [i for i in ids if not any(is_under(form, i, other) for other in ids if other != i)]


def check_drop(form: Form, ids: list[int], parent_id: int | None) -> None:
    """Raise TreeError saying why these goals or nodes cannot be moved under `parent_id` (None: the top)."""
    goal_ids = {g.id for g in form.goals}
    goals = [i for i in ids if i in goal_ids]
    if goals and (parent_id is not None or len(goals) != len(ids)):
        raise TreeError("目标只能在最上层调整顺序，不能放进指标里，也不能和指标一起拖动")
    if not goals and parent_id is None:
        raise TreeError("指标必须放在某个目标下面；请拖到目标或分组上")
    if parent_id is None:
        return
    _parent, depth = parent_by_id(form, parent_id)  # a leaf refuses children here
    for node_id in ids:
        node = node_by_id(form, node_id)
        if node_id == parent_id or is_under(form, parent_id, node_id):
            raise TreeError(f"不能把“{node.name or '（未命名）'}”拖到它自己的下级中")
        if too_deep(node, depth):
            raise TreeError(f"“{node.name or '（未命名）'}”放到这里会超过三级指标，请拖到更上一级的分组或目标上")


def _check_fits(node: Node, depth: int) -> None:
    if too_deep(node, depth):
        raise TreeError(f"“{node.name or '（未命名）'}”放到这里会超过三级指标，请换一个位置")


def insert_node(form: Form, parent_id: int, index: int, node: Node) -> int:
    """Insert a node (with its subtree) under a goal or group.

    Args:
        form: the form.
        parent_id: id of the goal or group.
        index: position among the parent's children (clamped to the end).
        node: the node; its ids must not already be in the form.

    Returns:
        The node's id (what remove_node needs to undo this).
    """
    parent, depth = parent_by_id(form, parent_id)
    _check_fits(node, depth)
    existing = {n.id for _g, n, _d, _p in walk(form)}
    new_ids = [n.id for n in _subtree(node)]
    if existing.intersection(new_ids) or len(set(new_ids)) != len(new_ids):
        raise TreeError("要插入的指标与表中已有指标重复，请复制后再粘贴")
    parent.children.insert(min(max(index, 0), len(parent.children)), node)
    return node.id


def _subtree(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Group):
        for child in node.children:
            yield from _subtree(child)


def remove_node(form: Form, node_id: int) -> Removed:
    """Remove a node and its subtree; the result lets insert_node put it back exactly."""
    loc = find(form, node_id)
    node = loc.parent.children.pop(loc.index)
    return Removed(loc.parent.id, loc.index, node)


def move_node(form: Form, node_id: int, new_parent_id: int, index: int) -> tuple[int, int]:
    """Move a node to another place; returns (old parent id, old index) for the inverse move.

    `index` is the position in the new parent's children after the node was taken out.
    """
    loc = find(form, node_id)
    node = loc.parent.children[loc.index]
    target, depth = parent_by_id(form, new_parent_id)
    if any(n.id == new_parent_id for n in _subtree(node)):
        raise TreeError("不能把指标移到它自己的下级中")
    _check_fits(node, depth)
    loc.parent.children.pop(loc.index)
    target.children.insert(min(max(index, 0), len(target.children)), node)
    return loc.parent.id, loc.index


def indent_place(form: Form, node_id: int) -> tuple[int, int]:
    """Where 降级 puts a node: (parent id, index) at the end of the group just above it; TreeError if none."""
    loc = find(form, node_id)
    if loc.index == 0:
        raise TreeError("第一行上面没有同级指标，无法降级；请先在上面添加一个上级指标")
    above = loc.parent.children[loc.index - 1]
    if not isinstance(above, Group):
        raise TreeError(f"上一行“{above.name or '（未命名）'}”是三级指标，不能作为上级；请先在上面插入一个分组")
    return above.id, len(above.children)


def outdent_place(form: Form, node_id: int) -> tuple[int, int]:
    """Where 升级 puts a node: (parent id, index) just after its parent group; TreeError on level 1."""
    loc = find(form, node_id)
    if isinstance(loc.parent, Goal):
        raise TreeError("已经是一级指标，无法再升级")
    grand = find(form, loc.parent.id)
    return grand.parent.id, grand.index + 1


def indent(form: Form, node_id: int) -> tuple[int, int]:
    """Make a node the last child of the group just above it; returns the inverse move."""
    return move_node(form, node_id, *indent_place(form, node_id))


def outdent(form: Form, node_id: int) -> tuple[int, int]:
    """Make a node the next sibling of its parent group; returns the inverse move."""
    return move_node(form, node_id, *outdent_place(form, node_id))


def set_node_field(form: Form, node_id: int, field: str, value: Any) -> Any:
    """Set one field of a node or goal by id; returns the old value (for undo)."""
    target: Goal | Node
    try:
        target = goal_by_id(form, node_id)
        allowed = _GOAL_FIELDS
    except TreeError:
        target = node_by_id(form, node_id)
        allowed = _GROUP_FIELDS if isinstance(target, Group) else _LEAF_FIELDS
    if field not in allowed:
        raise TreeError(f"字段“{field}”不能在这里修改")
    old = getattr(target, field)
    setattr(target, field, value)
    return old


def insert_goal(form: Form, index: int, goal: Goal) -> int:
    """Insert a goal block; returns its id."""
    if any(g.id == goal.id for g in form.goals):
        raise TreeError("目标已在表中")
    form.goals.insert(min(max(index, 0), len(form.goals)), goal)
    return goal.id


def remove_goal(form: Form, goal_id: int) -> tuple[int, Goal]:
    """Remove a goal with its tree; returns (index, goal) for insert_goal."""
    goal = goal_by_id(form, goal_id)
    index = form.goals.index(goal)
    form.goals.pop(index)
    return index, goal


def move_goal(form: Form, goal_id: int, index: int) -> int:
    """Move a goal to a new position; returns the old index."""
    old, goal = remove_goal(form, goal_id)
    form.goals.insert(min(max(index, 0), len(form.goals)), goal)
    return old


# What a user can type into a row; a row with none of these written is blank.
_TYPED_FIELDS = ("name", "code", "target", "actual", "weight", "score", "reason", "tier", "criteria", "process",
                 "rule", "checklist", "survey")


def is_blank_leaf(leaf: Leaf) -> bool:
    """Whether nothing at all is written in a row (spaces count as nothing)."""
    for name in _TYPED_FIELDS:
        value = getattr(leaf, name, None)
        if isinstance(value, str):
            if value.strip():
                return False
        elif value is not None and value != [] and value != {}:
            return False
    return True


def is_spare_row(leaf: Leaf, siblings: list[Node]) -> bool:
    """A blank row beside filled ones (the skeleton's empty row left over): not yet filled in.

    When every row of a group is blank the group itself is unfilled: those rows are not spare
    (the checker asks for the group to be filled in or deleted, and the printout shows it).
    """
    return is_blank_leaf(leaf) and any(isinstance(n, Group) or not is_blank_leaf(n) for n in siblings)


def find_nodes(form: Form, text: str) -> list[int]:
    """Ids of the indicators (groups and leaves) whose name contains every word of `text`, in
    display order; letter case and full-width forms are ignored (Ctrl+F in the editor)."""
    words = unicodedata.normalize("NFKC", text).casefold().split()
    if not words:
        return []
    found = []
    for _goal, node, _depth, _path in walk(form):
        name = unicodedata.normalize("NFKC", node.name or "").casefold()
        if all(word in name for word in words):
            found.append(node.id)
    return found
