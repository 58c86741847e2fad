"""XLSX writer: the same Document as the PDF, as merged cells with borders, 宋体, A4 print setup.

Numbers are stored as numbers with number formats; no formulas (a formula written by openpyxl has
no cached value, pitfalls.md). Row heights are estimated from the text, since Excel does not grow
rows holding merged cells by itself.
"""
from __future__ import annotations

import re
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from reports.excel_pages import GridRows, Segment, paginate, rows_per_page_height
from reports.excel_rows import (BODY_PT, COLUMN_PAD_PX, MIN_ROW_PT, PX_PER_CHAR, lines_needed, row_heights,
                                split_tall_rows)
from reports.layout import EXCEL_FORMATS, SEAL_ROOM_PT, WATERMARK_TEXT, Cell, Document, Grid, Sheet

FONT_NAME = "宋体"
TITLE_PT = 16
BLANK_ROW_PT = 15.0  # Excel's default row height: the blank row above the signature
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
    book.properties.title = _printable(f"{doc.title}{doc.subtitle}")
    book.properties.creator = "绩效自评助手"
    book.save(out)


def _sheet_title(name: str, taken: list[str]) -> str:
    title, n = name[:31], 2
    while title in taken:
        title, n = f"{name[:28]}({n})", n + 1
    return title


# A written number (年度指标值 100, 实际完成值 0.80): stored as a number showing the same digits.
_WRITTEN_NUMBER = re.compile(r"-?\d+(?:\.(\d+))?")


def written_format(text: str) -> str | None:
    """The number format that shows a written number as written (0.80 → "0.00"); None if not one."""
    match = _WRITTEN_NUMBER.fullmatch(text.strip())
    if match is None or len(text.strip().lstrip("-").split(".")[0]) > 15:
        return None  # text, or too many digits for Excel to keep exactly
    decimals = len(match.group(1) or "")
    return "0." + "0" * decimals if decimals else "0"


class SheetWriter:
    """Writes one Sheet: headings (first sheet only), the grids page by page, signature, print setup."""

    def __init__(self, ws: Worksheet, sheet: Sheet, *, draft: bool = False) -> None:
        self.ws = ws
        self.sheet = sheet
        self.draft = draft
        self.ncols = len(sheet.widths)
        total = LANDSCAPE_CHARS if sheet.landscape else PORTRAIT_CHARS
        self.chars = [total * w for w in sheet.widths]
        self.row = 1
        self.heights: dict[int, float] = {}

    def write(self, doc: Document | None) -> None:
        """Fill the worksheet; `doc` is given for the main sheet, which carries the headings."""
        for i, chars in enumerate(self.chars, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = round(chars, 2)
        self._print_setup()
        if doc is not None:
            self._headings(doc)
        grids = [split_tall_rows(g, self.chars) for g in self.sheet.grids if g.rows]
        closing = self._closing_lines(doc) if doc is not None else []
        tail = sum(h for _text, _kw, h in closing) + (BLANK_ROW_PT if closing else 0.0)
        rows = [GridRows(row_heights(g, self.chars), _units(g), g.repeat) for g in grids]
        segments, breaks = paginate(rows, self._capacity(), sum(self.heights.values()), tail)
        if -1 in breaks and self.row > 1:
            self.ws.row_breaks.append(Break(id=self.row - 1))
        for index, segment in enumerate(segments):
            self._segment(grids[segment.grid], rows[segment.grid], segment)
            if index in breaks:
                self.ws.row_breaks.append(Break(id=self.row - 1))
        if closing:
            self.row += 1  # a blank row between the table and the signature
            for value, align, height in closing:
                self._line(value, align=align, height=height)
                self.row += 1
        for row, height in self.heights.items():
            self.ws.row_dimensions[row].height = height
        self.ws.print_area = f"A1:{get_column_letter(self.ncols)}{max(self.row - 1, 1)}"

    def _line_height(self, value: str, size: float = BODY_PT, start: int = 1, span: int | None = None) -> float:
        end = start + (span or self.ncols) - 1
        return max(lines_needed(value, sum(self.chars[start - 1:end]), size) * size * 1.35 + 4, MIN_ROW_PT)

    def _line(self, value: str, *, size: float = BODY_PT, bold: bool = False, align: str = "left",
              start: int = 1, span: int | None = None, height: float | None = None,
              color: str | None = None) -> None:
        end = start + (span or self.ncols) - 1
        cell = self.ws.cell(row=self.row, column=start, value=_printable(value))
        cell.font = Font(name=FONT_NAME, size=size, bold=bold, color=color)
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
        if end > start:
            self.ws.merge_cells(start_row=self.row, start_column=start, end_row=self.row, end_column=end)
        need = height or self._line_height(value, size, start, span)
        self.heights[self.row] = max(self.heights.get(self.row, 0.0), need)

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

    def _segment(self, grid: Grid, rows: GridRows, segment: Segment) -> None:
        """Write one page's part of a grid: its heading rows again when it starts mid-goal."""
        part = grid.part(segment.start, segment.stop, header=segment.header)
        lead = list(range(grid.repeat)) if segment.header else []
        heights = [rows.heights[r] for r in [*lead, *range(segment.start, segment.stop)]]
        for r, c, cell in part.cells():
            self._cell(self.row + r, c + 1, cell)
        for r, height in enumerate(heights):
            self.heights[self.row + r] = height
        self.row += len(part.rows)

    def _cell(self, row: int, col: int, cell: Cell) -> None:
        end_row, end_col = row + cell.rowspan - 1, col + cell.colspan - 1
        for r in range(row, end_row + 1):
            for c in range(col, end_col + 1):
                self.ws.cell(row=r, column=c).border = _BORDER
        target = self.ws.cell(row=row, column=col)
        written = written_format(cell.text) if cell.value is None and cell.written_number else None
        if cell.value is not None:
            target.value = float(cell.value)
            target.number_format = EXCEL_FORMATS.get(cell.fmt, "General")
        elif written is not None:
            # 100 or 0.80 as the form writes them, but a number: Excel flags no "number stored as text".
            target.value = float(cell.text) if "." in cell.text else int(cell.text)
            target.number_format = written
        else:
            target.value = _printable(cell.text) or None
            if cell.text.startswith("="):
                # A target written "=" or "=0" is text; openpyxl would store it as a formula.
                target.data_type = "s"
        bold = cell.style in ("head", "total", "section")
        target.font = Font(name=FONT_NAME, size=BODY_PT, bold=bold)
        target.alignment = Alignment(horizontal=_HORIZONTAL[cell.alignment], vertical="center", wrap_text=True)
        if end_row > row or end_col > col:
            self.ws.merge_cells(start_row=row, start_column=col, end_row=end_row, end_column=end_col)

    def _closing_lines(self, doc: Document) -> list[tuple[str, str, float]]:
        """Footnote, signature line and 单位（盖章） with its seal room: (text, alignment, height)."""
        lines: list[tuple[str, str, float]] = []
        if doc.footnote:
            lines.append((doc.footnote, "left", self._line_height(doc.footnote)))
        if doc.signature:
            signature = "    ".join(f"{name}：{value + ' ' * 6 if value else ' ' * 12}" for name, value in doc.signature)
            lines.append((signature, "left", self._line_height(signature)))
            if doc.seal:
                lines.append(("单位（盖章）", "right", MIN_ROW_PT + SEAL_ROOM_PT))  # the PDF's seal room
        return lines

    def _capacity(self) -> float:
        margins = self.ws.page_margins
        sheet_px = sum(chars * PX_PER_CHAR + COLUMN_PAD_PX for chars in self.chars)
        return rows_per_page_height(sheet_px, self.sheet.landscape,
                                    (margins.left, margins.right, margins.top, margins.bottom))

    def _print_setup(self) -> None:
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


def _units(grid: Grid) -> list[tuple[int, int]]:
    """Rows kept on one page: the heading rows (目标N, column heads) with the first body row; then
    each row, as in the PDF (a cut span names its 一级/二级 again on the next page)."""
    lead = min(grid.repeat, len(grid.rows) - 1)
    return [(0, lead), *((r, r) for r in range(lead + 1, len(grid.rows)))]


def _printable(text: str) -> str:
    """The text without the control characters a worksheet cannot hold (openpyxl raises on them);
    the form reader refuses them, a form stored before it did may still carry one (issue #11)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text) if text else text
