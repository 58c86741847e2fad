"""XLSX writer: the same Document as the PDF, as merged cells with borders, 宋体, A4 print setup.

Numbers are stored as numbers with number formats; no formulas (a formula written by openpyxl has
no cached value, pitfalls.md). Row heights are estimated from the text, since Excel does not grow
rows holding merged cells by itself.
"""
from __future__ import annotations

import math
import unicodedata
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from reports.excel_pages import page_breaks, rows_per_page_height
from reports.layout import EXCEL_FORMATS, WATERMARK_TEXT, Cell, Document, Grid, Sheet

FONT_NAME = "宋体"
BODY_PT = 10
TITLE_PT = 16
LINE_PT = 13.5  # line height of 10 pt 宋体 in Excel
MIN_ROW_PT = 18.0
PX_PER_CHAR = 7.0  # Excel's column unit: the width of "0" in the default 11 pt font, at 96 dpi
COLUMN_PAD_PX = 5  # Excel (and LibreOffice) draw a column of n units 7n + 5 pixels wide
PORTRAIT_CHARS = 100  # sheet width in Excel character units; print is scaled to one page wide
LANDSCAPE_CHARS = 150
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HORIZONTAL = {"left": "left", "center": "center", "right": "right"}
DRAFT_NOTE = f"{WATERMARK_TEXT}：审核发现错误或尚未定稿，修改并重新导出后才能作为正式报表报送。"
DRAFT_COLOR = "C00000"


def write_xlsx(doc: Document, out: BinaryIO) -> None:
    """Write the document as a workbook, one worksheet per sheet, into a binary stream."""
    book = Workbook()
    book.remove(book.active)
    for index, sheet in enumerate(doc.sheets):
        ws = book.create_sheet(_sheet_title(sheet.name, book.sheetnames))
        SheetWriter(ws, sheet, draft=doc.draft).write(doc if index == 0 else None)
    book.properties.title = f"{doc.title}{doc.subtitle}"
    book.properties.creator = "绩效自评助手"
    book.save(out)


def _sheet_title(name: str, taken: list[str]) -> str:
    title, n = name[:31], 2
    while title in taken:
        title, n = f"{name[:28]}({n})", n + 1
    return title


def text_px(text: str, size: float = BODY_PT) -> float:
    """Width of a line in pixels at 96 dpi in 宋体: full-width characters 1 em, the rest half an em."""
    em = round(size * 96 / 72)  # Windows draws 10 pt 宋体 at a whole 13 px
    return sum(em if unicodedata.east_asian_width(ch) in ("W", "F") else em / 2 for ch in text)


def lines_needed(text: str, chars: float, size: float = BODY_PT) -> int:
    """How many lines a cell's text takes when wrapped in a column `chars` Excel units wide."""
    # A column of n units is 7n + 5 pixels, less ~6 px of cell margins. Text running over several
    # lines loses a little at each break (标点 kept off line starts, whole Latin words): 5 % spare.
    usable = max(chars * PX_PER_CHAR + COLUMN_PAD_PX - 6, size * 96 / 72)
    total = 0
    for line in text.split("\n"):
        width = text_px(line, size)
        total += 1 if width <= usable else math.ceil(width / (usable * 0.95))
    return total


class SheetWriter:
    """Writes one Sheet: headings (first sheet only), the grids, signature, print setup."""

    def __init__(self, ws: Worksheet, sheet: Sheet, *, draft: bool = False) -> None:
        self.ws = ws
        self.sheet = sheet
        self.draft = draft
        self.ncols = len(sheet.widths)
        total = LANDSCAPE_CHARS if sheet.landscape else PORTRAIT_CHARS
        self.chars = [total * w for w in sheet.widths]
        self.row = 1
        self.heights: dict[int, float] = {}
        self.title_rows: tuple[int, int] | None = None
        self.units: list[tuple[int, int]] = []  # rows kept on one printed page
        self.placed: list[tuple[Grid, int]] = []  # grids and their first row, written last

    def write(self, doc: Document | None) -> None:
        """Fill the worksheet; `doc` is given for the main sheet, which carries the headings."""
        for i, chars in enumerate(self.chars, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = round(chars, 2)
        if doc is not None:
            self._headings(doc)
        for grid in self.sheet.grids:
            if grid.rows:
                self._grid(grid)
        if doc is not None:
            self._closing(doc)
        for row, height in self.heights.items():
            self.ws.row_dimensions[row].height = height
        self._print_setup(doc)
        self._write_grids(self._page_breaks())

    def _line(self, value: str, *, size: float = BODY_PT, bold: bool = False, align: str = "left",
              start: int = 1, span: int | None = None, height: float | None = None,
              color: str | None = None) -> None:
        end = start + (span or self.ncols) - 1
        cell = self.ws.cell(row=self.row, column=start, value=value)
        cell.font = Font(name=FONT_NAME, size=size, bold=bold, color=color)
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
        if end > start:
            self.ws.merge_cells(start_row=self.row, start_column=start, end_row=self.row, end_column=end)
        need = lines_needed(value, sum(self.chars[start - 1:end]), size) * size * 1.35 + 4
        self.heights[self.row] = max(self.heights.get(self.row, 0.0), height or need, MIN_ROW_PT)
        if not self.units or self.units[-1][1] < self.row:
            self.units.append((self.row, self.row))

    def _headings(self, doc: Document) -> None:
        if self.draft:
            # Printed and seen on screen, unlike the page header (only in print and page layout view).
            self._line(DRAFT_NOTE, bold=True, color=DRAFT_COLOR)
            self.row += 1
        if doc.attachment:
            self._line(doc.attachment, size=12, bold=True)
            self.row += 1
        self._line(doc.title, size=TITLE_PT, bold=True, align="center")
        self.row += 1
        if doc.subtitle:
            self._line(doc.subtitle, size=12, align="center")
            self.row += 1
        left, right = doc.unit_line
        if left or right:
            half = max(1, self.ncols // 2)
            self._line(left, start=1, span=half)
            self._line(right, align="right", start=half + 1, span=self.ncols - half)
            self.row += 1

    def _grid(self, grid: Grid) -> None:
        """Place a grid: row heights and page units now, cells once the page breaks are known."""
        top = self.row
        self._fit_rows(grid, top)
        if grid.repeat and self.title_rows is None:
            # Only the column headings: a goal's title row above them (001) must not repeat.
            self.title_rows = (top + grid.repeat - 1, top + grid.repeat - 1)
        self.row = top + len(grid.rows)
        # Headings (a goal's title, the column heads) stay with the first body row; other rows
        # may end a page, as in the PDF, because a cut span names its 一级/二级 again.
        lead = min(grid.repeat, len(grid.rows) - 1)
        self.units += [(top, top + lead), *((top + r, top + r) for r in range(lead + 1, len(grid.rows)))]
        self.placed.append((grid, top))

    def _write_grids(self, breaks: list[int]) -> None:
        """Write every placed grid, cut at the page breaks so each page's part has its own merges."""
        for grid, top in self.placed:
            cuts = [b + 1 - top for b in breaks if top <= b < top + len(grid.rows) - 1]
            for start, stop in zip([0, *cuts], [*cuts, len(grid.rows)]):
                part = grid.part(start, stop, header=False)
                for r, c, cell in part.cells():
                    self._cell(top + start + r, c + 1, cell)

    def _cell(self, row: int, col: int, cell: Cell) -> None:
        end_row, end_col = row + cell.rowspan - 1, col + cell.colspan - 1
        for r in range(row, end_row + 1):
            for c in range(col, end_col + 1):
                self.ws.cell(row=r, column=c).border = _BORDER
        target = self.ws.cell(row=row, column=col)
        if cell.value is not None:
            target.value = float(cell.value)
            target.number_format = EXCEL_FORMATS.get(cell.fmt, "General")
        else:
            target.value = cell.text or None
            if cell.text.startswith("="):
                # A target written "=" or "=0" is text; openpyxl would store it as a formula.
                target.data_type = "s"
        bold = cell.style in ("head", "total", "section")
        target.font = Font(name=FONT_NAME, size=BODY_PT, bold=bold)
        target.alignment = Alignment(horizontal=_HORIZONTAL[cell.alignment], vertical="center", wrap_text=True)
        if end_row > row or end_col > col:
            self.ws.merge_cells(start_row=row, start_column=col, end_row=end_row, end_column=end_col)

    def _fit_rows(self, grid: Grid, top: int) -> None:
        """Row heights that show all text: single rows first, then stretch rows under tall spans."""
        need: dict[int, float] = {top + r: MIN_ROW_PT for r in range(len(grid.rows))}
        spanning = []
        for r, c, cell in grid.cells():
            chars = sum(self.chars[c:c + cell.colspan])
            height = lines_needed(cell.display, chars) * LINE_PT + 5
            if cell.rowspan == 1:
                need[top + r] = max(need[top + r], height)
            else:
                spanning.append((top + r, cell.rowspan, height))
        for start, count, height in spanning:
            rows = range(start, start + count)
            deficit = height - sum(need[x] for x in rows)
            if deficit > 0:
                for x in rows:
                    need[x] += deficit / count
        self.heights.update(need)

    def _closing(self, doc: Document) -> None:
        table_end = len(self.units)  # the last table row's unit: the signature block goes with it
        self.row += 1
        if doc.footnote:
            self._line(doc.footnote)
            self.row += 1
        if doc.signature:
            self._line("    ".join(f"{name}：{value or ' ' * 12}" for name, value in doc.signature))
            self.row += 1
            if doc.seal:
                self._line("单位（盖章）", align="right", height=60)
                self.row += 1
        if table_end:
            # Last table row, footnote, signature and the seal's room: one page for all of them,
            # so the signature never stands alone on a page (as in the PDF, reports/pdf_keep.py).
            self.units[table_end - 1:] = [(self.units[table_end - 1][0], self.units[-1][1])]

    def _page_breaks(self) -> list[int]:
        """Manual page breaks from the estimated row heights (set on the sheet and returned)."""
        ws, margins = self.ws, self.ws.page_margins
        sheet_px = sum(chars * PX_PER_CHAR + COLUMN_PAD_PX for chars in self.chars)
        capacity = rows_per_page_height(sheet_px, self.sheet.landscape,
                                        (margins.left, margins.right, margins.top, margins.bottom))
        titles = 0.0
        if self.title_rows:
            titles = sum(self.heights.get(r, 15.0) for r in range(self.title_rows[0], self.title_rows[1] + 1))
        breaks = page_breaks(self.heights, self.units, capacity, titles)
        for row in breaks:
            ws.row_breaks.append(Break(id=row))
        return breaks

    def _print_setup(self, doc: Document | None) -> None:
        ws = self.ws
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if self.sheet.landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.6
        ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.7
        ws.oddFooter.center.text = "第 &P 页 共 &N 页"
        ws.oddFooter.center.font = FONT_NAME
        if self.draft:
            # The watermark Excel and WPS users know: large grey 草稿 centred in the page header.
            ws.oddHeader.center.text = WATERMARK_TEXT
            ws.oddHeader.center.font = f"{FONT_NAME},Bold"
            ws.oddHeader.center.size = 28
            ws.oddHeader.center.color = "808080"
            ws.page_margins.top = 1.0  # room for the header text above the table
        if self.title_rows:
            ws.print_title_rows = f"{self.title_rows[0]}:{self.title_rows[1]}"
        ws.print_area = f"A1:{get_column_letter(self.ncols)}{max(self.row - 1, 1)}"
