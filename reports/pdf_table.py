"""A Grid as a ReportLab Table that splits between rows itself, page by page.

ReportLab will not split inside a row span, and its in-row splitting reprints the column heads
mid-page and prints a merged 一级 cell's text on its first page only. Here each page gets its own
part of the Grid (layout.Grid.part): headings at the top, running 一级/二级 cells named again.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Table, TableStyle

from reports.layout import Grid
from reports.pdf_cell import CellText
from reports.linebreak import break_text
from reports.pdf_styles import CELL_PAD_X, CELL_PAD_Y, GRID_LINE, Styles

BREAK_SLACK = 0.5  # points kept free at a line's end, so ReportLab never wraps our lines again


@lru_cache(maxsize=16)
def font_measure(font_name: str, size: float) -> Callable[[str], float]:
    """The width of a text in a registered font, from a cache of each character's width."""
    font = pdfmetrics.getFont(font_name)
    widths: dict[str, float] = {}

    def measure(text: str) -> float:
        total = 0.0
        for ch in text:
            width = widths.get(ch)
            if width is None:
                width = widths[ch] = float(font.stringWidth(ch, size))
            total += width
        return total
    return measure


# Characters the bundled Song font lacks, printed as their nearest look-alike (not as blanks).
_SUBSTITUTES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2236": ":"})


def printable(value: str) -> str:
    """Text as the PDF draws it: look-alikes for the few characters the font has no glyph for."""
    return value.translate(_SUBSTITUTES)


@dataclass(frozen=True)
class Part:
    """Which rows of a grid a table prints: [start, stop), after the headings when `header`."""

    grid: Grid
    start: int
    stop: int
    header: bool

    @property
    def lead(self) -> int:
        """How many heading rows the part prints before its first body row."""
        return self.grid.repeat if self.start == 0 or self.header else 0

    @property
    def body(self) -> int:
        """The grid row of the part's first body row."""
        return self.grid.repeat if self.start == 0 else self.start


@dataclass(frozen=True)
class TableLook:
    """What every part of one grid shares: paragraph styles, column widths, page frame height."""

    styles: Styles
    widths: list[float]
    frame_height: float


def grid_table(grid: Grid, look: TableLook) -> Table:
    """The whole grid as a table that splits onto further pages by itself."""
    return GridTable(Part(grid, 0, len(grid.rows), header=True), look)


def table_content(grid: Grid, look: TableLook) -> tuple[list[list[CellText | str]], TableStyle]:
    """A grid's cells as CellTexts (lines broken by our rules) and its spans and borders as a TableStyle."""
    data: list[list[CellText | str]] = [["" for _ in range(grid.ncols)] for _ in grid.rows]
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), GRID_LINE, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        # Covered span slots hold "", drawn in the table's font: keep it ours, not Helvetica.
        ("FONTNAME", (0, 0), (-1, -1), look.styles.fonts.body),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_X), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_Y), ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_Y + 1),
    ]
    for r, c, cell in grid.cells():
        style = look.styles.cell(cell.style, cell.alignment)
        # Our own breaks (避头尾, numbers whole, reports/linebreak.py) where ReportLab would hang a
        # closing “。” past the border or start a line with “，”.
        width = sum(look.widths[c:c + cell.colspan]) - 2 * CELL_PAD_X - BREAK_SLACK
        lines = break_text(printable(cell.display), width, font_measure(style.fontName, style.fontSize))
        data[r][c] = CellText(lines, style.fontName, style.fontSize, style.leading, cell.alignment)
        if cell.colspan > 1 or cell.rowspan > 1:
            commands.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
    return data, TableStyle(commands)


class GridTable(Table):
    """One part of a grid; split() cuts it between rows into this page's part and the rest."""

    def __init__(self, part: Part, look: TableLook) -> None:
        data, style = table_content(part.grid.part(part.start, part.stop, header=part.header), look)
        super().__init__(data, colWidths=look.widths, style=style)
        self.part = part
        self.look = look

    def _head_if_at_top(self) -> None:
        """A part without headings (it follows a split tall row) gets them when it starts a page."""
        frame = getattr(self, "_frame", None)  # set by ReportLab's Frame before wrap and split
        if not self.part.header and frame is not None and frame._atTop:
            self.__init__(replace(self.part, header=True), self.look)  # type: ignore[misc]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._head_if_at_top()
        width, height = super().wrap(availWidth, availHeight)
        return float(width), float(height)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (ReportLab's names)
        self._head_if_at_top()
        self._calc(availWidth, availHeight)
        part, heights = self.part, list(self._rowHeights)
        lead = part.lead
        bodies = part.stop - part.body
        fits = 0
        while fits < bodies - 1 and sum(heights[:lead + fits + 1]) <= availHeight:
            fits += 1
        # Row heights can grow when a span is cut (its text needs the rows left): measure each try.
        while fits:
            first = GridTable(Part(part.grid, part.start, part.body + fits, part.header), self.look)
            if first.wrap(availWidth, availHeight)[1] <= availHeight:
                rest = GridTable(Part(part.grid, part.body + fits, part.stop, header=True), self.look)
                return [first, rest]
            fits -= 1
        if bodies and sum(heights[:lead + 1]) > self.look.frame_height:
            return self._split_tall_row(availWidth, availHeight)
        return []  # not even one row with its headings fits here: start on the next page

    def _split_tall_row(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """A row taller than a whole page: ReportLab splits its text across pages (spans cut to it)."""
        part = self.part
        data, style = table_content(part.grid.part(part.start, part.body + 1, header=part.header), self.look)
        tall = Table(data, colWidths=self.look.widths, style=style, repeatRows=part.lead, splitInRow=1)
        # Top-aligned, so the 一级/三级 names print beside the row's first lines, not pages later.
        tall.setStyle(TableStyle([("VALIGN", (0, part.lead), (-1, -1), "TOP")]))
        pieces: list[Flowable] = list(tall.split(availWidth, availHeight))
        if not pieces or part.body + 1 >= part.stop:
            return pieces
        # The rest follows the row's last piece on the same page, so it needs no headings there.
        return [*pieces, GridTable(Part(part.grid, part.body + 1, part.stop, header=False), self.look)]
