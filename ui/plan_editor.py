"""PlanEditor: the 资金支出计划 of a target declaration (cumulative % at 3月底/6月底/10月底/12月底).

Each typed percent is one command through the session; the PLAN_* findings of the latest Result
are shown on the cells and listed under the table, so a wrong plan is seen as it is typed.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QSizePolicy, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from model.form import PlanPoint
from scoring.result import Finding
from ui.editing.columns import format_number, parse_number
from ui.finding_marks import finding_lines, mark_item
from ui.editing.session import FormSession

STANDARD_LABELS = ("3月底", "6月底", "10月底", "12月底")


class PlanEditor(QWidget):
    """One row of cumulative percentages with the plan's findings under it."""

    def __init__(self, session: FormSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = QLabel("资金支出计划（累计支出占预算的百分比，%）", self)
        self.table = QTableWidget(1, 0, self)
        self.table.setVerticalHeaderLabels(["累计 %"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #a03030;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addWidget(self.notes)
        # Its own height only: extra room belongs to the tree below it.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._filling = False
        self.table.itemChanged.connect(self._edited)
        session.changed.connect(self.refresh)
        self.refresh()

    def points(self) -> list[PlanPoint]:
        """The plan's checkpoints (the standard four, blank, when the form has none yet)."""
        plan = self.session.form.spending_plan
        return plan if plan else [PlanPoint(label) for label in STANDARD_LABELS]

    def findings(self) -> list[Finding]:
        """The latest findings about the plan."""
        return [f for f in self.session.result.findings if f.path[:1] == ("spending_plan",)]

    def refresh(self) -> None:
        """Show the percentages and mark the cells the findings are about."""
        self._filling = True
        points = self.points()
        findings = self.findings()
        self.table.setColumnCount(len(points))
        self.table.setHorizontalHeaderLabels([p.label for p in points])
        for column, point in enumerate(points):
            item = self.table.item(0, column)
            if item is None:
                item = QTableWidgetItem()
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(0, column, item)
            item.setText(format_number(point.percent))
            mark_item(item, [f for f in findings if f.path[1:2] == (point.label,)],
                      "到该时点累计计划支出占预算的百分比，例如 25 表示 25%")
        self.notes.setText("\n".join(finding_lines(findings)))
        self.notes.setVisible(bool(findings))
        self._filling = False
        height = self.table.horizontalHeader().height() + self.table.rowHeight(0)
        self.table.setFixedHeight(height + 2 * self.table.frameWidth())

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        label = self.points()[item.column()].label
        text = item.text().strip().rstrip("%％").strip()
        try:
            value = parse_number(text, f"资金支出计划“{label}”的累计百分比")
        except ValueError as exc:
            self.session.report_error(str(exc))
            self.refresh()
            return
        self.session.set_plan_percent(item.column(), value)

    def select_cell(self, path: tuple[str, ...], field: str | None = None) -> None:
        """Select the checkpoint a finding is about (path ["spending_plan", label])."""
        labels = [p.label for p in self.points()]
        column = labels.index(path[1]) if len(path) > 1 and path[1] in labels else 0
        self.table.setCurrentCell(0, column)
        self.table.setFocus()

    def detach(self) -> None:
        """Stop following the session."""
        self.session.changed.disconnect(self.refresh)
