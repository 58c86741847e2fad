"""TypingTextEdit: a multi-line box whose keystrokes merge into one undo step per visit.

The box owns the typing token (see EditFieldCommand): it changes when the box loses focus, so the
next visit starts a new undo step. `set_text` shows a value without reporting it as an edit.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class TypingTextEdit(QPlainTextEdit):
    """Emits `edited(text)` for the user's changes only; `typing` is the current step's token."""

    edited = Signal(str)

    def __init__(self, parent: QWidget | None = None, height: int = 56) -> None:
        super().__init__(parent)
        self.typing: object = object()
        self._setting = False
        self.setTabChangesFocus(True)
        self.setFixedHeight(height)
        self.textChanged.connect(self._changed)

    def set_text(self, text: str) -> None:
        """Show a value (from the form) without emitting `edited`; an unchanged text keeps the cursor."""
        if self.toPlainText() != text:
            self._setting = True
            self.setPlainText(text)
            self._setting = False

    def _changed(self) -> None:
        if not self._setting:
            self.edited.emit(self.toPlainText())

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.typing = object()
        super().focusOutEvent(event)
