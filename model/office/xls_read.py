"""An old .xls workbook as lines (xlrd: pure Python, reads BIFF only, merged ranges included)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from model.office.cell_text import value_text
from model.office.lines import Document, Line, OfficeFileError, check_cell, damaged
from model.office.xlsx_read import MAX_COLS, MAX_ROWS


def read_xls(path: Path) -> Document:
    """Read every sheet of an Excel 97-2003 workbook."""
    import xlrd

    name = path.name
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise OfficeFileError(f"文件“{name}”设置了打开密码，本程序无法读取。请在 Excel/WPS 中打开它，取消密码，"
                                  "再“另存为” .xlsx 后导入。") from exc
        raise damaged(name, str(exc)[:60]) from exc
    except Exception as exc:  # noqa: BLE001 — xlrd raises many types for a damaged file
        raise damaged(name, type(exc).__name__) from exc
    doc = Document(name)
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.visibility == 0:  # hidden sheets hold lookup lists and old copies, not the form
                doc.lines.extend(_sheet_lines(book, sheet, index + 1, name))
    finally:
        book.release_resources()
    return doc


def _sheet_lines(book: Any, sheet: Any, number: int, name: str) -> list[Line]:
    import xlrd

    rows, cols = min(sheet.nrows, MAX_ROWS), min(sheet.ncols, MAX_COLS)
    continued: dict[tuple[int, int], bool] = {}
    for r0, r1, c0, c1 in sheet.merged_cells:
        for r in range(r0, min(r1, rows)):
            for c in range(c0, min(c1, cols)):
                if (r, c) != (r0, c0):
                    continued[(r, c)] = r > r0
    lines = []
    for r in range(rows):
        texts: list[str] = []
        merged: list[bool] = []
        for c in range(cols):
            if (r, c) in continued:
                texts.append("")
                merged.append(continued[(r, c)])
                continue
            cell = sheet.cell(r, c)
            value: object = cell.value
            fmt = "General"
            if cell.ctype == xlrd.XL_CELL_NUMBER:
                xf = book.xf_list[cell.xf_index] if cell.xf_index is not None else None
                fmt = book.format_map[xf.format_key].format_str if xf is not None else "General"
            elif cell.ctype == xlrd.XL_CELL_DATE:
                value = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                value = None
            texts.append(check_cell(value_text(value, fmt), f"工作表“{sheet.name}” 第{r + 1}行", name))
            merged.append(False)
        if any(t.strip() for t in texts):
            lines.append(Line(tuple(texts), tuple(merged), number, r + 1, sheet.name))
    return lines
