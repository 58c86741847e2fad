"""The rows of a QTreeWidget as a plain list (Qt's topLevelItem(i) may return None)."""
from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def top_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The top-level rows, in order."""
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return [item for item in items if item is not None]


def child_items(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """The rows directly under a row, in order."""
    children = [item.child(i) for i in range(item.childCount())]
    return [child for child in children if child is not None]
