"""Type-ahead from the indicator library in the 三级指标 name cell.

The popup lists the library's best matches for what is typed (ranked by ui/services/library.py,
not Qt's prefix filter) with each one's category, unit and typical target; choosing one fills the
row through ui/editing/library_apply.py when the cell is committed.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from model.library import Entry
from ui.services.library import search

MAX_SHOWN = 12
POPUP_WIDTH = 560
_NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def describe(entry: Entry) -> str:
    """One line of the popup: name, category, unit and typical target."""
    unit = f"，单位 {entry.unit}" if entry.unit else ""
    own = "（本单位）" if entry.own else ""
    return f"{entry.name}{own}　— {entry.category_text}{unit}，如 {entry.target}"


class LibraryCompleter(QCompleter):
    """A completer over library entries for one line edit; `on_chosen` gets the entry picked."""

    def __init__(self, entries: Sequence[Entry], editor: QLineEdit, on_chosen: Callable[[Entry], None]) -> None:
        super().__init__(editor)
        self._entries = list(entries)
        self._shown: list[Entry] = []
        self._on_chosen = on_chosen
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setCompletionRole(_NAME_ROLE)
        # Our own ranking decides what is listed; Qt must not filter it again by prefix.
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setMaxVisibleItems(MAX_SHOWN)
        self.setWidget(editor)
        editor.textEdited.connect(self.show_matches)
        self.activated[QModelIndex].connect(self._activated)  # type: ignore[index]

    @property
    def shown(self) -> list[Entry]:
        """The entries listed in the popup now, best first."""
        return list(self._shown)

    def show_matches(self, text: str) -> None:
        """List the best matches for the typed text; no popup when nothing matches or nothing is typed."""
        self._shown = search(self._entries, text.split(), limit=MAX_SHOWN) if text.strip() else []
        self._model.clear()
        for entry in self._shown:
            item = QStandardItem(describe(entry))
            item.setData(entry.name, _NAME_ROLE)
            item.setToolTip(entry.explanation)
            self._model.appendRow(item)
        editor = self.widget()
        if self._shown and editor is not None:
            # Wider than the name column, so each line shows its category, unit and typical target.
            self.complete(QRect(0, 0, max(editor.width(), POPUP_WIDTH), editor.height()))
        elif (popup := self.popup()) is not None:
            popup.hide()

    def choose(self, row: int) -> None:
        """Pick the match in this row of the popup (what a click or Enter on it does)."""
        entry = self._shown[row]
        editor = self.widget()
        if isinstance(editor, QLineEdit):
            editor.setText(entry.name)
        self._on_chosen(entry)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid() and 0 <= index.row() < len(self._shown):
            self.choose(index.row())
