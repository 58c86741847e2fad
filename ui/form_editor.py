"""The centre of the window: header and funds editors above the goals and the indicator tree.

Composes the editing core's widgets (ui/header_editor.py, ui/funds_editor.py, ui/tree_view.py)
around one FormSession; `select_finding` turns a finding's node id + field into a selected cell.
"""
from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from ui.session import FormSession


def _core_widget(module: str, name: str, session: FormSession, parent: QWidget) -> QWidget | None:
    """Build one of the core's widgets, or None while that module is not there yet."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None
    widget: QWidget = getattr(mod, name)(session, parent)
    return widget


class FormEditor(QWidget):
    """Header, funds and indicator tree of one open form."""

    def __init__(self, session: FormSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.header_editor = _core_widget("ui.header_editor", "HeaderEditor", session, self)
        self.funds_editor = _core_widget("ui.funds_editor", "FundsEditor", session, self)
        self.tree_view = _core_widget("ui.tree_view", "IndicatorTreeView", session, self)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.header_editor, self.funds_editor):
            if widget is not None:
                top_layout.addWidget(widget)
        top_layout.addStretch(1)
        # The header and funds scroll on their own so a 768-pixel screen still shows the tree.
        scroll = QScrollArea(self)
        scroll.setWidget(top)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.tree_view or QLabel("指标表编辑器尚未就绪。", self))
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def select_finding(self, node_id: int | None, field: str | None, path: tuple[str, ...]) -> bool:
        """Select the cell a finding is about; returns whether a cell was found."""
        if node_id is not None and self.tree_view is not None:
            select: Any = getattr(self.tree_view, "select_cell", None)
            if select is not None:
                select(node_id, field)
                self.tree_view.setFocus()
                return True
        if path and path[0] in ("funds", "spending_plan") and self.funds_editor is not None:
            select = getattr(self.funds_editor, "select_cell", None)
            if select is not None:
                select(path, field)
            self.funds_editor.setFocus()
            return True
        if path and path[0] == "header" and self.header_editor is not None:
            select = getattr(self.header_editor, "focus_field", None)
            if select is not None and len(path) > 1:
                select(path[1])
            return True
        return False

    def close_session(self) -> None:
        """Detach the core widgets from the session before the editor goes away."""
        for widget in (self.tree_view, self.header_editor, self.funds_editor):
            detach = getattr(widget, "detach", None)
            if callable(detach):
                detach()
