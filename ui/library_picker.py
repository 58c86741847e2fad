"""指标 → 从指标库添加…: search the indicator library, filter by 一级, tick several, add them at once.

The dialog only chooses; the window inserts the chosen entries under their categories in one undo
step (ui/editing/library_apply.insert_entries).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QVBoxLayout, QWidget)

from model.form import Leaf
from model.library import Entry, LibraryError, add_user_entry, all_entries
from model.tree import is_under
from ui.editing.library_apply import insert_entries
from ui.library_completer import describe
from ui.services.library import entry_from_leaf, search
from ui.weak import weak_slot

if TYPE_CHECKING:
    from ui.editing.session import FormSession

ALL = "全部分类"


class LibraryPicker(QDialog):
    """A searchable, filterable list of library entries with a check box each."""

    def __init__(self, entries: Sequence[Entry], goal_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("从指标库添加指标")
        self.resize(760, 520)
        self._entries = list(entries)
        self._checked: dict[int, Entry] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"勾选要添加到“{goal_title}”的指标（可多选），它们会放到各自的一级/二级指标下面。"))
        bar = QHBoxLayout()
        self.query = QLineEdit()
        self.query.setPlaceholderText("查找：输入指标名称中的字，如 康复、托养、满意度")
        self.query.setClearButtonEnabled(True)
        bar.addWidget(self.query, 1)
        self.category = QComboBox()
        self.category.addItem(ALL)
        for level1 in dict.fromkeys(e.category[0] for e in self._entries):
            self.category.addItem(level1)
        self.category.setToolTip("只列出某个一级指标下的指标")
        bar.addWidget(self.category)
        layout.addLayout(bar)
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        layout.addWidget(self.list, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setMinimumHeight(44)
        layout.addWidget(self.detail)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("添加所选")
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.query.textChanged.connect(weak_slot(self.refresh, take=0))
        self.category.currentIndexChanged.connect(weak_slot(self.refresh, take=0))
        self.list.itemChanged.connect(weak_slot(self._item_changed, take=1))
        self.list.currentItemChanged.connect(weak_slot(self._show_detail, take=1))
        self.refresh()

    def refresh(self) -> None:
        """List the matches of the search words and category; ticks survive a new search."""
        level1 = self.category.currentText()
        found = search(self._entries, self.query.text().split(), "" if level1 == ALL else level1)
        self.list.blockSignals(True)
        self.list.clear()
        for entry in found:
            item = QListWidgetItem(describe(entry))
            item.setData(Qt.ItemDataRole.UserRole, self._entries.index(entry))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = self._entries.index(entry) in self._checked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            item.setToolTip(entry.explanation)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.detail.setText("没有找到匹配的指标。请少写几个字，或把分类改为“全部分类”。")
        self._update_ok()

    def _item_changed(self, item: QListWidgetItem) -> None:
        index = int(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked:
            self._checked[index] = self._entries[index]
        else:
            self._checked.pop(index, None)
        self._update_ok()

    def _show_detail(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        entry = self._entries[int(item.data(Qt.ItemDataRole.UserRole))]
        self.detail.setText(f"指标解释：{entry.explanation}　典型指标值：{entry.target}")

    def _update_ok(self) -> None:
        count = len(self._checked)
        self.ok.setEnabled(count > 0)
        self.ok.setText(f"添加所选（{count} 项）" if count else "添加所选")

    def set_checked(self, names: Sequence[str]) -> None:
        """Tick the listed entries with these names (for keyboard users and tests)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            entry = self._entries[int(item.data(Qt.ItemDataRole.UserRole))]
            if entry.name in names:
                item.setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[Entry]:
        """The ticked entries, in library order."""
        return [self._checked[i] for i in sorted(self._checked)]


def add_from_library(parent: QWidget, session: FormSession | None, current_id: int | None) -> str:
    """指标 → 从指标库添加…: pick entries and insert them into the goal of the current row (or the
    first goal); returns what the status bar says."""
    if session is None:
        return "请先在左侧打开一张表格，再从指标库添加指标。"
    if not session.form.goals:
        return "这张表格没有指标表（如基础数据表），不能添加指标。"
    goal = session.form.goals[0]
    if current_id is not None:
        for candidate in session.form.goals:
            if candidate.id == current_id or is_under(session.form, current_id, candidate.id):
                goal = candidate
    dialog = LibraryPicker(all_entries(session.store.db), goal.title or "目标", parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen():
        return ""
    ids = insert_entries(session, goal.id, dialog.chosen())
    return f"已从指标库添加 {len(ids)} 项指标，请填写年度指标值和分值（Ctrl+Z 可撤销）。" if ids else ""


def add_row_to_library(session: FormSession, item: object) -> tuple[bool, str]:
    """加入指标库 on a row: keep it as one of the user's own entries; (done, what to tell the user)."""
    if not isinstance(item, Leaf):
        return False, "请选中一行三级指标（不是分组或目标），再加入指标库。"
    try:
        entry = entry_from_leaf(session.form, item)
    except LibraryError as exc:
        return False, str(exc)
    new = add_user_entry(session.store.db, entry, session.store.clock().isoformat())
    verb = "已加入指标库" if new else "已更新指标库中的"
    return True, f"{verb}“{entry.name}”（{entry.category_text}）。以后在指标名称格输入时可直接选用。"
