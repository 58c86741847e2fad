"""The 汇总表 as an XLSX workbook: title, a frozen heading row, numbers kept as numbers."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from reports.summary_rows import HEADINGS, TITLE, Summary, row_cells

# Column widths in characters, in HEADINGS order.
_WIDTHS = (6, 26, 8, 28, 40, 9, 14, 8, 34)
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADING_ROW = 3


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
                f"其中 {summary.with_errors} 张有审核错误")
    for col, (heading, width) in enumerate(zip(HEADINGS, _WIDTHS), start=1):
        cell = ws.cell(HEADING_ROW, col, heading)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cell.border = _BOX
        ws.column_dimensions[get_column_letter(col)].width = width
    for index, row in enumerate(summary.rows, start=1):
        for col, value in enumerate(row_cells(index, row), start=1):
            cell = ws.cell(HEADING_ROW + index, col, float(value) if isinstance(value, Decimal) else value)
            cell.border = _BOX
            if isinstance(value, Decimal):
                cell.number_format = "0.00"
            cell.alignment = Alignment(vertical="center", wrap_text=col in (2, 4, 5, 9),
                                       horizontal="left" if col in (2, 4, 5, 9) else "center")
    ws.freeze_panes = ws.cell(HEADING_ROW + 1, 1)
    ws.print_title_rows = f"{HEADING_ROW}:{HEADING_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(dest)
