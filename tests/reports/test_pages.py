"""Tables running over pages: headings only at page tops, running 一级/二级 cells named on every page."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from model.form import Group
from reports import render_pdf
from reports.indicators import group_label
from reports.layout import Cell, Document, Grid, Sheet
from reports.pdf import write_pdf

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _pages(pdf: bytes, tmp_path: Path) -> list[str]:
    """Each page's text without whitespace (cells wrap, so words may be split across lines)."""
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [re.sub(r"\s+", "", page) for page in text.split("\f") if page.strip()]


def _block_grid() -> Grid:
    """Headings, then 一级 "G" over rows 1–4 with 二级 "S" over rows 2–3, then a plain row."""
    grid = Grid(3, name="t")
    grid.add(Cell("一级"), Cell("二级"), Cell("三级"))
    grid.repeat = 1
    grid.add(Cell("G", rowspan=4), Cell("s0"), Cell("a"))
    grid.add(Cell("S", rowspan=2), Cell("b"))
    grid.add(Cell("c"))
    grid.add(Cell("s1"), Cell("d"))
    grid.add(Cell("H"), Cell("s2"), Cell("e"))
    return grid


def _texts(grid: Grid) -> list[list[str]]:
    return [[f"{c.text}/{c.rowspan}" if c else "" for c in row] for row in grid.rows]


def test_a_part_repeats_the_headings_and_names_the_running_spans_again() -> None:
    part = _block_grid().part(3, 6, header=True)
    # Row 3 ("c") runs inside G (rows 1–4) and S (rows 2–3): both are placed again, cut to the part.
    assert _texts(part) == [["一级/1", "二级/1", "三级/1"], ["G/2", "S/1", "c/1"], ["", "s1/1", "d/1"],
                            ["H/1", "s2/1", "e/1"]]
    assert part.repeat == 1


def test_the_first_part_cuts_spans_at_its_end_and_keeps_its_own_headings() -> None:
    part = _block_grid().part(0, 3, header=True)
    assert _texts(part) == [["一级/1", "二级/1", "三级/1"], ["G/2", "s0/1", "a/1"], ["", "S/1", "b/1"]]
    assert part.repeat == 1
    headless = _block_grid().part(4, 6, header=False)
    assert _texts(headless) == [["G/1", "s1/1", "d/1"], ["H/1", "s2/1", "e/1"]] and headless.repeat == 0


@needs_poppler
def test_evaluation_pages_have_headings_once_at_the_top_and_name_their_level_one(seed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed004_eval"]
    buf = io.BytesIO()
    render_pdf(form, result, buf, draft=False)
    pages = _pages(buf.getvalue(), tmp_path)
    assert len(pages) > 2  # the table runs over several pages, or this test proves nothing
    heads = "一级指标二级指标三级指标指标解释评价标准评价过程分值指标得分"
    for number, page in enumerate(pages[1:], start=2):
        assert page.count(heads) == 1 and page.startswith(heads), f"page {number}"
    for first in form.goals[0].indicators:
        assert isinstance(first, Group)
        name = re.sub(r"\s+", "", group_label(first).split("\n")[0])
        for second in first.children:
            for leaf in getattr(second, "children", [second]):
                on = [p for p in pages if re.sub(r"\s+", "", leaf.name) in p]
                assert on and all(name in p for p in on), f"{leaf.name}: its 一级 {name} is not on its page"


@needs_poppler
def test_a_row_taller_than_a_page_is_split_inside_and_the_rest_follows(tmp_path: Path) -> None:
    grid = Grid(3, name="t")
    grid.add(Cell("一级", style="head"), Cell("三级", style="head"), Cell("评价标准", style="head"))
    grid.repeat = 1
    huge = "\n".join(f"第{i}条评价要点说明" for i in range(120))
    grid.add(Cell("G", rowspan=3), Cell("a"), Cell(huge))
    grid.add(Cell("b"), Cell("尾行甲"))
    grid.add(Cell("c"), Cell("尾行乙"))
    doc = Document(title="测试", sheets=[Sheet("s", [0.2, 0.2, 0.6], [grid])])
    buf = io.BytesIO()
    write_pdf(doc, buf)
    pages = _pages(buf.getvalue(), tmp_path)
    assert len(pages) >= 2
    whole = "".join(pages)
    assert all(f"第{i}条评价要点说明" in whole for i in range(120))
    assert "尾行甲" in whole and "尾行乙" in whole
    for page in pages:
        assert page.count("一级三级评价标准") == 1
