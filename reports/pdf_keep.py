"""The end of the main form kept together: the last table rows, the signature line and the seal room.

ReportLab moves a Spacer that does not fit to the next page, so the seal room under 单位（盖章）
used to open a page of its own holding only 第2页共2页; and a signature line could stand alone on
a page. Here the signature block travels with the table's last rows: when it does not fit under
them, the table is cut earlier and its last rows go with the block to the next page.
"""
from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable


class KeepWithLastRows(Flowable):  # type: ignore[misc]
    """A table (a GridTable) and the flowables after it, never split between the two."""

    def __init__(self, table: Flowable, tail: list[Flowable]) -> None:
        super().__init__()
        self.table = table
        self.tail = tail
        self._heights: list[float] = []

    def _share_frame(self) -> None:
        # GridTable looks at its frame to know whether it starts a page (see pdf_table.py).
        frame = getattr(self, "_frame", None)
        if frame is not None:
            self.table._frame = frame

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (ReportLab's names)
        self._share_frame()
        width, height = self.table.wrap(availWidth, availHeight)
        self._heights = [float(f.wrap(availWidth, availHeight)[1]) for f in self.tail]
        self.width, self.height = float(availWidth), float(height) + sum(self._heights)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._share_frame()
        _width, height = self.table.wrap(availWidth, availHeight)
        # The table alone may fit here while the block does not: cut it at least one row earlier.
        parts = list(self.table.split(availWidth, min(availHeight, float(height) - 0.5)))
        if len(parts) < 2:
            return []  # not even a first part fits: everything starts on the next page
        *first, rest = parts
        return [*first, KeepWithLastRows(rest, self.tail)]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        top = y + self.height
        table_height = self.height - sum(self._heights)
        self.table.drawOn(canvas, x, top - table_height)
        top -= table_height
        for flowable, height in zip(self.tail, self._heights):
            flowable.drawOn(canvas, x, top - height)
            top -= height
