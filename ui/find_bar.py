"""Ctrl+F in the form editor: find an indicator by name (Enter: next match, Esc: close).

Matching is model.tree.find_nodes; this bar only selects the matches' rows in the tree.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from model.tree import find_nodes
from ui.tree_view import IndicatorTreeView


class FindBar(QWidget):
    """A one-line search over the indicator names of the tree's form (hidden until Ctrl+F)."""

    def __init__(self, tree: IndicatorTreeView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = tree
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("查找指标：输入名称中的字词，回车到下一个，Esc 关闭")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel(self)
        close = QPushButton("关闭", self)
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("查找", self))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(close)
        self._matches: list[int] = []
        self._at = -1
        self.edit.textChanged.connect(self._search)
        self.edit.returnPressed.connect(self.next_match)
        self.edit.installEventFilter(self)
        self.hide()

    def open_bar(self) -> None:
        """Show the bar with the cursor in it (the last words selected)."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        """Hide the bar; the keyboard goes back to the tree, on the row found."""
        self.hide()
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _search(self, text: str) -> None:
        self._matches = find_nodes(self.tree.session.form, text)
        self._at = -1
        self.next_match()

    def next_match(self) -> None:
        """Select the next matching row (wrapping round)."""
        if not self._matches:
            self.count.setText("没有找到" if self.edit.text().strip() else "")
            return
        self._at = (self._at + 1) % len(self._matches)
        self.tree.select_cell(self._matches[self._at])
        self.count.setText(f"第 {self._at + 1} / {len(self._matches)} 个")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape):
            self.close_bar()
            return True
        return False
