"""FundsEditor: the 项目资金 block as a small table (年初/全年/执行, 说明), with 执行率 and 得分 live.

Typed amounts and notes go through the session (one command per cell); the rate and score come
from the session's Result, never from arithmetic here. Keys as in the tree: Enter commits and moves
down a row, Tab / Shift+Tab move across to the next cell that can be typed into.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QApplication, QHeaderView, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from model.form import FundsRow
from ui.editing.columns import format_number, parse_number
from ui.editing.session import FormSession

FIELDS = ("initial", "annual", "executed")
HEADINGS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "说明（差异原因）")
NOTE_COLUMN = 6
NOTE_TIP = ("产生差异的原因 / 说明：执行率不是 100% 时，写明资金未支出（或超支）的原因和改进措施。"
            "也可以写在“实际完成情况”中。")
STANDARD_ROWS = ("年度资金总额", "当年财政拨款", "上年结转资金", "其他资金")
_READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
# A 项目绩效目标表 declares one amount per row (its printout has no 年初/执行数, rate, score or note).
TARGET_KINDS = ("project_target",)
TARGET_COLUMN = 1


class FundsTable(QTableWidget):
    """A QTableWidget with the tree's spreadsheet keys; Tab past the last cell leaves the table."""

    leave = Signal(int)  # 1: Tab past the last cell, -1: Shift+Tab before the first

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self.move_down()
            return
        step = {Qt.Key.Key_Tab: 1, Qt.Key.Key_Backtab: -1}.get(Qt.Key(event.key()))
        if step is not None and self._at_edge(step):
            # Tab never left the table (keyboard users were stuck in it): past the edge it goes on.
            self.leave.emit(step)
            return
        super().keyPressEvent(event)

    def commit_open_editor(self) -> None:
        """Confirm the cell being typed (the keyboard went elsewhere)."""
        if self.state() == self.State.EditingState:
            editor = self.indexWidget(self.currentIndex())
            if editor is not None:
                self.commitData(editor)
                super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _at_edge(self, step: int) -> bool:
        action = QAbstractItemView.CursorAction.MoveNext if step > 0 else QAbstractItemView.CursorAction.MovePrevious
        return self.moveCursor(action, Qt.KeyboardModifier.NoModifier) == self.currentIndex()

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # Enter in an editor confirms and moves down, as in a spreadsheet.
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.move_down()
            return
        steps = {QAbstractItemDelegate.EndEditHint.EditNextItem: 1,
                 QAbstractItemDelegate.EndEditHint.EditPreviousItem: -1}
        if hint in steps and self._at_edge(steps[hint]):
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.leave.emit(steps[hint])
            return
        super().closeEditor(editor, hint)

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        # Tab / Shift+Tab skip the computed cells (分值, 执行率, 得分 and the dashes).
        step = {QAbstractItemView.CursorAction.MoveNext: 1,
                QAbstractItemView.CursorAction.MovePrevious: -1}.get(action)
        current = self.currentIndex()
        if step is None or not current.isValid():
            return super().moveCursor(action, modifiers)
        columns = self.columnCount()
        position = current.row() * columns + current.column()
        for _ in range(self.rowCount() * columns):
            position += step
            if not 0 <= position < self.rowCount() * columns:
                break
            item = self.item(position // columns, position % columns)
            if (item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable
                    and not self.isColumnHidden(position % columns)):
                return self.model().index(position // columns, position % columns)
        return current

    def move_down(self) -> None:
        """Go to the same column one row down (stay on the last row)."""
        row, column = self.currentRow(), self.currentColumn()
        if 0 <= row < self.rowCount() - 1:
            self.setCurrentCell(row + 1, column)


class FundsEditor(QWidget):
    """The money block of one session."""

    def __init__(self, session: FormSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.table = FundsTable(self)
        self.table.setColumnCount(len(HEADINGS))
        self.table.setHorizontalHeaderLabels(list(HEADINGS))
        self._heading(NOTE_COLUMN).setToolTip(NOTE_TIP)
        header = self.table.horizontalHeader()
        # Every column shares the width (from 1024 to 1920 pixels): a sideways scroll bar took the
        # height of a row and hid 其他资金.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        header.setStretchLastSection(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._label_columns()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self._filling = False
        self.table.itemChanged.connect(self._edited)
        # A click elsewhere (the indicator tree) left a typed amount in its open cell, never saved
        # (seen under X11 in the walk-through): any focus move out of the table confirms the cell.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        session.changed.connect(self.refresh)
        self.refresh()

    def _heading(self, column: int) -> QTableWidgetItem:
        item = self.table.horizontalHeaderItem(column)
        assert item is not None  # set by setHorizontalHeaderLabels for every column
        return item

    def _label_columns(self) -> None:
        """Name the money unit on the headings; a target form shows only its one amount column."""
        form = self.session.form
        unit = form.currency
        for column in range(len(FIELDS)):
            self._heading(column).setToolTip(f"{HEADINGS[column]}，单位：{unit}")
        if form.kind not in TARGET_KINDS:
            return
        self._heading(TARGET_COLUMN).setText(f"年度金额（{unit}）")
        for column in range(self.table.columnCount()):
            self.table.setColumnHidden(column, column != TARGET_COLUMN)
        self.table.horizontalHeader().setSectionResizeMode(TARGET_COLUMN, QHeaderView.ResizeMode.Stretch)

    def _rows(self) -> list[FundsRow]:
        funds = self.session.form.funds
        return funds.rows if funds is not None and funds.rows else [FundsRow(n) for n in STANDARD_ROWS]

    def refresh(self) -> None:
        """Show the form's amounts and notes and the latest rate and score."""
        self._filling = True
        rows = self._rows()
        self.table.setRowCount(len(rows))
        self.table.setVerticalHeaderLabels([r.name for r in rows])
        funds = self.session.form.funds
        result = self.session.result.funds
        for r, row in enumerate(rows):
            for c, field in enumerate(FIELDS):
                self._put(r, c, format_number(getattr(row, field)), editable=True)
            if r == 0:
                weight = format_number(funds.weight) if funds is not None else ""
                rate = f"{result.rate * 100:.2f}%" if result and result.rate is not None else ""
                score = f"{result.score:.2f}" if result and result.score is not None else ""
                self._put(r, 3, weight, editable=False)
                self._put(r, 4, rate, editable=False, tip=result.explanation if result else "")
                self._put(r, 5, score, editable=False, tip=result.explanation if result else "")
            else:
                for c in (3, 4, 5):
                    self._put(r, c, "—" if c != 4 else "", editable=False)
            note = row.note or ""
            self._put(r, NOTE_COLUMN, note, editable=True, tip=note or NOTE_TIP, align=Qt.AlignmentFlag.AlignLeft)
        self._filling = False
        header = self.table.horizontalHeader()
        height = max(header.height(), header.sizeHint().height()) + sum(self.table.rowHeight(r) for r in range(len(rows)))
        self.table.setFixedHeight(height + 2 * self.table.frameWidth() + 2)

    def _put(self, row: int, column: int, text: str, editable: bool, tip: str = "",
             align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignRight) -> None:
        item = self.table.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            self.table.setItem(row, column, item)
        item.setText(text)
        item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        item.setFlags(_READ_ONLY | Qt.ItemFlag.ItemIsEditable if editable else _READ_ONLY)
        item.setToolTip(tip)

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        if item.column() == NOTE_COLUMN:
            text = item.text().strip()
            if text != (self._rows()[item.row()].note or ""):
                self.session.set_funds_cell(item.row(), "note", text or None)
            return
        if item.column() >= len(FIELDS):
            return
        row_name = self._rows()[item.row()].name
        try:
            value = parse_number(item.text(), f"“{row_name}”的{HEADINGS[item.column()]}")
        except ValueError as exc:
            self.session.report_error(str(exc))
            self.refresh()
            return
        self.session.set_funds_cell(item.row(), FIELDS[item.column()], value)

    def enter(self) -> None:
        """Keyboard arrival from the goal texts: the first cell that can be typed into."""
        self.table.setFocus(Qt.FocusReason.TabFocusReason)
        first = next(((r, c) for r in range(self.table.rowCount()) for c in range(self.table.columnCount())
                      if not self.table.isColumnHidden(c) and _editable(self.table.item(r, c))), (0, 0))
        self.table.setCurrentCell(*first)

    def select_cell(self, path: tuple[str, ...], field: str | None) -> None:
        """Select the cell a finding is about (path ["funds", row name], field annual/executed/note…)."""
        names = [r.name for r in self._rows()]
        row = names.index(path[1]) if len(path) > 1 and path[1] in names else 0
        column = NOTE_COLUMN if field == "note" else FIELDS.index(field) if field in FIELDS else 4
        self.table.setCurrentCell(row, column)
        self.table.setFocus()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new is not self.table and not self.table.isAncestorOf(new):
            self.table.commit_open_editor()

    def detach(self) -> None:
        """Stop following the session."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)
        self.session.changed.disconnect(self.refresh)


def _editable(item: QTableWidgetItem | None) -> bool:
    return item is not None and bool(item.flags() & Qt.ItemFlag.ItemIsEditable)
