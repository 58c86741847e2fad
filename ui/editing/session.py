"""One open form: the Form, its store, the QUndoStack and the latest scoring Result.

Commands (ui/editing/commands.py) change the form only through the `apply_*` methods here, which tell the
tree models (listeners) about structural changes; after every push, undo and redo the session
recomputes the whole form, saves it in one transaction and emits `changed`.
"""
from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from model import fields as form_fields
from model import signoff, tree
from model.errors import KEY_NAMES, JixiaoError, StaleRevision
from model.form import ChecklistItem, Form, Goal, Group, Leaf, Node
from model.store import Store
from scoring.cross_forms import FormIndex, cross_check_indexed, index_form, unit_key
from scoring.cross_package import near_unit
from scoring.result import Result
from ui.services.evaluation import Evaluator, evaluate_with_profile

if TYPE_CHECKING:
    from ui.editing.clipboard import PastedRow



class TreeListener(Protocol):
    """What a tree model implements to follow structural changes (ids, never indexes)."""

    def begin_insert(self, parent_id: int | None, row: int) -> None: ...
    def end_insert(self) -> None: ...
    def begin_remove(self, parent_id: int | None, row: int) -> None: ...
    def end_remove(self) -> None: ...
    def begin_move(self, src_parent_id: int | None, src_row: int,
                   dst_parent_id: int | None, dst_row: int) -> None: ...
    def end_move(self) -> None: ...
    def node_changed(self, node_id: int) -> None: ...


# Setters of the non-tree parts, keyed by FieldRef.kind; each returns the old value.
_SETTERS: dict[str, Callable[[Form, tuple[Any, ...], Any], Any]] = {
    "node": lambda f, k, v: tree.set_node_field(f, k[0], k[1], v),
    "header": lambda f, k, v: form_fields.set_header(f, k[0], v),
    "funds_cell": lambda f, k, v: form_fields.set_funds_cell(f, k[0], k[1], v),
    "funds": lambda f, k, v: form_fields.set_funds_field(f, k[0], v),
    "form": lambda f, k, v: form_fields.set_form_field(f, k[0], v),
    "plan": lambda f, k, v: form_fields.set_plan_percent(f, k[0], v),
    "data_cell": lambda f, k, v: form_fields.set_data_cell(f, k[0], k[1], k[2], v),
    "section_text": lambda f, k, v: form_fields.set_section_text(f, k[0], v),
    "checklist_item": lambda f, k, v: form_fields.set_checklist_item(f, k[0], k[1], k[2], v),
    "survey": lambda f, k, v: form_fields.set_survey_count(f, k[0], k[1], v),
}


# Field kinds whose key starts with a goal or node id (process-local: kept as a position in a draft).
_ID_KEYED = ("node", "checklist_item", "survey")


@dataclass(frozen=True)
class Draft:
    """The user's last edit that a stale save refused: re-applied to the newer revision on request.

    `key` is the field key with its item id replaced by the item's position (model.tree.position).
    """

    kind: str
    key: tuple[Any, ...]
    value: Any
    text: str


class FormSession(QObject):
    """Owns one form while it is open; the only way the UI changes it.

    Every save states the revision the session read (`revision`); when another window, an import or
    the command line saved the form in between, the save is refused (StaleRevision), `draft` keeps
    the user's last edit and `stale` is emitted so the window can reload.
    """

    changed = Signal()
    saved = Signal(str)
    error = Signal(str)
    stale = Signal(str)

    def __init__(self, store: Store, form_id: str, parent: QObject | None = None,
                 evaluator: Evaluator | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.form: Form
        self.form, self.revision = store.load_with_revision(form_id)
        self.draft: Draft | None = None
        self._last_edit: tuple[str, tuple[Any, ...], Any] | None = None
        self._size_warned = False
        self._evaluate = evaluator or evaluate_with_profile
        self._others = self._load_others()
        # Weak: the tree models hold the session, and the session must not keep a closed view's model.
        self._listener_refs: list[weakref.ref[TreeListener]] = []
        self.unsaved = False
        self.saved_text = ""
        self.result: Result = self._compute() or _empty_result()
        self.undo_stack = QUndoStack(self)
        # Through a weak reference: when the garbage collector frees a session, its undo stack is
        # destroyed with it and clears itself, emitting indexChanged; a bound-method slot then calls
        # into the half-freed session and crashes the process (seen in the UI tests: gdb showed
        # QUndoStack::clear -> SignalManager::qt_metacall -> PyObject_GetAttrString(NULL)).
        session = weakref.ref(self)

        def after_change(index: int) -> None:
            alive = session()
            if alive is not None and shiboken6.isValid(alive):  # not while Qt deletes it either
                alive._after_change(index)

        self.undo_stack.indexChanged.connect(after_change)

    # -- listeners -------------------------------------------------------------------------------

    def add_listener(self, listener: TreeListener) -> None:
        """Register a tree model that must hear about structural changes (held weakly)."""
        self._listener_refs.append(weakref.ref(listener))

    def remove_listener(self, listener: TreeListener) -> None:
        """Forget a tree model (when its view closes)."""
        self._listener_refs = [r for r in self._listener_refs if r() is not None and r() is not listener]

    @property
    def _listeners(self) -> list[TreeListener]:
        """The tree models still alive."""
        return [listener for listener in (r() for r in self._listener_refs) if listener is not None]

    # -- pushing, recomputing, saving ------------------------------------------------------------

    @property
    def locked(self) -> bool:
        """Whether the form is 已审核: its content may not change (model/signoff.py)."""
        return signoff.is_locked(self.form)

    def push(self, command: QUndoCommand) -> None:
        """Run a command through the undo stack (its redo() makes the change); refused when locked."""
        from ui.editing.commands import EditFieldCommand

        if self.locked:
            self.error.emit(f"{signoff.LOCKED_MESSAGE}，本次修改没有生效。{signoff.LOCKED_FIX}。")
            return
        # The draft of a refused save, as plain values: a Python reference to a command the stack
        # owns (or QUndoStack.command()'s wrapper) crashed the garbage collector later.
        self._last_edit = ((command.kind, tuple(command.key), command.new)
                           if isinstance(command, EditFieldCommand) else None)
        self.undo_stack.push(command)

    def report_error(self, message: str) -> None:
        """Called by a command whose change was refused (nothing changed)."""
        self.error.emit(message)

    def _compute(self) -> Result | None:
        try:
            return self._with_cross_findings(self._evaluate(self.form))
        except JixiaoError as exc:  # e.g. invalid inline rules: the message says what to fix
            self.error.emit(str(exc))
            return None
        except Exception as exc:  # a scoring bug must never lose the user's edit
            self.error.emit(f"计算得分时出错（{exc}）。您的修改已保留，请把此表格导出后反馈给维护人员。")
            return None

    def _load_others(self) -> list[FormIndex]:
        """The other stored forms of this form's unit and year, read once per open (CROSS_FORM_MISMATCH,
        FUNDS_CROSS_MISMATCH), and of a unit name one typo away (HEADER_UNIT_MISMATCH)."""
        unit = unit_key(self.form.unit)
        if not unit:
            return []
        others = []
        for summary in self.store.list_forms(year=self.form.year):
            other = unit_key(summary.unit)
            # a unit one typo away is loaded too: HEADER_UNIT_MISMATCH (never compared indicator by indicator)
            if summary.id == self.form.id or (other != unit and not near_unit(other, unit)):
                continue
            try:
                others.append(index_form(self.store.load(summary.id)))
            except JixiaoError:  # a damaged other form must not keep this one from opening
                continue
        return others

    def _with_cross_findings(self, result: Result) -> Result:
        """The result with this form's CROSS_FORM_MISMATCH findings against the other forms added;
        only this form is read again on each change (a few ms for 300 leaves)."""
        if not self._others or not self.form.id:
            return result
        found = cross_check_indexed([index_form(self.form), *self._others])
        extra = tuple(f for form_id, f in found if form_id == self.form.id and f not in result.findings)
        return replace(result, findings=result.findings + extra) if extra else result

    def warn_if_big(self) -> None:
        """Say once per session when the form is big enough to slow the window down (model/form_limits.py)."""
        from model.form_limits import size_warning

        warning = size_warning(sum(1 for _ in tree.leaves(self.form)))
        if warning and not self._size_warned:
            self._size_warned = True
            self.error.emit(warning)

    def _after_change(self, _index: int = 0) -> None:
        result = self._compute()
        if result is not None:
            self.result = result
        self._save()
        self.changed.emit()
        self.warn_if_big()

    def _save(self) -> None:
        try:
            self.revision = self.store.save(self.form, self.revision)
        except StaleRevision as exc:
            self.unsaved = True
            self.draft = self._draft()
            self.stale.emit(str(exc))
            return
        except Exception as exc:  # disk full, locked file…: keep the edit in memory, retry next time
            self.unsaved = True
            self.error.emit(f"保存失败（{exc}）。修改仍在窗口中，下次修改时会再次保存；"
                            "请检查数据文件夹所在磁盘是否已满或被占用。")
            return
        self.unsaved = False
        self.saved_text = f"已保存 {self.store.clock():%H:%M:%S}"
        self.saved.emit(self.saved_text)

    def save_now(self) -> None:
        """Ctrl+S: every edit is saved already; save again (retrying a failed save) and confirm."""
        self._save()

    def _draft(self) -> Draft | None:
        """The last field edit as a Draft (None after a structural change)."""
        if self._last_edit is None:
            return None
        kind, key, value = self._last_edit
        label = KEY_NAMES.get(str(key[-1]), str(key[-1]))
        if kind in _ID_KEYED:
            where = tree.position(self.form, key[0])
            if where is None:
                return None
            item = tree.item_at(self.form, where)
            name = getattr(item, "name", None) or getattr(item, "title", "")
            key, label = (where, *key[1:]), f"“{name}”的{label}" if name else label
        shown = "（空）" if value in (None, "") else str(value)
        return Draft(kind, key, value, f"{label}：{shown[:60]}")

    def apply_draft(self, draft: Draft) -> bool:
        """Put a draft from a refused save into this (newer) form as a normal, undoable edit.

        False when the place it was typed into no longer exists in this revision.
        """
        key = draft.key
        if draft.kind in _ID_KEYED:
            item = tree.item_at(self.form, key[0])
            if item is None:
                return False
            key = (item.id, *key[1:])
        try:
            self.set_field(draft.kind, key, draft.value, "填入草稿")
        except (JixiaoError, LookupError, ValueError):
            return False
        return True

    # -- raw changes, called by commands only ----------------------------------------------------

    def apply_field(self, kind: str, key: tuple[Any, ...], value: Any) -> Any:
        """Set one field (see _SETTERS); returns the old value."""
        old = _SETTERS[kind](self.form, key, value)
        if kind == "node":
            for listener in self._listeners:
                listener.node_changed(key[0])
        return old

    def apply_insert(self, parent_id: int | None, index: int, node: Node | Goal) -> None:
        """Insert a node (or a goal when parent_id is None), telling the listeners."""
        # Dry run first: the model layer validates and clamps; we need the real row before begin.
        self._raw_insert(parent_id, index, node)
        row = self._row_of(node.id)
        self._raw_remove(node.id)
        for listener in self._listeners:
            listener.begin_insert(parent_id, row)
        self._raw_insert(parent_id, index, node)
        for listener in self._listeners:
            listener.end_insert()

    def apply_remove(self, node_id: int) -> tuple[int | None, int, Node | Goal]:
        """Remove a node or goal; returns (parent id, index, the removed object) for undo."""
        parent_id, row = self._parent_and_row(node_id)
        for listener in self._listeners:
            listener.begin_remove(parent_id, row)
        removed = self._raw_remove(node_id)
        for listener in self._listeners:
            listener.end_remove()
        return removed

    def apply_move(self, node_id: int, parent_id: int | None, index: int) -> tuple[int | None, int]:
        """Move a node (or a goal, parent None) to `index` counted after taking it out.

        Returns:
            (old parent id, old index) for the inverse move.
        """
        src_parent, src_row = self._parent_and_row(node_id)
        self._raw_move(node_id, parent_id, index)  # dry run: validates, gives the real row
        _p, dst_row = self._parent_and_row(node_id)
        self._raw_move(node_id, src_parent, src_row)
        # Qt counts the destination before the row is taken out.
        qt_row = dst_row + 1 if src_parent == parent_id and dst_row > src_row else dst_row
        for listener in self._listeners:
            listener.begin_move(src_parent, src_row, parent_id, qt_row)
        self._raw_move(node_id, parent_id, index)
        for listener in self._listeners:
            listener.end_move()
        return src_parent, src_row

    def _raw_insert(self, parent_id: int | None, index: int, node: Node | Goal) -> None:
        if parent_id is None:
            assert isinstance(node, Goal)
            tree.insert_goal(self.form, index, node)
        else:
            assert isinstance(node, (Group, Leaf))
            tree.insert_node(self.form, parent_id, index, node)

    def _raw_remove(self, node_id: int) -> tuple[int | None, int, Node | Goal]:
        if self.is_goal(node_id):
            index, goal = tree.remove_goal(self.form, node_id)
            return None, index, goal
        removed = tree.remove_node(self.form, node_id)
        return removed.parent_id, removed.index, removed.node

    def _raw_move(self, node_id: int, parent_id: int | None, index: int) -> None:
        if parent_id is None:
            tree.move_goal(self.form, node_id, index)
        else:
            tree.move_node(self.form, node_id, parent_id, index)

    # -- lookups ---------------------------------------------------------------------------------

    def is_goal(self, item_id: int) -> bool:
        """Whether the id is a goal's."""
        return any(g.id == item_id for g in self.form.goals)

    def item(self, item_id: int) -> Goal | Node:
        """The goal or node with this id."""
        return tree.item_by_id(self.form, item_id)

    def _parent_and_row(self, item_id: int) -> tuple[int | None, int]:
        for i, goal in enumerate(self.form.goals):
            if goal.id == item_id:
                return None, i
        loc = tree.find(self.form, item_id)
        return loc.parent.id, loc.index

    def _row_of(self, item_id: int) -> int:
        return self._parent_and_row(item_id)[1]

    def parent_and_row(self, item_id: int) -> tuple[int | None, int]:
        """The parent id (None for a goal) and the row of an item."""
        return self._parent_and_row(item_id)

    # -- convenience wrappers (each builds and pushes one command) -------------------------------

    def set_field(self, kind: str, key: tuple[Any, ...], value: Any, text: str,
                  typing: object | None = None) -> None:
        """Push an EditFieldCommand; `typing` merges consecutive edits of one field."""
        from ui.editing.commands import EditFieldCommand
        self.push(EditFieldCommand(self, kind, key, value, text, typing))

    def set_node_field(self, node_id: int, field: str, value: Any, typing: object | None = None) -> None:
        """Set a field of a node (or a goal's title/expected/achieved)."""
        self.set_field("node", (node_id, field), value, "修改指标", typing)

    def set_header(self, key: str, value: str, typing: object | None = None) -> None:
        """Set a header field ('' removes it)."""
        self.set_field("header", (key,), value, "修改表头", typing)

    def set_funds_cell(self, row: int, field: str, value: Any, typing: object | None = None) -> None:
        """Set one cell of the funds block."""
        self.set_field("funds_cell", (row, field), value, "修改资金", typing)

    def set_funds_field(self, field: str, value: Any) -> None:
        """Set the funds block's weight or manual score."""
        self.set_field("funds", (field,), value, "修改资金")

    def set_form_field(self, field: str, value: Any) -> None:
        """Set title, year, money_unit or rules."""
        self.set_field("form", (field,), value, "修改表格属性")

    def set_plan_percent(self, index: int, value: float | None) -> None:
        """Set a 资金支出计划 checkpoint."""
        self.set_field("plan", (index,), value, "修改资金支出计划")

    def set_manual_score(self, node_id: int, manual: bool) -> None:
        """Switch a leaf to a typed score (starting from the computed one) or back to computed."""
        score = self.result.node(node_id)
        value: float | None = None
        if manual:
            value = float(score.score) if score is not None and score.score is not None else 0.0
        self.set_field("node", (node_id, "score"), value, "手动填写得分" if manual else "恢复自动计算得分")

    def use_computed_scores(self) -> int:
        """Replace every manual score (e.g. the paper's 得分 after an import) by the computed one, in one
        undo step; returns how many were replaced."""
        from model.tree import leaves

        manual = [leaf for leaf in leaves(self.form) if leaf.score is not None]
        if not manual:
            return 0
        self.undo_stack.beginMacro(f"全部改用计算得分（{len(manual)} 项）")
        for leaf in manual:
            self.set_field("node", (leaf.id, "score"), None, "恢复自动计算得分")
        self.undo_stack.endMacro()
        return len(manual)

    def add_node(self, parent_id: int, index: int | None = None, group: bool = False,
                 name: str = "") -> int:
        """Add a blank leaf (or group) under a goal or group; returns the new id."""
        node: Node = Group(name=name) if group else Leaf(name=name)
        parent = self.item(parent_id)
        at = len(getattr(parent, "children", ())) if index is None else index
        return self.insert_node(parent_id, at, node)

    def insert_node(self, parent_id: int, index: int, node: Node) -> int:
        """Insert a given node (with its subtree); returns its id."""
        from ui.editing.commands import InsertNodeCommand
        self.push(InsertNodeCommand(self, parent_id, index, node))
        return node.id

    def remove_nodes(self, node_ids: list[int]) -> None:
        """Remove several nodes in one undo step (descendants of removed nodes are skipped)."""
        from ui.editing.commands import RemoveNodeCommand
        ids = tree.outermost(self.form, node_ids)
        if not ids:
            return
        self.undo_stack.beginMacro(f"删除 {len(ids)} 行" if len(ids) > 1 else "删除指标")
        for node_id in ids:
            self.push(RemoveNodeCommand(self, node_id))
        self.undo_stack.endMacro()

    def move_node(self, node_id: int, parent_id: int | None, index: int, text: str = "移动指标") -> None:
        """Move a node (or a goal, parent None) to a position."""
        from ui.editing.commands import MoveNodeCommand
        self.push(MoveNodeCommand(self, node_id, parent_id, index, text))

    def move_up(self, node_id: int) -> None:
        """Swap a row with the one above it (same parent)."""
        parent_id, row = self._parent_and_row(node_id)
        if row == 0:
            self.error.emit("已经是第一行，无法上移")
            return
        self.move_node(node_id, parent_id, row - 1, "上移")

    def move_down(self, node_id: int) -> None:
        """Swap a row with the one below it (same parent)."""
        parent_id, row = self._parent_and_row(node_id)
        siblings = self.form.goals if parent_id is None else tree.parent_by_id(self.form, parent_id)[0].children
        if row >= len(siblings) - 1:
            self.error.emit("已经是最后一行，无法下移")
            return
        self.move_node(node_id, parent_id, row + 1, "下移")

    def indent(self, node_id: int) -> None:
        """Make a row the last child of the group above it (降级)."""
        self._move_to(node_id, tree.indent_place, "降级")

    def outdent(self, node_id: int) -> None:
        """Make a row the next sibling of its parent group (升级)."""
        self._move_to(node_id, tree.outdent_place, "升级")

    def _move_to(self, node_id: int, place: Callable[[Form, int], tuple[int, int]], text: str) -> None:
        try:
            parent_id, index = place(self.form, node_id)
        except JixiaoError as exc:
            self.error.emit(str(exc))
            return
        self.move_node(node_id, parent_id, index, text)

    def add_goal(self, title: str = "", index: int | None = None) -> int:
        """Add an empty goal block; returns its id."""
        from ui.editing.commands import InsertNodeCommand
        goal = Goal(title=title or f"目标{len(self.form.goals) + 1}")
        at = len(self.form.goals) if index is None else index
        self.push(InsertNodeCommand(self, None, at, goal, "添加目标"))
        return goal.id

    def remove_goal(self, goal_id: int) -> None:
        """Remove a goal with its indicators."""
        from ui.editing.commands import RemoveNodeCommand
        self.push(RemoveNodeCommand(self, goal_id, "删除目标"))

    def move_goal(self, goal_id: int, index: int) -> None:
        """Move a goal block to a position."""
        self.move_node(goal_id, None, index, "移动目标")

    def rename_goal(self, goal_id: int, title: str) -> None:
        """Rename a goal block."""
        self.set_field("node", (goal_id, "title"), title, "重命名目标")

    def paste_rows(self, parent_id: int, index: int, rows: list[PastedRow]) -> list[int]:
        """Insert pasted rows as leaves in one undo step; returns the new leaf ids (ui/editing/paste.py)."""
        from ui.editing.paste import paste_rows
        return paste_rows(self, parent_id, index, rows)

    def drop_nodes(self, node_ids: list[int], parent_id: int | None, row: int) -> bool:
        """Move dragged rows under `parent_id` (None: goals at the top) in one undo step.

        `row` counts as Qt does, before the rows are taken out (-1: at the end). A drop that would
        break the three levels, or put rows into a leaf, changes nothing and says why; returns
        whether anything moved.
        """
        ids = self.outermost(node_ids)
        try:
            tree.check_drop(self.form, ids, parent_id)
        except JixiaoError as exc:
            self.error.emit(str(exc))
            return False
        siblings = self.form.goals if parent_id is None else tree.parent_by_id(self.form, parent_id)[0].children
        # Each row goes just before the first sibling at the drop point that is not itself dragged,
        # so rows taken out above that point do not shift where the others land.
        anchor = next((s.id for s in siblings[max(row, 0):] if s.id not in ids), None) if row >= 0 else None
        self.undo_stack.beginMacro("拖动移动指标" if len(ids) == 1 else f"拖动移动 {len(ids)} 行")
        for node_id in ids:
            parent_now, row_now = self._parent_and_row(node_id)
            if anchor is None:
                at = len(siblings) - (1 if parent_now == parent_id else 0)
            else:
                at = self._row_of(anchor) - (1 if parent_now == parent_id and row_now < self._row_of(anchor) else 0)
            self.move_node(node_id, parent_id, at, "拖动移动指标")
        self.undo_stack.endMacro()
        return bool(ids)

    def outermost(self, node_ids: list[int]) -> list[int]:
        """The ids not under another of them (a group's selected children travel with it)."""
        return tree.outermost(self.form, node_ids)

    def insert_copies(self, parent_id: int, index: int, nodes: list[Node]) -> list[int]:
        """Insert copied subtrees (fresh ids) under a goal or group in one undo step.

        Refuses the whole paste, changing nothing, when one subtree would go past three levels.
        """
        try:
            _parent, depth = tree.parent_by_id(self.form, parent_id)
            for node in nodes:
                if tree.too_deep(node, depth):
                    raise JixiaoError(f"粘贴的“{node.name or '（未命名）'}”放到这里会超过三级指标；"
                                      "请选中更上一级的行后再粘贴")
        except JixiaoError as exc:
            self.error.emit(str(exc))
            return []
        self.undo_stack.beginMacro("粘贴分组" if len(nodes) == 1 else f"粘贴 {len(nodes)} 个分组")
        ids = [self.insert_node(parent_id, index + offset, node) for offset, node in enumerate(nodes)]
        self.undo_stack.endMacro()
        return ids

    # -- editors of the non-tree parts (plan, basic data, leaf detail); each pushes one command --

    def set_data_cell(self, section: int, row: int, column: int, value: Any) -> None:
        """Set one number of a 基础数据表 table."""
        self.set_field("data_cell", (section, row, column), value, "修改基础数据")

    def set_section_text(self, section: int, text: str | None, typing: object | None = None) -> None:
        """Set the text of a free-text 基础数据表 section (typing merges)."""
        self.set_field("section_text", (section,), text, "修改基础数据说明", typing)

    def set_checklist_item(self, leaf_id: int, index: int, field: str, value: Any,
                           typing: object | None = None) -> None:
        """Set text, share, gate or met of one 评价要点 of a leaf."""
        self.set_field("checklist_item", (leaf_id, index, field), value, "修改评价要点", typing)

    def set_survey_count(self, leaf_id: int, level: str, count: int | None) -> None:
        """Set how many answers chose a satisfaction level (None clears it)."""
        self.set_field("survey", (leaf_id, level), count, "修改问卷统计")

    def set_checklist(self, leaf_id: int, items: list[ChecklistItem] | None, text: str) -> None:
        """Replace a leaf's checklist (adding or removing an item) with a new list, as one command.

        The old list object stays with the command, so undo puts exactly it back.
        """
        self.set_field("node", (leaf_id, "checklist"), items, text)


def _empty_result() -> Result:
    return Result(profile="", total=None, max=None, grade=None, funds=None, nodes=(), groups=(), findings=())
