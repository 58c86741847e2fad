"""The score panel: total and grade, 执行率 and its score, and each 一级's subtotal against its weight.

Only shows the last Result; every figure and its 计算过程 comes from scoring.
"""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from model.form import Form, Group
from scoring.engine import kind_is_scored
from scoring.result import Result
from ui.tree_items import top_items


def fmt(value: Decimal | float | int | None, places: int = 2) -> str:
    """A figure as printed on the forms (2 decimals), or — when there is none."""
    if value is None:
        return "—"
    return f"{Decimal(str(value)):.{places}f}"


def fmt_rate(rate: Decimal | float | None) -> str:
    """A rate (a fraction) as a percent with 2 decimals."""
    return "—" if rate is None else f"{Decimal(str(rate)) * 100:.2f}%"


UNSCORED_NOTE = "这类表格只填报数据，不计算得分。填写是否完整、前后是否一致，请看“审核”页。"


class ScorePanel(QWidget):
    """Total, grade, 执行率 and per-一级 subtotals of the open form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.total_label = QLabel(self)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        self.total_label.setFont(big)
        self.total_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Wrapped, so a longer text (等级待定…) grows the label downwards, never the panel sideways.
        self.total_label.setWordWrap(True)
        self.funds_label = QLabel(self)
        self.funds_label.setWordWrap(True)
        self.table = QTreeWidget(self)
        self.table.setColumnCount(3)
        self.table.setHeaderLabels(["指标", "得分", "分值"])
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.total_label)
        layout.addWidget(self.funds_label)
        layout.addWidget(self.table, 1)
        layout.addStretch(0)  # keeps the labels at the top when the table is hidden (unscored kinds)
        self.show_result(None, None)

    def show_result(self, form: Form | None, result: Result | None) -> None:
        """Show the figures of a form's latest result (None: nothing open)."""
        self.table.clear()
        self.table.setVisible(form is None or kind_is_scored(form.kind))
        self.funds_label.setToolTip("")
        if form is None or result is None:
            self.total_label.setText("总分 —")
            self.funds_label.setText("")
            return
        if not kind_is_scored(form.kind):  # a dept form may become scored at its first 分值: keep its table
            # Rows of dashes (预算执行率 — —) made a clerk look for a score that this kind never has.
            self.total_label.setText("本表不计分")
            self.funds_label.setText(UNSCORED_NOTE)
            return
        if result.total is None:
            self.total_label.setText("本表不计分")
        else:
            # No grade while items are unscored (scoring gives none): say so rather than show nothing.
            grade = f"　等级 {result.grade}" if result.grade else "　等级待定（尚有未计分项，见审核）"
            self.total_label.setText(f"总分 {fmt(result.total)} / {fmt(result.max, 0)}{grade}")
        if result.funds is not None:
            f = result.funds
            self.funds_label.setText(f"执行率 {fmt_rate(f.rate)}　得分 {fmt(f.score)} / {fmt(f.weight, 0)}")
            self.funds_label.setToolTip(f"计算过程：{f.explanation}" if f.explanation else "")
            self._row("预算执行率", f.score, f.weight, f.explanation)
        else:
            self.funds_label.setText("")
        several = len(form.goals) > 1
        for goal in form.goals:
            if several:
                g = result.group(goal.id)
                self._row(goal.title or "（未命名目标）", g.score if g else None, g.weight if g else None, bold=True)
            for node in goal.indicators:
                if isinstance(node, Group):
                    g = result.group(node.id)
                    weight = g.declared if g and g.declared is not None else (g.weight if g else None)
                    indent = "　" if several else ""
                    self._row(indent + node.name, g.score if g else None, weight,
                              _group_tip(g.weight, g.declared) if g else "")

    def _row(self, name: str, score: Decimal | None, weight: Decimal | None, tip: str = "",
             bold: bool = False) -> None:
        item = QTreeWidgetItem([name, fmt(score), fmt(weight, 0 if weight == int(weight or 0) else 2)])
        for col in (1, 2):
            item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if tip:
            for col in range(3):
                item.setToolTip(col, tip)
        if bold:
            font = QFont(self.table.font())
            font.setBold(True)
            for col in range(3):
                item.setFont(col, font)
        self.table.addTopLevelItem(item)

    def rows(self) -> list[tuple[str, str, str]]:
        """The table as text (for tests and the status bar)."""
        return [(item.text(0).strip("　"), item.text(1), item.text(2)) for item in top_items(self.table)]


def _group_tip(weight: Decimal | None, declared: Decimal | None) -> str:
    if declared is not None and weight is not None and declared != weight:
        return f"标注分值 {fmt(declared, 0)}，下级分值合计 {fmt(weight)}：两者不一致，请核对"
    return f"下级分值合计 {fmt(weight)}" if weight is not None else ""
