"""Row heights of a grid in the XLSX, and long text split over rows (Excel's rows stop at 409 pt).

Excel neither grows rows holding merged cells nor lets a row be taller than 409 pt; so the heights
are estimated from the text (reports/linebreak.py with an em estimate of 宋体), and a cell whose text
would need a taller row continues in rows added below it, the row's other cells merged down.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

from reports.layout import Cell, Grid
from reports.linebreak import break_text, em_measure

BODY_PT = 9  # as the PDF: the same text takes the same lines
LINE_PT = 12.2  # line height of 9 pt 宋体 in Excel (13.5 at 10 pt)
MIN_ROW_PT = 18.0
MAX_ROW_PT = 409.0  # Excel's limit
ROW_PAD_PT = 5.0
PX_PER_CHAR = 7.0  # Excel's column unit: the width of "0" in the default 11 pt font, at 96 dpi
COLUMN_PAD_PX = 5  # Excel (and LibreOffice) draw a column of n units 7n + 5 pixels wide
_MAX_LINES = int((MAX_ROW_PT - ROW_PAD_PT) // LINE_PT)


def usable_px(chars: float, size: float = BODY_PT) -> float:
    """The text width of a column `chars` units wide, in pixels: 7n + 5, less ~6 px of margins."""
    return max(chars * PX_PER_CHAR + COLUMN_PAD_PX - 6, size * 96 / 72)


def cell_lines(text: str, chars: float, size: float = BODY_PT) -> list[str]:
    """The lines of a cell's text in a column `chars` units wide (宋体: 1 em per Chinese character)."""
    em = round(size * 96 / 72)  # Windows draws 10 pt 宋体 at a whole 13 px
    # 5 % spare: Excel and WPS break a little earlier than our estimate at some marks.
    return break_text(text, usable_px(chars, size) * 0.95, em_measure(em))


def lines_needed(text: str, chars: float, size: float = BODY_PT) -> int:
    """How many lines a cell's text takes in a column `chars` Excel units wide."""
    return len(cell_lines(text, chars, size))


def split_tall_rows(grid: Grid, chars: list[float]) -> Grid:
    """The grid with each row whose text needs more than 409 pt continued in rows below it."""
    out = Grid(grid.ncols, name=grid.name, repeat=grid.repeat)
    spans: list[tuple[int, int, Cell]] = []  # (row in grid, rows spanned in grid, the cell written)
    for r, row in enumerate(grid.rows):
        pieces: dict[int, list[str]] = {}
        for c, cell in enumerate(row):
            if cell is not None and cell.rowspan == 1 and cell.value is None:
                lines = cell_lines(cell.text, sum(chars[c:c + cell.colspan]))
                if len(lines) > _MAX_LINES:
                    pieces[c] = ["\n".join(lines[i:i + _MAX_LINES]) for i in range(0, len(lines), _MAX_LINES)]
        extra = max((len(p) for p in pieces.values()), default=1) - 1
        if extra:
            # Cells above whose span runs through this row now run through its continuations too.
            for origin, count, written in spans:
                if origin < r < origin + count:
                    written.rowspan += extra
        first: list[Cell | None] = []
        for c, cell in enumerate(row):
            if cell is None:
                first.append(None)
                continue
            written = replace(cell, text=pieces[c][0]) if c in pieces else replace(cell, rowspan=cell.rowspan + extra)
            spans.append((r, cell.rowspan, written))
            first.append(written)
        out.rows.append(first)
        for k in range(1, extra + 1):
            more: list[Cell | None] = [None] * grid.ncols
            for c, texts in pieces.items():
                more[c] = replace(first[c], text=texts[k] if k < len(texts) else "")  # type: ignore[type-var]
            out.rows.append(more)
    return out


def row_heights(grid: Grid, chars: list[float], line: Callable[[Cell, float], int] | None = None) -> list[float]:
    """Heights that show all text: single rows first, then rows under tall spans stretched."""
    count = line or (lambda cell, width: lines_needed(cell.display, width))
    need = [MIN_ROW_PT] * len(grid.rows)
    spanning = []
    for r, c, cell in grid.cells():
        height = min(count(cell, sum(chars[c:c + cell.colspan])) * LINE_PT + ROW_PAD_PT, MAX_ROW_PT)
        if cell.rowspan == 1:
            need[r] = max(need[r], height)
        else:
            spanning.append((r, cell.rowspan, height))
    for start, rows, height in spanning:
        deficit = height - sum(need[start:start + rows])
        if deficit > 0:
            for x in range(start, start + rows):
                need[x] = min(need[x] + deficit / rows, MAX_ROW_PT)
    return need
