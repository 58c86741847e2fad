"""Manual page breaks for the XLSX: keep a 一级 block (or a goal's heading rows with its first block)
on one printed page when it fits, as the PDF does, instead of Excel cutting through a merged cell.

Pure arithmetic on estimated row heights; the writer passes the rows and the page geometry.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

A4_INCHES = (8.27, 11.69)
# Excel prints the row heights we set, so only the scale is uncertain; WPS and LibreOffice scale a
# little differently: break a little early rather than a row too late.
SAFETY = 0.97


def rows_per_page_height(sheet_px: float, landscape: bool, margins: tuple[float, float, float, float]) -> float:
    """The height, in points of unscaled rows, that one printed page holds.

    Args:
        sheet_px: the printed columns' total width in pixels (scaled to one page wide).
        landscape: page orientation.
        margins: left, right, top, bottom in inches.
    """
    paper_w, paper_h = A4_INCHES[::-1] if landscape else A4_INCHES
    left, right, top, bottom = margins
    width_pt = (paper_w - left - right) * 72
    # Fit to one page wide shrinks (never grows) by a whole percentage, rounded down as Excel does.
    scale = math.floor(min(1.0, width_pt / (sheet_px * 0.75)) * 100) / 100
    return (paper_h - top - bottom) * 72 / scale * SAFETY


def page_breaks(heights: dict[int, float], units: Sequence[tuple[int, int]], capacity: float,
                title_height: float = 0.0) -> list[int]:
    """Rows after which a page must end so that no unit is cut when it fits on a page.

    Args:
        heights: row number → height in points.
        units: (first, last) rows that belong together, in order, covering the printed rows.
        capacity: what a page holds (rows_per_page_height).
        title_height: the print-title rows repeated on every page after the first.

    Returns:
        Row numbers to break after (openpyxl Break ids), ascending.
    """
    breaks: list[int] = []
    used = 0.0
    for first, last in units:
        rows = range(first, last + 1)
        height = sum(heights.get(r, 15.0) for r in rows)
        if used + height <= capacity:
            used += height
            continue
        if used > title_height and height <= capacity - title_height:
            breaks.append(first - 1)
            used = title_height + height
            continue
        # Taller than a page: only its rows can be kept whole.
        for row in rows:
            h = heights.get(row, 15.0)
            if used + h > capacity and used > title_height:
                breaks.append(row - 1)
                used = title_height
            used += h
    return breaks
