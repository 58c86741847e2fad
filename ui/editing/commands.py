"""One QUndoCommand per user action; each stores ids and values, never indexes.

Commands change the form only through FormSession.apply_* (which keeps the tree models in step);
the session recomputes and saves after every push, undo and redo. A change the model layer refuses
makes the command obsolete (Qt drops it) and reports the Chinese message through the session.
"""
from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from model.errors import JixiaoError
from model.form import Goal, Node

if TYPE_CHECKING:
    from ui.editing.session import FormSession

EDIT_FIELD_ID = 1001


class SessionCommand(QUndoCommand):
    """Base: runs `_redo` and turns a refused change into an obsolete command plus a message."""

    def __init__(self, session: FormSession, text: str) -> None:
        super().__init__(text)
        # Weak: the session owns the stack that owns this command; a strong reference made a cycle
        # that the garbage collector freed in an order that crashed (tests/ui/test_session_lifetime.py).
        self._session = weakref.ref(session)

    @property
    def session(self) -> FormSession:
        session = self._session()
        assert session is not None
        return session

    def redo(self) -> None:
        try:
            self._redo()
        except JixiaoError as exc:
            self.setObsolete(True)
            self.session.report_error(str(exc))

    def _redo(self) -> None:
        raise NotImplementedError


class EditFieldCommand(SessionCommand):
    """Set one field (node, header, funds cell, plan point, form attribute) to a value.

    `typing` is a token of one typing session in one widget: consecutive commands with the same
    token and field merge into one undo step; commands without a token never merge.
    """

    def __init__(self, session: FormSession, kind: str, key: tuple[Any, ...], value: Any, text: str,
                 typing: object | None = None) -> None:
        super().__init__(session, text)
        self.kind = kind
        self.key = key
        self.new = value
        self.old: Any = None
        self.typing = typing
        self._first = True

    def _redo(self) -> None:
        old = self.session.apply_field(self.kind, self.key, self.new)
        if self._first:  # the first redo learns the old value; later redos keep it
            self._first = False
            self.old = old
            if old == self.new:
                self.setObsolete(True)  # nothing changed: no undo step, no save

    def undo(self) -> None:
        self.session.apply_field(self.kind, self.key, self.old)

    def id(self) -> int:
        return EDIT_FIELD_ID if self.typing is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, EditFieldCommand) and other.typing is not None
                and other.typing is self.typing and (other.kind, other.key) == (self.kind, self.key)):
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)  # typed back to where it started: no undo step left
        return True


class InsertNodeCommand(SessionCommand):
    """Insert a node (with its subtree) under a goal or group, or a goal (parent None)."""

    def __init__(self, session: FormSession, parent_id: int | None, index: int, node: Node | Goal,
                 text: str = "插入指标") -> None:
        super().__init__(session, text)
        self.parent_id = parent_id
        self.index = index
        self.node = node  # the object it created; addressed by node.id afterwards

    def _redo(self) -> None:
        self.session.apply_insert(self.parent_id, self.index, self.node)

    def undo(self) -> None:
        self.session.apply_remove(self.node.id)


class RemoveNodeCommand(SessionCommand):
    """Remove a node or goal; keeps the removed subtree and its position for undo."""

    def __init__(self, session: FormSession, node_id: int, text: str = "删除指标") -> None:
        super().__init__(session, text)
        self.node_id = node_id
        self.removed: tuple[int | None, int, Node | Goal] | None = None

    def _redo(self) -> None:
        self.removed = self.session.apply_remove(self.node_id)

    def undo(self) -> None:
        assert self.removed is not None
        parent_id, index, node = self.removed
        self.session.apply_insert(parent_id, index, node)


class MoveNodeCommand(SessionCommand):
    """Move a node (or goal) to a parent and position: move up/down, indent, outdent, drag."""

    def __init__(self, session: FormSession, node_id: int, parent_id: int | None, index: int,
                 text: str = "移动指标") -> None:
        super().__init__(session, text)
        self.node_id = node_id
        self.parent_id = parent_id
        self.index = index
        self.back: tuple[int | None, int] | None = None

    def _redo(self) -> None:
        self.back = self.session.apply_move(self.node_id, self.parent_id, self.index)

    def undo(self) -> None:
        assert self.back is not None
        self.session.apply_move(self.node_id, *self.back)
