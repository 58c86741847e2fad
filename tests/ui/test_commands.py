"""Undo commands on a real QUndoStack: every structural action round-trips to the exact form."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from model.codec import dumps_form
from model.form import Group, Leaf
from model.store import Store
from tests.ui.helpers import leaf_named, open_session
from ui.editing.session import FormSession


@pytest.fixture
def session(qapp, memory_store: Store) -> FormSession:  # type: ignore[no-untyped-def]
    return open_session(memory_store)


def _names(session: FormSession) -> list[str]:
    out: list[str] = []

    def visit(nodes: list, depth: int) -> None:  # type: ignore[type-arg]
        for node in nodes:
            out.append("  " * depth + node.name)
            if isinstance(node, Group):
                visit(node.children, depth + 1)
    for goal in session.form.goals:
        out.append(goal.title)
        visit(goal.indicators, 1)
    return out


ACTIONS: dict[str, Callable[[FormSession], None]] = {
    "add leaf": lambda s: s.add_node(s.form.goals[0].indicators[0].id, 1, name="新指标"),
    "add group": lambda s: s.add_node(s.form.goals[0].id, None, group=True, name="成本指标"),
    "remove two": lambda s: s.remove_nodes([leaf_named(s, "培训班期数").id, s.form.goals[0].indicators[1].id]),
    "move down": lambda s: s.move_down(leaf_named(s, "康复训练人数").id),
    "move up": lambda s: s.move_up(s.form.goals[0].indicators[1].id),
    "outdent": lambda s: s.outdent(leaf_named(s, "完成时间").id),
    "indent": lambda s: s.indent(s.add_node(s.form.goals[0].id, 1, name="一级下的指标")),
    "add goal": lambda s: s.add_goal("目标2", 0),
    "move goal": lambda s: (s.add_goal("目标2"), s.move_goal(s.form.goals[1].id, 0)),
    "rename goal": lambda s: s.rename_goal(s.form.goals[0].id, "目标1"),
}


@pytest.mark.parametrize("name", ACTIONS)
def test_action_undoes_and_redoes_exactly(session: FormSession, name: str) -> None:
    before = dumps_form(session.form)
    ACTIONS[name](session)
    after = dumps_form(session.form)
    assert after != before
    while session.undo_stack.canUndo():
        session.undo_stack.undo()
    assert dumps_form(session.form) == before
    while session.undo_stack.canRedo():
        session.undo_stack.redo()
    assert dumps_form(session.form) == after


def test_move_and_indent_put_rows_where_expected(session: FormSession) -> None:
    session.move_down(leaf_named(session, "康复训练人数").id)
    assert _names(session)[3:5] == ["      培训班期数", "      康复训练人数"]
    completion = leaf_named(session, "完成时间")
    session.outdent(completion.id)  # 时效指标 → directly under 产出指标, after 时效指标
    assert _names(session)[5:8] == ["    时效指标", "    完成时间", "  满意度指标"]
    session.indent(completion.id)  # back under 时效指标 (the group just above)
    assert _names(session)[5:7] == ["    时效指标", "      完成时间"]


def test_removal_keeps_ids_so_later_commands_still_find_their_rows(session: FormSession) -> None:
    leaf = leaf_named(session, "培训班期数")
    session.set_node_field(leaf.id, "actual", "1期")
    session.remove_nodes([leaf.id])
    session.undo_stack.undo()  # the same object comes back, with its id
    session.undo_stack.undo()  # so the field edit before it still undoes
    assert leaf_named(session, "培训班期数").actual == "2期"


def test_commands_store_ids_not_rows(session: FormSession) -> None:
    # Inserting a row above changes every row number below; undoing the older edit must still work.
    leaf = leaf_named(session, "培训班期数")
    session.set_node_field(leaf.id, "target", "3期")
    parent = session.form.goals[0].indicators[0].children[0]
    session.add_node(parent.id, 0, name="插在前面")
    assert isinstance(parent.children[0], Leaf) and parent.children[2] is leaf
    session.undo_stack.setIndex(1)  # undo only the insertion
    session.undo_stack.undo()
    assert leaf.target == "2期"
