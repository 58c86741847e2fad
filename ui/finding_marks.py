"""Marks findings on QTableWidget cells (background by severity, reasons in the tooltip).

Shared by the plan and basic-data editors so their cells look like the tree's marked cells.
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QTableWidgetItem

from scoring.result import Finding
from ui.tree_model import _SEVERITY_COLOURS, _SEVERITY_NAMES  # one palette for every editor

_ORDER = {"error": 0, "warning": 1, "info": 2}


def finding_lines(findings: Iterable[Finding]) -> list[str]:
    """One 【错误】/【警告】/【提示】 line per finding, worst first."""
    ordered = sorted(findings, key=lambda f: _ORDER.get(f.severity, 3))
    return [f"【{_SEVERITY_NAMES.get(f.severity, f.severity)}】{f.message}" for f in ordered]


def mark_item(item: QTableWidgetItem, findings: list[Finding], tip: str = "") -> None:
    """Colour a cell by its worst finding and put the reasons (after `tip`) in its tooltip."""
    if findings:
        worst = min(findings, key=lambda f: _ORDER.get(f.severity, 3))
        item.setBackground(QBrush(_SEVERITY_COLOURS.get(worst.severity, _SEVERITY_COLOURS["info"])))
    else:
        item.setBackground(QBrush())
    item.setToolTip("\n".join([tip, *finding_lines(findings)] if tip else finding_lines(findings)))
