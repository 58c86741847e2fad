"""IndicatorTreeView: the indicator tree edited like a spreadsheet.

Keys: arrows move, Enter confirms and moves down, Tab moves right, F2 or typing edits, Del clears;
Ctrl+C/Ctrl+V copy and paste cells or rows (tab-separated, as Excel/WPS use); Insert adds a row,
Ctrl+Delete deletes rows, Alt+↑/↓ moves, Alt+→/← indents/outdents, Ctrl+G inserts a group, Ctrl+I /
Ctrl+Shift+I add a child row / group, Ctrl+M toggles a manual 得分. The context menu offers the same.
"""
from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QApplication, QLineEdit, QMainWindow, QMenu,
                               QPlainTextEdit, QTreeView, QWidget)

from model.codec import node_from_dict, node_to_dict
from model.errors import JixiaoError
from model.form import Goal, Group, Leaf, Node
from ui.editing.clipboard import format_tsv, parse_tsv, rows_from_table
from ui.editing.columns import Cell
from ui.delegates import MultilineDelegate, NameDelegate, NumberDelegate, RuleDelegate, TextDelegate
from ui.editing.session import FormSession
from ui.tree_model import IndicatorTreeModel

# Copied groups: a JSON list of `jixiao.form/1` indicator objects, pasted as copies with new ids.
SUBTREE_MIME = "application/x-jixiao-subtrees"

_DELEGATES = {Cell.NAME: NameDelegate, Cell.TEXT: TextDelegate, Cell.MULTILINE: MultilineDelegate,
              Cell.NUMBER: NumberDelegate, Cell.SCORE: NumberDelegate, Cell.RULE: RuleDelegate}


class IndicatorTreeView(QTreeView):
    """The tree of one session; all changes go through the session's commands."""

    def __init__(self, session: FormSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._current_moving = False
        self.tree_model = IndicatorTreeModel(session, self)
        self.setModel(self.tree_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)
        self.setAlternatingRowColors(True)
        # Rows are dragged by the mouse; the model turns a drop into one undoable move.
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setUniformRowHeights(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)
        self._delegates = []
        for i, column in enumerate(self.tree_model.columns):
            delegate = _DELEGATES[column.cell](self)
            self._delegates.append(delegate)
            self.setItemDelegateForColumn(i, delegate)
            self.setColumnWidth(i, column.width)
        # Columns follow the view's width (1024 to 1920 pixels) until the user drags one.
        self._fitting = False
        self._user_sized = False
        self.header().setStretchLastSection(False)  # fit_columns shares the width instead
        self.header().sectionResized.connect(self._section_resized)
        self.tree_model.rowsInserted.connect(self._expand_inserted)
        # The keyboard going elsewhere confirms the cell being typed (under X11 the delegate's own
        # focus-out commit did not always run, and a typed value stayed in an open editor).
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.expandAll()
        first = self.tree_model.index(0, 0)
        if first.isValid():
            self.setCurrentIndex(first)

    # -- column widths ---------------------------------------------------------------------------

    def _section_resized(self, _index: int, _old: int, _new: int) -> None:
        if not self._fitting:
            self._user_sized = True

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if not self._user_sized:
            self.fit_columns()

    def fit_columns(self) -> None:
        """Share the view's width among the columns: text columns take what is spare on a wide
        screen (names were cut beside 600 px of empty space), all shrink on a narrow one."""
        columns = self.tree_model.columns
        shown = [i for i in range(len(columns)) if not self.isColumnHidden(i)]
        base = {i: columns[i].width for i in shown}
        avail = self.viewport().width() - 2
        total = sum(base.values())
        if avail <= 0 or not shown:
            return
        if avail >= total:
            wide = [i for i in shown if columns[i].cell in (Cell.NAME, Cell.TEXT, Cell.MULTILINE)]
            share = sum(base[i] for i in wide) or 1
            extra = avail - total
            widths = {i: base[i] + (extra * base[i] // share if i in wide else 0) for i in shown}
        else:
            widths = {i: max(int(base[i] * avail / total), 36) for i in shown}
        self._fitting = True
        try:
            for i, width in widths.items():
                self.setColumnWidth(i, width)
        finally:
            self._fitting = False

    # -- public API for the window ---------------------------------------------------------------

    def select_cell(self, node_id: int, field: str | None = None) -> None:
        """Select the cell of a node that shows `field` (the name cell when none does)."""
        index = self.tree_model.index_of(node_id, self.tree_model.column_of(field))
        if not index.isValid():
            return
        parent = index.parent()
        while parent.isValid():
            self.expand(parent)
            parent = parent.parent()
        self.selectionModel().clearSelection()
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def enter_first_blank(self) -> None:
        """Keyboard arrival from the funds: the first indicator row with no name yet (else the first
        indicator row), in its first cell."""
        first_leaf = QModelIndex()
        row = self.tree_model.index(0, 0)
        while row.isValid():
            item = self.tree_model.item(row)
            if isinstance(item, Leaf):
                if not item.name:
                    first_leaf = row
                    break
                if not first_leaf.isValid():
                    first_leaf = row
            row = self.indexBelow(row)
        self.setFocus(Qt.FocusReason.TabFocusReason)
        if first_leaf.isValid():
            self.selectionModel().clearSelection()
            self.setCurrentIndex(first_leaf)
            self.scrollTo(first_leaf)

    def open_editor_text(self) -> tuple[int, str, str] | None:
        """(node id, field, text) of the cell being typed, or None when no cell editor is open."""
        if self.state() != self.State.EditingState:
            return None
        current = self.currentIndex()
        editor = self.indexWidget(current)
        node_id = self.tree_model.node_id(current)
        if node_id is None or editor is None:
            return None
        if isinstance(editor, QLineEdit):
            text = editor.text()
        elif isinstance(editor, QPlainTextEdit):
            text = editor.toPlainText()
        else:
            return None
        return node_id, self.tree_model.columns[current.column()].field, text

    def commit_open_editor(self) -> None:
        """Confirm the cell being typed (the window closes normally)."""
        if self.state() == self.State.EditingState:
            editor = self.indexWidget(self.currentIndex())
            if editor is not None:
                self.commitData(editor)
                super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def put_text(self, node_id: int, field: str, text: str) -> bool:
        """Set a cell from text as if typed and confirmed (a draft given back after a crash)."""
        index = self.tree_model.index_of(node_id, self.tree_model.column_of(field))
        if not index.isValid() or self.tree_model.columns[index.column()].field != field:
            return False
        self.select_cell(node_id, field)
        return self.tree_model.setData(index, text)

    def current_id(self) -> int | None:
        """The id of the current row's goal or node."""
        return self.tree_model.node_id(self.currentIndex())

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if (new is None or new is self or self.isAncestorOf(new)
                or new.window().windowType() == Qt.WindowType.Popup):  # a completer's list
            return
        self.commit_open_editor()

    def detach(self) -> None:
        """Stop following the session (the editor is closing)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)
        self.tree_model.detach()

    # -- keys ------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        alt = mods & Qt.KeyboardModifier.AltModifier
        ctrl = mods & Qt.KeyboardModifier.ControlModifier
        actions: dict[tuple[int, bool, bool], Callable[[], None]] = {
            (Qt.Key.Key_Delete, False, False): self.clear_cells,
            (Qt.Key.Key_Delete, True, False): self.delete_rows,
            (Qt.Key.Key_Insert, False, False): self.insert_row,
            (Qt.Key.Key_Up, False, True): lambda: self._on_current(self.session.move_up),
            (Qt.Key.Key_Down, False, True): lambda: self._on_current(self.session.move_down),
            (Qt.Key.Key_Right, False, True): lambda: self._on_current(self.session.indent),
            (Qt.Key.Key_Left, False, True): lambda: self._on_current(self.session.outdent),
        }
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        # Keys of the context menu's other entries (Shift matters here: Ctrl+I and Ctrl+Shift+I differ).
        more: dict[tuple[int, bool, bool], Callable[[], None]] = {
            (Qt.Key.Key_G, True, False): lambda: self.insert_row(group=True),
            (Qt.Key.Key_I, True, False): self.add_child,
            (Qt.Key.Key_I, True, True): lambda: self.add_child(group=True),
            (Qt.Key.Key_M, True, False): self.toggle_manual_score,
            (Qt.Key.Key_K, True, False): self.add_to_library,
        }
        if not alt and (key, bool(ctrl), shift) in more:
            more[(key, bool(ctrl), shift)]()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self._move_rows(1)
        elif (key, bool(ctrl), bool(alt)) in actions:
            actions[(key, bool(ctrl), bool(alt))]()
        else:
            super().keyPressEvent(event)

    def currentChanged(self, current: QModelIndex | QPersistentModelIndex,
                       previous: QModelIndex | QPersistentModelIndex) -> None:
        # Qt closes an open editor here with SubmitModelCache when the row changes (a click on another
        # row); that is not Enter, so the cursor must stay where the user put it.
        self._current_moving = True
        try:
            super().currentChanged(current, previous)
        finally:
            self._current_moving = False

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # Enter in an editor confirms and moves down, as in a spreadsheet.
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and not self._current_moving:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self._move_rows(1)
            return
        super().closeEditor(editor, hint)

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        # Tab / Shift+Tab go across the row like a spreadsheet (QTreeView goes down a row), skipping
        # cells that cannot be typed into (得分 unless manual, a group's empty cells).
        step = {QAbstractItemView.CursorAction.MoveNext: 1, QAbstractItemView.CursorAction.MovePrevious: -1}.get(action)
        current = self.currentIndex()
        if step is None or not current.isValid():
            return super().moveCursor(action, modifiers)
        return self._next_editable(current, step)

    def _next_editable(self, index: QModelIndex, step: int) -> QModelIndex:
        """The next (step 1) or previous (-1) editable cell in reading order; `index` at the end.

        Other rows count only when they are leaves (a group row met on the way took the next
        keystrokes into Qt's keyboard search, which typed them into another row); 评分方式 is left
        out (a drop-down; the 档次 is chosen in the detail pane).
        """
        columns = self.tree_model.columnCount()
        row, column = index, index.column() + step
        while True:
            while 0 <= column < columns:
                cell = row.siblingAtColumn(column)
                if (not self.isColumnHidden(column) and cell.flags() & Qt.ItemFlag.ItemIsEditable
                        and self.tree_model.columns[column].cell is not Cell.RULE):
                    return cell
                column += step
            row = self._leaf_row(row, step)
            if not row.isValid():
                return index
            column = 0 if step > 0 else columns - 1

    def _leaf_row(self, index: QModelIndex, step: int) -> QModelIndex:
        """The next leaf row below (step 1) or above (-1) an index; invalid when there is none."""
        row = index
        while True:
            row = self.indexBelow(row) if step > 0 else self.indexAbove(row)
            if not row.isValid() or isinstance(self.tree_model.item(row), Leaf):
                return row

    def _move_rows(self, step: int) -> None:
        # Enter goes down to the same cell of the next indicator row (never onto a group row).
        current = self.currentIndex()
        target = self._leaf_row(current, step)
        if target.isValid():
            self.setCurrentIndex(target.siblingAtColumn(current.column()))

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        # Text an input method commits on a closed cell (≥, ％, 中文…) opened the editor with the old
        # text and dropped what was typed: open the cell and hand the text to the editor, as a key does.
        commit = event.commitString()
        if not commit or self.state() == self.State.EditingState:
            super().inputMethodEvent(event)
            return
        current = self.currentIndex()
        if not current.flags() & Qt.ItemFlag.ItemIsEditable:
            self.keyboardSearch(commit)
            return
        if self.edit(current, self.EditTrigger.AnyKeyPressed, event):
            editor = self.indexWidget(current) or self.focusWidget()
            if isinstance(editor, QLineEdit):
                editor.selectAll()  # typing replaces the cell, as a first key does
            if editor is not None and editor is not self:
                QApplication.sendEvent(editor, event)
        event.accept()

    def keyboardSearch(self, search: str) -> None:
        # Qt's keyboard search jumped to another row starting with the typed character, and the
        # rest of the typing overwrote that row's cell: typing on a cell that cannot take it does
        # nothing but say why (Ctrl+F finds an indicator by name).
        if search.strip() and self.currentIndex().isValid():
            self.session.report_error("这一格不能填写（分组行只填名称和分值，得分由程序计算）；"
                                      "请用方向键或 Tab 移到指标行的格子再输入，按 Ctrl+F 可按名称查找指标")

    def _on_current(self, action: Callable[[int], None]) -> None:
        node_id = self.current_id()
        column = self.currentIndex().column()
        if node_id is not None:
            action(node_id)
            self.select_cell(node_id)
            self.setCurrentIndex(self.tree_model.index_of(node_id, column))

    # -- row actions -----------------------------------------------------------------------------

    def insert_row(self, group: bool = False) -> None:
        """Insert a blank row below the current one (or as first child of a goal)."""
        node_id = self._current_or_first_goal()
        item = self.session.item(node_id)
        if isinstance(item, Goal):
            new_id = self.session.add_node(item.id, 0, group)
        else:
            parent_id, row = self.session.parent_and_row(node_id)
            assert parent_id is not None
            new_id = self.session.add_node(parent_id, row + 1, group)
        self.select_cell(new_id)
        self.edit(self.currentIndex())

    def add_child(self, group: bool = False) -> None:
        """Add a blank row as the last child of the current goal or group."""
        node_id = self.current_id()
        if node_id is None or isinstance(self.session.item(node_id), Leaf):
            self.session.report_error("三级指标下不能再添加下级；请选中一个分组或目标")
            return
        new_id = self.session.add_node(node_id, None, group)
        self.select_cell(new_id)
        self.edit(self.currentIndex())

    def selected_ids(self) -> list[int]:
        """Ids of the rows with a selected cell, in display order."""
        rows = {self.tree_model.node_id(i) for i in self.selectionModel().selectedIndexes()}
        rows.discard(None)
        if not rows and self.current_id() is not None:
            rows = {self.current_id()}
        order = self._display_order()
        return sorted((r for r in rows if r is not None), key=lambda r: order.get(r, 0))

    def _display_order(self) -> dict[int, int]:
        order: dict[int, int] = {}
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for row in range(self.tree_model.rowCount(parent) - 1, -1, -1):
                stack.append(self.tree_model.index(row, 0, parent))
            if parent.isValid():
                order[parent.internalPointer().id] = len(order)
        return order

    def delete_rows(self) -> None:
        """Delete the selected rows (goals included) in one undo step."""
        ids = self.selected_ids()
        if not ids:
            return
        goals = [i for i in ids if self.session.is_goal(i)]
        # The cursor goes to the row that takes the deleted rows' place (Qt picked the row above
        # at times, so the next typing overwrote the indicator there).
        after = self._row_after(ids)
        self.session.undo_stack.beginMacro("删除所选行")
        self.session.remove_nodes([i for i in ids if i not in goals])
        for goal_id in goals:
            self.session.remove_goal(goal_id)
        self.session.undo_stack.endMacro()
        if after is not None:
            self.select_cell(after)

    def _row_after(self, ids: list[int]) -> int | None:
        """The id of the first row shown below the last of `ids` that is not inside one of them."""
        row = self.tree_model.index_of(ids[-1])
        while True:
            row = self.indexBelow(row)
            node_id = self.tree_model.node_id(row)
            if node_id is None:
                return None
            if node_id not in ids and not any(self.session.outermost([node_id, i]) == [i] for i in ids):
                return node_id

    def clear_cells(self) -> None:
        """Del: empty every selected editable cell (names stay; 得分 falls back to 0 in manual mode)."""
        indexes = [i for i in self.selectionModel().selectedIndexes()
                   if i.flags() & Qt.ItemFlag.ItemIsEditable and i.column() != 0]
        if not indexes:
            return
        self.session.undo_stack.beginMacro("清除内容")
        for index in indexes:
            self.tree_model.setData(index, "")
        self.session.undo_stack.endMacro()

    def current_item(self) -> Goal | Node | None:
        """The goal or node of the current row, if any."""
        current = self.current_id()
        return None if current is None else self.session.item(current)

    def toggle_manual_score(self) -> None:
        """Switch the current leaf between a computed and a typed 得分."""
        item = self.current_item()
        if isinstance(item, Leaf):
            self.session.set_manual_score(item.id, item.score is None)

    # -- clipboard -------------------------------------------------------------------------------

    def add_to_library(self) -> None:
        """加入指标库: the current row becomes one of the user's own library entries (ui/library_picker.py)."""
        from ui.library_picker import add_row_to_library

        done, message = add_row_to_library(self.session, self.current_item())
        window = self.window()
        if not done:
            self.session.error.emit(message)
        elif isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 10000)

    def copy(self) -> None:
        """Copy the selected cells (rows in display order) as tab-separated text."""
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        order = self._display_order()
        by_row: dict[int, dict[int, str]] = {}
        for index in indexes:
            if index.isValid():
                # The edit text: what a cell holds, without display-only hints such as 待选档次.
                text = index.data(Qt.ItemDataRole.EditRole)
                by_row.setdefault(index.internalPointer().id, {})[index.column()] = str(text or "")
        columns = sorted({c for cells in by_row.values() for c in cells})
        table = [[by_row[r].get(c, "") for c in columns] for r in sorted(by_row, key=lambda r: order.get(r, 0))]
        data = QMimeData()
        data.setText(format_tsv(table))  # Excel/WPS users paste this
        subtrees = self._copied_subtrees(sorted(by_row, key=lambda r: order.get(r, 0)))
        if subtrees:
            data.setData(SUBTREE_MIME, json.dumps(subtrees, ensure_ascii=False).encode("utf-8"))
        QGuiApplication.clipboard().setMimeData(data)

    def _copied_subtrees(self, ids: list[int]) -> list[dict[str, object]]:
        """The selected indicators as node JSON when a group is among them (none otherwise)."""
        nodes = [self.session.item(i) for i in self.session.outermost(ids)]
        if not any(isinstance(n, Group) for n in nodes):
            return []
        return [node_to_dict(n) for n in nodes if isinstance(n, (Group, Leaf))]  # goals are not copied

    def paste(self) -> None:
        """Paste: copied groups become copies; one column fills cells downwards; several columns rows."""
        data = QGuiApplication.clipboard().mimeData()
        if data is not None and data.hasFormat(SUBTREE_MIME):
            self.paste_subtrees(bytes(data.data(SUBTREE_MIME).data()))
            return
        table = parse_tsv(QGuiApplication.clipboard().text())
        if not table:
            return
        if max(len(r) for r in table) == 1:
            self._fill_down([r[0] if r else "" for r in table])
        else:
            self.paste_rows(table)

    def _fill_down(self, values: list[str]) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        targets = [i for i in self.selectionModel().selectedIndexes() if i.column() == current.column()]
        if len(values) == 1 and len(targets) > 1:
            pairs = [(i, values[0]) for i in targets]
        else:
            pairs, index = [], current
            for value in values:
                if not index.isValid():
                    break
                pairs.append((index, value))
                index = self.indexBelow(index).siblingAtColumn(current.column())
        self.session.undo_stack.beginMacro("粘贴")
        for index, value in pairs:
            if index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.tree_model.setData(index, value)
        self.session.undo_stack.endMacro()

    def paste_rows(self, table: list[list[str]]) -> list[int]:
        """Insert pasted rows below the current row (inside it when it is a goal or group)."""
        rows = rows_from_table(table, [c.field for c in self.tree_model.columns])
        if not rows:
            return []
        parent_id, index = self._paste_place((Goal, Group))
        new_ids = self.session.paste_rows(parent_id, index, rows)
        if new_ids:
            self.select_cell(new_ids[0])
        return new_ids

    def paste_subtrees(self, payload: bytes) -> list[int]:
        """Insert copied groups below the current row (as last children when it is a goal)."""
        try:
            docs = json.loads(payload.decode("utf-8"))
            if not isinstance(docs, list):
                raise ValueError("not a list")
            nodes: list[Node] = [node_from_dict(d) for d in docs]
        except (ValueError, JixiaoError) as exc:
            self.session.report_error(f"剪贴板里的分组无法读取（{exc}）；请重新复制后再粘贴")
            return []
        parent_id, index = self._paste_place((Goal,))
        new_ids = self.session.insert_copies(parent_id, index, nodes)
        if new_ids:
            self.select_cell(new_ids[0])
        return new_ids

    def _current_or_first_goal(self) -> int:
        """The current row's id, else the first goal's (a form without goals gets one)."""
        node_id = self.current_id()
        if node_id is None:
            if not self.session.form.goals:
                self.session.add_goal("年度总体目标")
            node_id = self.session.form.goals[0].id
        return node_id

    def _paste_place(self, inside: tuple[type, ...]) -> tuple[int, int]:
        """Where a paste goes: as last children of the current row when it is one of `inside`,
        else just below it."""
        node_id = self._current_or_first_goal()
        item = self.session.item(node_id)
        if isinstance(item, inside):
            return node_id, len(item.children)  # type: ignore[union-attr]
        parent, row = self.session.parent_and_row(node_id)
        assert parent is not None
        return parent, row + 1

    # -- tree upkeep and menu --------------------------------------------------------------------

    def _expand_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        self.expand(parent)
        for row in range(first, last + 1):
            self.expand(self.tree_model.index(row, 0, parent))

    def _show_menu(self, pos: QPoint) -> None:
        self.context_menu().exec(self.viewport().mapToGlobal(pos))

    def context_menu(self) -> QMenu:
        """The right-click menu for the current row (each entry shows its key)."""
        menu = QMenu(self)
        item = self.current_item()
        entries: list[tuple[str, Callable[[], None], str | None]] = [
            ("在下方插入指标", self.insert_row, "Insert"),
            ("在下方插入分组", lambda: self.insert_row(group=True), "Ctrl+G"),
            ("添加下级指标", self.add_child, "Ctrl+I"),
            ("添加下级分组", lambda: self.add_child(group=True), "Ctrl+Shift+I"),
            ("删除所选行", self.delete_rows, "Ctrl+Delete"),
            ("上移", lambda: self._on_current(self.session.move_up), "Alt+Up"),
            ("下移", lambda: self._on_current(self.session.move_down), "Alt+Down"),
            ("降级（成为上一行的下级）", lambda: self._on_current(self.session.indent), "Alt+Right"),
            ("升级", lambda: self._on_current(self.session.outdent), "Alt+Left"),
            ("复制", self.copy, "Ctrl+C"),
            ("粘贴", self.paste, "Ctrl+V"),
        ]
        for text, slot, shortcut in entries:
            action = QAction(text, menu)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            menu.addAction(action)
        if isinstance(item, Leaf):
            menu.addSeparator()
            manual = QAction("手动填写得分", menu)
            manual.setShortcut(QKeySequence("Ctrl+M"))
            manual.setCheckable(True)
            manual.setChecked(item.score is not None)
            manual.triggered.connect(self.toggle_manual_score)
            menu.addAction(manual)
            keep = QAction("加入指标库", menu)
            keep.setShortcut(QKeySequence("Ctrl+K"))
            keep.setStatusTip("把这一行（名称、分类、单位、指标解释）存为本单位的常用指标，以后输入名称时可直接选用")
            keep.triggered.connect(self.add_to_library)
            menu.addAction(keep)
        return menu
