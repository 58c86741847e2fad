"""Neutral layout of a printed form: a grid of cells with spans, shared by the PDF and XLSX writers.

rows.py fills these types from a Form and its Result; pdf.py and excel.py only draw them, so the
two files cannot drift apart. No computation happens here beyond turning numbers into text.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, Union

Number = Union[int, float, Decimal]
Fmt = Literal["text", "money", "score", "percent", "points", "plain"]
Style = Literal["head", "label", "body", "num", "total", "section"]
Align = Literal["left", "center", "right"]

SEAL_ROOM_PT = 28 * 72 / 25.4  # blank height under 单位（盖章） for the unit's seal, PDF and XLSX alike
WATERMARK_TEXT = "草稿"  # marks a printout that must not be sent as final (both writers)
# Number formats for the XLSX writer; the PDF writer prints the same figures with format_number().
EXCEL_FORMATS: dict[str, str] = {"money": "#,##0.00", "score": "0.00", "percent": "0.00%",
                                 "points": '0.00"%"', "plain": "General"}


@dataclass
class Cell:
    """One cell: text or a number with its format; spans reach right and down from here."""

    text: str = ""
    value: Number | None = None
    fmt: Fmt = "text"
    style: Style = "body"
    colspan: int = 1
    rowspan: int = 1
    align: Align | None = None
    written_number: bool = False  # 年度指标值/实际完成值: a pure number goes to Excel as a number

    @property
    def display(self) -> str:
        """What the cell prints: the text, or the number formatted as the form prints it."""
        if self.value is None:
            return self.text
        return format_number(self.value, self.fmt)

    @property
    def alignment(self) -> Align:
        """Explicit alignment, else centred numbers and headings, left-aligned prose."""
        if self.align:
            return self.align
        if self.value is not None or self.style in ("head", "label", "total"):
            return "center"
        return "left"


@dataclass
class Grid:
    """A table on the sheet grid: rows of `ncols` slots, None where a span covers the slot.

    `repeat` header rows are printed again at the top of every PDF page the grid runs onto.
    """

    ncols: int
    rows: list[list[Cell | None]] = field(default_factory=list)
    repeat: int = 0
    name: str = ""

    def add(self, *cells: Cell) -> None:
        """Append a row; slots covered by rowspans from above are filled in automatically."""
        row: list[Cell | None] = [None] * self.ncols
        covered = self._covered(len(self.rows))
        col = 0
        for cell in cells:
            while col < self.ncols and covered[col]:
                col += 1
            if col + cell.colspan > self.ncols:
                raise ValueError(f"{self.name}: row {len(self.rows)} overflows {self.ncols} columns")
            row[col] = cell
            col += cell.colspan
        self.rows.append(row)

    def _covered(self, row_index: int) -> list[bool]:
        covered = [False] * self.ncols
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row):
                if cell is not None and r < row_index < r + cell.rowspan:
                    for k in range(c, c + cell.colspan):
                        covered[k] = True
        return covered

    def cells(self) -> list[tuple[int, int, Cell]]:
        """Every placed cell with its row and column index."""
        return [(r, c, cell) for r, row in enumerate(self.rows) for c, cell in enumerate(row) if cell]

    def origin(self, row: int, col: int) -> tuple[int, int, Cell] | None:
        """The placed cell covering slot (row, col) with its own position; None for an empty slot."""
        for r in range(row, -1, -1):
            for c in range(col, -1, -1):
                cell = self.rows[r][c]
                if cell is not None and row < r + cell.rowspan and col < c + cell.colspan:
                    return r, c, cell
        return None

    def part(self, start: int, stop: int, *, header: bool) -> Grid:
        """Rows [start, stop) as a grid of their own, e.g. what one PDF page prints.

        Spans are cut at `stop`; a span begun above `start` (a 一级 cell running on from the page
        before) is placed again at `start` with its text, so every page names its 一级/二级.
        With `header`, the `repeat` rows come first (the column headings at the page top).
        """
        out = Grid(self.ncols, name=self.name)
        lead = list(range(self.repeat)) if header and start >= self.repeat else []
        for index in [*lead, *range(start, stop)]:
            end = self.repeat if index < self.repeat and lead else stop
            row: list[Cell | None] = [None] * self.ncols
            for c in range(self.ncols):
                found = self.origin(index, c)
                if found is None:
                    continue
                r, c0, cell = found
                if c0 != c or (r != index and index != start):
                    continue  # covered by a span already placed on this part
                row[c] = replace(cell, rowspan=min(r + cell.rowspan, end) - index)
            out.rows.append(row)
        out.repeat = len(lead) if lead else max(0, min(self.repeat, stop) - start)
        return out


@dataclass
class Sheet:
    """A printed page group: one sheet in the XLSX, one run of pages in the PDF."""

    name: str
    widths: list[float]
    grids: list[Grid] = field(default_factory=list)
    landscape: bool = False
    page_break_before: bool = False


@dataclass
class Document:
    """A whole printout: headings above the table, the sheets, and the signature line."""

    title: str
    subtitle: str = ""
    attachment: str = ""
    unit_line: tuple[str, str] = ("", "")
    sheets: list[Sheet] = field(default_factory=list)
    signature: list[tuple[str, str]] = field(default_factory=list)
    seal: bool = True
    draft: bool = False
    footnote: str = ""


def format_number(value: Number, fmt: Fmt) -> str:
    """Print a number as the forms do: money and scores with 2 decimals, rates as 12.34%.

    Args:
        value: the number (a rate is a fraction: 0.045 prints 4.50%).
        fmt: one of the Fmt names ("points": 25.0 prints 25.00%).

    Returns:
        The text; rounding is half-up, as docs/rules.md §0 requires for printed figures.
    """
    d = Decimal(str(value))
    if fmt == "percent":
        return f"{(d * 100).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"
    if fmt == "points":
        # Percentage points as written in the 资金支出计划 (25.0 means 25%).
        return f"{d.quantize(Decimal('0.01'), ROUND_HALF_UP)}%"
    if fmt == "money":
        return f"{d.quantize(Decimal('0.01'), ROUND_HALF_UP):,}"
    if fmt == "score":
        return f"{d.quantize(Decimal('0.01'), ROUND_HALF_UP)}"
    # Plain numbers (分值, people counts) print without trailing zeros: 10, not 10.00.
    text = format(d.normalize(), "f")
    return text
