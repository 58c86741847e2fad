"""The 汇总表 as an XLSX workbook: title, a frozen heading row, numbers kept as numbers."""
from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from reports.summary_rows import HEADINGS, MONEY_NOTE, TITLE, Summary, printed_rows

# Column widths in characters, in HEADINGS order.
_WIDTHS = (6, 24, 8, 26, 36, 13, 12, 12, 10, 9, 14, 8, 34)
_WRAPPED = {HEADINGS.index(h) + 1 for h in ("单位", "表格类型", "名称", "备注")}
_MONEY = {HEADINGS.index(h) + 1 for h in ("全年预算数", "全年执行数")}
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADING_ROW = 3


def _text_width(text: str) -> int:
    """Width in Excel columns: two for a wide (CJK) character, one for others."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def render_summary_xlsx(summary: Summary, dest: Path | BinaryIO) -> None:
    """Write the summary workbook.

    Args:
        summary: from build_summary.
        dest: a path or a binary stream.
    """
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "汇总表"
    last = get_column_letter(len(HEADINGS))
    ws.merge_cells(f"A1:{last}1")
    ws["A1"] = TITLE
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"] = (f"生成时间：{summary.made:%Y年%m月%d日 %H:%M}　共 {len(summary.rows)} 张表格，"
                f"其中 {summary.with_errors} 张有审核错误　{MONEY_NOTE}")
    for col, (heading, width) in enumerate(zip(HEADINGS, _WIDTHS), start=1):
        cell = ws.cell(HEADING_ROW, col, heading)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cell.border = _BOX
        ws.column_dimensions[get_column_letter(col)].width = width
    for line, (what, cells) in enumerate(printed_rows(summary), start=1):
        # Excel and LibreOffice do not grow a row for wrapped text written by openpyxl: set the height
        # from the longest wrapped cell (a Chinese character is two columns wide).
        lines = max((math.ceil(_text_width(str(cells[col - 1])) / (_WIDTHS[col - 1] - 1))
                     for col in _WRAPPED if cells[col - 1]), default=1)
        ws.row_dimensions[HEADING_ROW + line].height = 15 * max(lines, 1)
        for col, value in enumerate(cells, start=1):
            cell = ws.cell(HEADING_ROW + line, col, float(value) if isinstance(value, Decimal) else value)
            cell.border = _BOX
            if isinstance(value, Decimal):
                cell.number_format = "0.00"
            if what != "row":
                cell.font = Font(bold=True)
            left = col in _WRAPPED
            cell.alignment = Alignment(vertical="center", wrap_text=left,
                                       horizontal="right" if col in _MONEY else "left" if left else "center")
    ws.freeze_panes = ws.cell(HEADING_ROW + 1, 1)
    ws.print_title_rows = f"{HEADING_ROW}:{HEADING_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(dest)
