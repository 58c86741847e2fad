"""A table cell's text as lines already broken (reports/linebreak.py), drawn without a Paragraph.

ReportLab's Paragraph measures and wraps its text again at each of the table's several layout
passes, in pure Python: for a form of ~600 cells that was two thirds of the render time. The lines
are final here, so wrapping is counting them, and a page break inside a tall row cuts between lines.
"""
from __future__ import annotations

from reportlab.platypus import Flowable


class CellText(Flowable):  # type: ignore[misc]
    """Lines of one font and size, left, centred or right within the cell's width."""

    def __init__(self, lines: list[str], font: str, size: float, leading: float, align: str) -> None:
        super().__init__()
        self.lines = lines if any(lines) else []
        self.font, self.size, self.leading, self.align = font, size, leading, align

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (ReportLab's names)
        self.width = float(availWidth)
        self.height = self.leading * len(self.lines)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """Between lines, for a row taller than a page (pdf_table.GridTable._split_tall_row)."""
        fits = int(availHeight // self.leading)
        if fits < 1 or fits >= len(self.lines):
            return []
        return [CellText(self.lines[:fits], self.font, self.size, self.leading, self.align),
                CellText(self.lines[fits:], self.font, self.size, self.leading, self.align)]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.font, self.size)
        # The first baseline one font size below the top, as Paragraph sets it.
        y = self.height - self.size - (self.leading - self.size) / 2
        for line in self.lines:
            if self.align == "center":
                canvas.drawCentredString(self.width / 2, y, line)
            elif self.align == "right":
                canvas.drawRightString(self.width, y, line)
            else:
                canvas.drawString(0, y, line)
            y -= self.leading
