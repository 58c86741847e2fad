"""Manual page breaks for the XLSX, cut as the PDF cuts its pages: between rows, a goal's heading rows
with its first row, headings printed again where a page starts mid-table, the signature with the last
rows; Excel never cuts through a merged cell, and LibreOffice prints as many pages as the PDF has.

Pure arithmetic on estimated row heights; the writer passes the rows and the page geometry.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True)
class GridRows:
    """What pagination needs of one grid: its row heights, page units and repeated heading rows."""

    heights: list[float]
    units: list[tuple[int, int]]  # (first, last) grid rows that go on one page when they fit
    repeat: int = 0


@dataclass(frozen=True)
class Segment:
    """Rows [start, stop) of grid `grid` printed together; `header`: its heading rows go first."""

    grid: int
    start: int
    stop: int
    header: bool


def paginate(grids: Sequence[GridRows], capacity: float, used: float = 0.0,
             tail: float = 0.0) -> tuple[list[Segment], set[int]]:
    """Cut the grids into page segments as the PDF does (reports/pdf_table.py).

    A page that starts inside a grid with heading rows (a goal's 目标N and the column heads) prints
    them again there, so every page names its goal, and a page that starts a goal shows its heads
    once; the sheet needs no print titles. The `tail` (signature and seal room) stays with the last
    unit of the last grid.

    Args:
        grids: the grids in print order.
        capacity: what a page holds (rows_per_page_height).
        used: the height already taken on the first page (title lines).
        tail: the height that must follow the last grid's last unit on the same page.

    Returns:
        The segments in order, and the indexes of the segments after which a page ends
        (-1: after the title lines, before any segment).
    """
    segments: list[Segment] = []
    breaks: set[int] = set()
    for index, grid in enumerate(grids):
        start, header = 0, False
        last_unit = len(grid.units) - 1
        for number, (first, last) in enumerate(grid.units):
            height = sum(grid.heights[first:last + 1])
            if index == len(grids) - 1 and number == last_unit:
                height += tail
            if used + height <= capacity or used == 0:
                used += height  # it fits, or nothing fits better on a fresh page
                continue
            if first > start:
                segments.append(Segment(index, start, first, header))
            breaks.add(len(segments) - 1)
            header = 0 < grid.repeat <= first
            used = (sum(grid.heights[:grid.repeat]) if header else 0.0) + height
            start = first
        segments.append(Segment(index, start, len(grid.heights), header))
    return segments, breaks
