"""Item delegates of the indicator tree, one per editor kind, assigned per column by the view.

Editors only hand text (or a rule/tier choice string) to the model; the model turns it into a
command. Enter commits; in the multi-line editor Alt+Enter or Shift+Enter starts a new line.
"""
from __future__ import annotations

import weakref
from functools import partial

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QComboBox, QCompleter, QLineEdit, QPlainTextEdit, QStyledItemDelegate,
                               QStyleOptionViewItem, QWidget)

from model.form import TIERS, Leaf
from model.library import Entry, all_entries
from ui.editing.library_apply import apply_entry
from ui.library_completer import LibraryCompleter
from ui.editing.columns import RULE_CHOICES, STANDARD_NAMES
from ui.tree_model import LEVEL_ROLE, IndicatorTreeModel

Index = QModelIndex | QPersistentModelIndex


class TextDelegate(QStyledItemDelegate):
    """One-line text (年度指标值, 实际完成值, …) edited in a line edit."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        if editor.text() != str(index.data(Qt.ItemDataRole.EditRole) or ""):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class NameDelegate(TextDelegate):
    """Indicator names: the standard 一级/二级 names as completions, the indicator library on a 三级 row.

    An entry chosen from the library is applied (name, target, explanation, category) as one undo
    step when the cell is committed, by Enter or by the click on the entry.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._chosen: dict[int, Entry] = {}

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = super().createEditor(parent, option, index)
        model = index.model()
        item = model.item(index) if isinstance(model, IndicatorTreeModel) else None
        if isinstance(item, Leaf) and isinstance(model, IndicatorTreeModel) and isinstance(editor, QLineEdit):
            entries = all_entries(model.session.store.db)
            LibraryCompleter(entries, editor, partial(self._remember, weakref.ref(editor)))
            return editor
        names = STANDARD_NAMES.get(int(index.data(LEVEL_ROLE) or 0), ())
        if names:
            completer = QCompleter(list(names), editor)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            assert isinstance(editor, QLineEdit)
            editor.setCompleter(completer)
        return editor


    def _remember(self, editor_ref: weakref.ref[QLineEdit], entry: Entry) -> None:
        editor = editor_ref()
        if editor is None:
            return
        self._chosen[id(editor)] = entry
        # A click on the popup commits at once; after Enter the editor has committed already.
        QTimer.singleShot(0, partial(self._commit_chosen, editor_ref))

    def _commit_chosen(self, editor_ref: weakref.ref[QLineEdit]) -> None:
        editor = editor_ref()
        if editor is not None and shiboken6.isValid(editor) and id(editor) in self._chosen:
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.SubmitModelCache)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        entry = self._chosen.pop(id(editor), None)
        item = model.item(index) if isinstance(model, IndicatorTreeModel) else None
        if (entry is not None and isinstance(editor, QLineEdit) and editor.text() == entry.name
                and isinstance(model, IndicatorTreeModel) and isinstance(item, Leaf)):
            apply_entry(model.session, item.id, entry)
            # The row may have moved to its category: the cursor follows it to the cell typed next.
            select = getattr(self.parent(), "select_cell", None)
            if callable(select):
                QTimer.singleShot(0, partial(select, item.id, "target"))
            return
        super().setModelData(editor, model, index)


class NumberDelegate(TextDelegate):
    """分值 and manual 得分: typed as text so "１０" and clearing work; the model checks the number."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = super().createEditor(parent, option, index)
        assert isinstance(editor, QLineEdit)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        editor.setPlaceholderText("数字")
        return editor


class MultilineDelegate(QStyledItemDelegate):
    """Long text (偏差原因分析及改进措施, 评价过程…) in a plain-text editor taller than the row."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        editor.setToolTip("Enter 确认；Alt+Enter 换行")
        editor.installEventFilter(self)
        return editor

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        rect = option.rect
        rect.setHeight(max(rect.height() * 4, 80))
        editor.setGeometry(rect)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        # All selected, as Qt does in a one-line cell: typing replaces the old text (it was appended
        # to it when Tab or a keystroke opened the cell); an arrow key keeps it and goes to the edge.
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        if editor.toPlainText() != str(index.data(Qt.ItemDataRole.EditRole) or ""):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if isinstance(editor, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                mods = event.modifiers()
                if mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier):
                    editor.insertPlainText("\n")
                    return True
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.SubmitModelCache)
                return True
            # Qt leaves Tab to a text edit, which (tabChangesFocus) moved the focus out of the tree to
            # the next widget; here Tab / Shift+Tab go on to the next / previous cell as elsewhere.
            hints: dict[int, QStyledItemDelegate.EndEditHint] = {Qt.Key.Key_Tab: QStyledItemDelegate.EndEditHint.EditNextItem,
                     Qt.Key.Key_Backtab: QStyledItemDelegate.EndEditHint.EditPreviousItem}
            if event.key() in hints and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, hints[event.key()])
                return True
        return super().eventFilter(editor, event)


class RuleDelegate(QStyledItemDelegate):
    """评分方式: the tier of a qualitative leaf, or a rule that overrides the profile's choice."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        model = index.model()
        item = model.item(index) if isinstance(model, IndicatorTreeModel) else None
        if isinstance(item, Leaf):
            rule = (item.rule or {}).get("type") if item.rule else None
            node = model.session.result.node(item.id) if isinstance(model, IndicatorTreeModel) else None
            if (rule or (node.rule if node else None)) == "qualitative":
                for tier in TIERS:
                    combo.addItem(f"档次：{tier}", f"tier:{tier}")
                combo.addItem("档次：未选", "tier:")
                combo.insertSeparator(combo.count())
        for label, value in RULE_CHOICES:
            combo.addItem(f"规则：{label}", f"rule:{value or ''}")
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model = index.model()
        item = model.item(index) if isinstance(model, IndicatorTreeModel) else None
        if isinstance(item, Leaf):
            wanted = f"tier:{item.tier}" if item.tier else f"rule:{(item.rule or {}).get('type', '')}"
            found = editor.findData(wanted)
            editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
