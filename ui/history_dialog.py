"""历史版本 and 已删除的表格: list the revisions kept in the database and pick one to put back.

The dialogs only choose (`chosen` holds a history entry id); the main window restores it, so the
open session is closed and reloaded around the write. 历史版本 also compares any two revisions field
by field (model/form_diff.py) and lists the signings and unlocks with their reasons.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
                               QLabel, QPlainTextEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from model.codec import loads_form
from model.errors import JixiaoError
from model.form import Form
from model.form_diff import diff
from model.store import DELETED, HistoryEntry, Store
from ui.messages import ok_cancel
from ui.tree_items import top_items
from ui.weak import weak_slot

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
# History reasons written by the program, in words the user knows; others (imports) are shown as stored.
REASON_TEXT = {DELETED: "删除前的最后一版", "imported": "导入时被替换"}


def reason_text(reason: str) -> str:
    """The history reason as the dialogs show it."""
    return REASON_TEXT.get(reason, reason)


def saved_at_text(saved_at: str) -> str:
    """An ISO timestamp as `2024-03-01 09:00`."""
    return saved_at.replace("T", " ")[:16]


class _EntryDialog(QDialog):
    """A list of history entries with one button that picks the selected one."""

    def __init__(self, title: str, intro: str, columns: list[str], ok_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.chosen: int | None = None
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(columns)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setStretchLastSection(True)
        self.list.itemDoubleClicked.connect(weak_slot(self.accept))
        self.buttons = ok_cancel(self, ok_text)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.resize(620, 360)

    def _add(self, entry: HistoryEntry, texts: list[str]) -> None:
        item = QTreeWidgetItem(texts)
        item.setData(0, ENTRY_ROLE, entry.id)
        self.list.addTopLevelItem(item)

    def _finish(self, empty_text: str) -> None:
        if self.list.topLevelItemCount() == 0:
            self.intro.setText(empty_text)
            self.ok_button.setEnabled(False)
        else:
            self.list.setCurrentItem(top_items(self.list)[0])

    def entry_ids(self) -> list[int]:
        """The listed entry ids, top to bottom (newest first)."""
        return [int(item.data(0, ENTRY_ROLE)) for item in top_items(self.list)]

    def choose(self, entry_id: int) -> None:
        """Select the row of an entry (tests, and keyboard users through the list)."""
        row = self.entry_ids().index(entry_id)
        self.list.setCurrentItem(top_items(self.list)[row])

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen = int(item.data(0, ENTRY_ROLE))
        super().accept()


CURRENT = -1  # the compare boxes' key of the current revision


class HistoryDialog(_EntryDialog):
    """文件 → 历史版本…: the open form's kept revisions; 恢复此版本 picks one; 比较 shows what changed
    between any two of them (the current one included) and the sign-off record below."""

    def __init__(self, store: Store, form_id: str, parent: QWidget | None = None) -> None:
        current = store.revision(form_id)
        super().__init__("历史版本", f"当前是第 {current} 版。下面是数据库保留的早先版本（签字、解锁、导入交换包替换、"
                         "恢复时自动保留）。恢复后，所选版本成为新的一版，当前版本也会保留在这里，可以再恢复回来。",
                         ["版本", "保留时间", "原因"], "恢复此版本", parent)
        self.store, self.form_id = store, form_id
        self._forms: dict[int, Form | None] = {}
        self.older, self.newer = QComboBox(self), QComboBox(self)
        for box in (self.older, self.newer):
            box.addItem(f"当前（第 {current} 版）", CURRENT)
        entries = store.history_entries(form_id)
        for entry in entries:
            self._add(entry, [f"第 {entry.revision} 版", saved_at_text(entry.saved_at), reason_text(entry.reason)])
            for box in (self.older, self.newer):
                box.addItem(f"第 {entry.revision} 版（{saved_at_text(entry.saved_at)}，{reason_text(entry.reason)}）",
                            entry.id)
        self.changes = QPlainTextEdit(self)
        self.changes.setReadOnly(True)
        self.signing = QPlainTextEdit(self)
        self.signing.setReadOnly(True)
        self.signing.setFixedHeight(80)
        row = QHBoxLayout()
        row.addWidget(QLabel("比较", self))
        row.addWidget(self.older, 1)
        row.addWidget(QLabel("→", self))
        row.addWidget(self.newer, 1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        at = layout.indexOf(self.buttons)
        layout.insertLayout(at, row)
        widgets: list[QWidget] = [self.changes, QLabel("签字记录", self), self.signing]
        for offset, widget in enumerate(widgets, start=1):
            layout.insertWidget(at + offset, widget)
        self.older.currentIndexChanged.connect(weak_slot(self._compare))
        self.newer.currentIndexChanged.connect(weak_slot(self._compare))
        self.list.currentItemChanged.connect(weak_slot(self._pick, take=1))
        self._finish("这张表格还没有早先的版本。日常修改会直接保存为当前版本；签字、解锁、导入交换包替换它、"
                     "或恢复历史版本时，被替换的一版会保留在这里。")
        self._show_signing()
        self._compare()
        self.resize(760, 620)

    def _form(self, key: int) -> Form | None:
        """The revision behind a compare key (the current form, or a history entry); None if unreadable."""
        if key not in self._forms:
            try:
                self._forms[key] = (self.store.load(self.form_id) if key == CURRENT else
                                    loads_form(self.store.history_body(key), f"表格 {self.form_id} 的早先版本"))
            except JixiaoError:
                self._forms[key] = None
        return self._forms[key]

    def _pick(self, item: QTreeWidgetItem | None) -> None:
        """Selecting a revision in the list compares it with the current one."""
        if item is not None:
            self.older.setCurrentIndex(self.older.findData(int(item.data(0, ENTRY_ROLE))))
            self.newer.setCurrentIndex(0)

    def compare(self, older: int, newer: int = CURRENT) -> str:
        """Choose two revisions (entry ids, or CURRENT) and return the text shown (tests)."""
        self.older.setCurrentIndex(self.older.findData(older))
        self.newer.setCurrentIndex(self.newer.findData(newer))
        return self.changes.toPlainText()

    def _compare(self) -> None:
        old, new = self._form(int(self.older.currentData())), self._form(int(self.newer.currentData()))
        if old is None or new is None:
            self.changes.setPlainText("所选版本无法读取，不能比较。")
            return
        found = diff(old, new)
        head = f"{self.older.currentText()} → {self.newer.currentText()}："
        self.changes.setPlainText(head + ("\n" + "\n".join(c.text() for c in found) if found
                                          else "内容相同（签字记录以外没有改动）。"))

    def _show_signing(self) -> None:
        from ui.signoff_view import history_lines

        form = self._form(CURRENT)
        lines = history_lines(form) if form is not None else []
        self.signing.setPlainText("\n".join(lines) or "这张表格还没有人签字。")


class DeletedFormsDialog(_EntryDialog):
    """文件 → 已删除的表格…: forms deleted and not stored now; 恢复 brings one back to the list."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__("已删除的表格", "下面是已删除的表格（保留了删除前的最后一版）。选中一张并点“恢复”，它会回到左侧列表。",
                         ["表格", "单位", "年度", "删除时间"], "恢复", parent)
        for entry in store.deleted_forms():
            self._add(entry, [*_describe(store, entry), saved_at_text(entry.saved_at)])
        self._finish("没有已删除的表格。")


def _describe(store: Store, entry: HistoryEntry) -> list[str]:
    """(title, unit, year) from the kept body; a body this program cannot read still lists, by id."""
    try:
        form = loads_form(store.history_body(entry.id), f"已删除的表格 {entry.form_id}")
    except JixiaoError:
        return [f"（无法读取的表格 {entry.form_id}）", "", ""]
    title = form.header.get("project_name") or form.display_title
    return [title, form.unit, str(form.year)]
