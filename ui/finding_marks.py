"""Marks findings on QTableWidget cells (background by severity, reasons in the tooltip).

Shared by the plan and basic-data editors so their cells look like the tree's marked cells.
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QTableWidgetItem

from scoring.result import Finding, severity_label, severity_rank
from ui.tree_model import SEVERITY_COLOURS  # one palette for every editor


def finding_lines(findings: Iterable[Finding]) -> list[str]:
    """One 【错误】/【警告】/【提示】 line per finding, worst first."""
    ordered = sorted(findings, key=lambda f: severity_rank(f.severity))
    return [f"【{severity_label(f.severity)}】{f.message}" for f in ordered]


def mark_item(item: QTableWidgetItem, findings: list[Finding], tip: str = "") -> None:
    """Colour a cell by its worst finding and put the reasons (after `tip`) in its tooltip."""
    if findings:
        worst = min(findings, key=lambda f: severity_rank(f.severity))
        item.setBackground(QBrush(SEVERITY_COLOURS.get(worst.severity, SEVERITY_COLOURS["info"])))
    else:
        item.setBackground(QBrush())
    item.setToolTip("\n".join([tip, *finding_lines(findings)] if tip else finding_lines(findings)))
