"""An .xlsx file as lines: each sheet one table, merged ranges marked (openpyxl opens it)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from model.office.cell_text import value_text
from model.office.lines import Document, Line, check_cell, damaged

# A form sheet has a few hundred rows; formatting often claims a million. Read no further than this.
MAX_ROWS = 5000
MAX_COLS = 60


def read_xlsx(path: Path) -> Document:
    """Read every sheet; the cached values of formulas are used (what Excel last showed)."""
    import openpyxl

    name = path.name
    try:
        # A file object, not the name: openpyxl refuses names not ending .xlsx, and the contents decided.
        with path.open("rb") as fh:
            wb = openpyxl.load_workbook(fh, data_only=True)
    except Exception as exc:  # noqa: BLE001 — openpyxl raises many types for a bad package
        raise damaged(name, type(exc).__name__) from exc
    doc = Document(name)
    try:
        for number, ws in enumerate(wb.worksheets, start=1):
            if ws.sheet_state == "visible":  # hidden sheets hold lookup lists and old copies, not the form
                doc.lines.extend(_sheet_lines(ws, number, name))
    finally:
        wb.close()
    return doc


def _sheet_lines(ws: Any, number: int, name: str) -> list[Line]:
    rows = min(ws.max_row or 0, MAX_ROWS)
    cols = min(ws.max_column or 0, MAX_COLS)
    continued: dict[tuple[int, int], bool] = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, min(rng.max_row, rows) + 1):
            for c in range(rng.min_col, min(rng.max_col, cols) + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    continued[(r, c)] = r > rng.min_row
    lines = []
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=rows, max_col=cols), start=1):
        texts: list[str] = []
        merged: list[bool] = []
        for c, cell in enumerate(row, start=1):
            if (r, c) in continued:
                texts.append("")
                merged.append(continued[(r, c)])
                continue
            text = value_text(cell.value, cell.number_format or "General")
            texts.append(check_cell(text, f"工作表“{ws.title}” 第{r}行", name))
            merged.append(False)
        if any(t.strip() for t in texts):
            lines.append(Line(tuple(texts), tuple(merged), number, r, ws.title))
    return lines
