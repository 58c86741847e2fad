"""The checker panel: findings grouped by severity; clicking one asks the editor to select its cell.

Emits `finding_activated(node_id, field, path)`; the form editor maps node_id + field to a cell.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QLabel, QStyledItemDelegate, QStyleOptionViewItem, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from model.places import place_text
from scoring.codes import NOT_FILLED
from scoring.result import SEVERITIES, SEVERITY_LABELS, Finding, Result
from ui.tree_items import child_items, top_items

SEVERITY_COLOURS = {"error": "#b3261e", "warning": "#8a5a00", "info": "#3c5a99"}
NOT_FILLED_COLOUR = "#505050"
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


def path_text(path: tuple[str, ...], field: str | None = None) -> str:
    """A finding's place as the user reads it (资金表 › 年度资金总额 › 全年预算数; model/places.py)."""
    return place_text(path, field)


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their message wrapped to the column's width (Qt measured them unwrapped, so
    long messages were cut to their two explicit lines)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = self.tree.viewport().width() - self.tree.indentation() * (depth + 1) - 8
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if width <= 0 or not text:
            return hint
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(hint.width(), max(hint.height(), bounds.height() + 6))


class FindingsPanel(QWidget):
    """Findings of the open form; click or Enter on one to jump to its cell."""

    finding_activated = Signal(object, object, object)  # node_id | None, field | None, path tuple

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        # Long Chinese messages are cut off in the list; the selected one is shown in full below.
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet("padding: 4px; border-top: 1px solid palette(mid);")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        # Every message readable whole: no "…", and row heights measured again when the panel's
        # width changes (they were kept from the first, narrower layout and cut to two lines).
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.header().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        self.tree.itemClicked.connect(self._activate)
        self.tree.currentItemChanged.connect(self._show_detail)
        self.tree.itemActivated.connect(self._activate)
        self._shown: tuple[Finding, ...] | None = None
        self.show_result(None)

    def show_result(self, result: Result | None) -> None:
        """List the findings of a result (None: nothing open); keeps groups expanded.

        The list is rebuilt only when the findings changed, so an edit elsewhere keeps its scroll
        position and the finding the user is working through stays selected.
        """
        findings = None if result is None else result.findings
        if findings is not None and findings == self._shown:
            return
        self._shown = findings
        self.tree.clear()
        self.detail.setText("")
        if result is None:
            self.summary.setText("")
            return
        if not result.findings:
            self.summary.setText("审核通过：没有发现问题")
            return
        # What is simply still to fill comes first, as one list (未填写 N 项), not as red errors.
        groups = [("未填写", NOT_FILLED_COLOUR, [f for f in result.findings if f.code in NOT_FILLED])]
        groups += [(SEVERITY_LABELS[severity], SEVERITY_COLOURS[severity],
                    [f for f in result.findings if f.severity == severity and f.code not in NOT_FILLED])
                   for severity in SEVERITIES]
        counts = [f"{name} {len(found)}" + (" 项" if name == "未填写" else "") for name, _c, found in groups if found]
        self.summary.setText("审核结果：" + "，".join(counts))
        for name, colour, found in groups:
            if not found:
                continue
            head = QTreeWidgetItem([f"{name}（{len(found)} 项）" if name == "未填写" else f"{name}（{len(found)}）"])
            font = QFont(self.tree.font())
            font.setBold(True)
            head.setFont(0, font)
            head.setForeground(0, QBrush(QColor(colour)))
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(head)
            for finding in found:
                where = path_text(finding.path, finding.field)
                item = QTreeWidgetItem([f"{finding.message}" + (f"\n{where}" if where else "")])
                item.setToolTip(0, f"{finding.message}\n位置：{where}")
                item.setData(0, FINDING_ROLE, finding)
                head.addChild(item)
            head.setExpanded(True)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self.tree.scheduleDelayedItemsLayout()

    def findings(self) -> list[Finding]:
        """The findings listed, in display order."""
        return [child.data(0, FINDING_ROLE) for child in self._rows()]

    def _rows(self) -> list[QTreeWidgetItem]:
        """Every finding's row (under its severity heading), in display order."""
        return [child for head in top_items(self.tree) for child in child_items(head)]

    def item_for(self, finding: Finding) -> QTreeWidgetItem | None:
        return next((child for child in self._rows() if child.data(0, FINDING_ROLE) is finding), None)

    def _show_detail(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        finding = None if item is None else item.data(0, FINDING_ROLE)
        if not isinstance(finding, Finding):
            self.detail.setText("")
            return
        where = path_text(finding.path, finding.field)
        self.detail.setText(f"{SEVERITY_LABELS[finding.severity]}：{finding.message}"
                            + (f"\n位置：{where}" if where else ""))

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, FINDING_ROLE)
        if isinstance(finding, Finding):
            self.finding_activated.emit(finding.node_id, finding.field, finding.path)
