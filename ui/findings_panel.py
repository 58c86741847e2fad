"""The checker panel: findings grouped by severity; clicking one asks the editor to select its cell.

Emits `finding_activated(node_id, field, path)`; the form editor maps node_id + field to a cell.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from scoring.result import SEVERITIES, SEVERITY_LABELS, Finding, Result

SEVERITY_COLOURS = {"error": "#b3261e", "warning": "#8a5a00", "info": "#3c5a99"}
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


def path_text(path: tuple[str, ...]) -> str:
    """A finding's place as the user reads it (funds → 项目资金, header → 表头)."""
    names = {"funds": "项目资金", "header": "表头", "spending_plan": "资金支出计划", "total": "总分",
             "stated": "原表填写", "basic_data": "基础数据"}
    parts = [names.get(path[0], path[0]), *path[1:]] if path else []
    return " › ".join(p for p in parts if p)


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
        counts = [f"{SEVERITY_LABELS[s]} {result.count(s)}" for s in SEVERITIES if result.count(s)]
        self.summary.setText("审核结果：" + "，".join(counts))
        for severity in SEVERITIES:
            found = [f for f in result.findings if f.severity == severity]
            if not found:
                continue
            head = QTreeWidgetItem([f"{SEVERITY_LABELS[severity]}（{len(found)}）"])
            font = QFont(self.tree.font())
            font.setBold(True)
            head.setFont(0, font)
            head.setForeground(0, QBrush(QColor(SEVERITY_COLOURS[severity])))
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(head)
            for finding in found:
                where = path_text(finding.path)
                item = QTreeWidgetItem([f"{finding.message}" + (f"\n{where}" if where else "")])
                item.setToolTip(0, f"{finding.message}\n位置：{where}\n代码：{finding.code}")
                item.setData(0, FINDING_ROLE, finding)
                head.addChild(item)
            head.setExpanded(True)

    def findings(self) -> list[Finding]:
        """The findings listed, in display order."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            out.extend(head.child(j).data(0, FINDING_ROLE) for j in range(head.childCount()))
        return out

    def item_for(self, finding: Finding) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            for j in range(head.childCount()):
                if head.child(j).data(0, FINDING_ROLE) is finding:
                    return head.child(j)
        return None

    def _show_detail(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        finding = None if item is None else item.data(0, FINDING_ROLE)
        if not isinstance(finding, Finding):
            self.detail.setText("")
            return
        where = path_text(finding.path)
        self.detail.setText(f"{SEVERITY_LABELS[finding.severity]}：{finding.message}"
                            + (f"\n位置：{where}" if where else ""))

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, FINDING_ROLE)
        if isinstance(finding, Finding):
            self.finding_activated.emit(finding.node_id, finding.field, finding.path)
