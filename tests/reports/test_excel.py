"""XLSX export: cells, merges, number formats (numbers, not text), 宋体, A4 print setup, no formulas."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reports import render_xlsx
from tests.reports.conftest import SEEDS, scored


def _book(form, result, **kw):  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    render_xlsx(form, result, buf, **kw)
    buf.seek(0)
    return load_workbook(buf)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_seed_writes_a_workbook_without_formulas_and_with_print_setup(path: Path) -> None:
    form, result = scored(path)
    ws = _book(form, result).worksheets[0]
    # Above the title: at most the 草稿 note and the 附件N label.
    assert form.display_title in [ws.cell(r, 1).value for r in (1, 2, 3)]
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == ("landscape" if form.kind == "evaluation" else "portrait")
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"{cell.coordinate} holds a formula"  # e.g. a target written "="
            if cell.value is not None:
                assert cell.font.name == "宋体"


def test_self_eval_cells_merges_and_number_formats(seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed000_t1"]
    ws = _book(form, result).worksheets[0]
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
    rate = next(c for c in cells.values() if c.number_format == "0.00%")
    assert rate.value == pytest.approx(float(result.funds.rate))
    money = [c for row in ws.iter_rows() for c in row if c.value == 1.8 and c.number_format == "#,##0.00"]
    assert money and isinstance(money[0].value, float)
    total = next(c for c in cells.values() if c.value == "总分")
    assert ws.cell(total.row, 8).value == pytest.approx(float(result.total))
    # 分值 and 得分 in one number format (issue 13): 100 and 52, as the official forms print them.
    assert ws.cell(total.row, 8).number_format == ws.cell(total.row, 7).number_format == "General"
    first = cells["产出指标"]
    merged = next(m for m in ws.merged_cells.ranges if m.min_row == first.row and m.min_col == 2)
    assert merged.max_row - merged.min_row + 1 == 5 and merged.max_col == 2
    # Page headings are written where a page starts mid-table (issue 13), not as print titles.
    assert ws.print_title_rows is None
    assert ws.row_dimensions[cells["年度总体目标"].row].height >= 18


def test_long_text_gets_row_height_for_every_line(seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed000_t1"]
    ws = _book(form, result).worksheets[0]
    text_cell = next(c for row in ws.iter_rows() for c in row if c.value == form.goals[0].expected)
    import math
    import unicodedata

    width_px = sum(ws.column_dimensions[col].width * 7 + 5 for col in "BCDE")
    wide = sum(1 for ch in text_cell.value if unicodedata.east_asian_width(ch) in "WF")
    # 9 pt 宋体 as the PDF: a full-width character 12 px wide, 12.2 pt a line.
    assert ws.row_dimensions[text_cell.row].height >= math.ceil(wide * 12 / width_px) * 12.2
    assert text_cell.alignment.wrap_text


def test_target_plan_percentages_are_numbers(seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed002_p1"]
    ws = _book(form, result).worksheets[0]
    plan = [c for row in ws.iter_rows() for c in row if c.number_format == '0.00"%"']
    assert [c.value for c in plan] == [25.0, 50.0, 75.0, 100.0]


def test_options_add_sheets(seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed004_eval"]
    book = _book(form, result, appendix=True, findings=True)
    assert book.sheetnames == ["综合评分表", "计分说明", "审核意见"]
    levels = [c.value for c in book["审核意见"]["A"] if c.value in ("错误", "警告", "提示")]
    assert len(levels) == len(result.findings)


def test_draft_puts_grey_header_text_and_a_note_above_the_title(seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed000_t1"]
    book = _book(form, result, appendix=True, draft=True)
    ws = book.worksheets[0]
    assert ws["A1"].value.startswith("草稿：") and ws["A1"].font.color.rgb.endswith("C00000")
    assert ws["A2"].value == form.display_title
    for sheet in book.worksheets:  # every sheet prints 草稿 at the top of every page
        assert sheet.oddHeader.center.text == "草稿" and sheet.oddHeader.center.size == 28
    # The header text needs more room than the header margin plus its own height.
    assert ws.page_margins.top >= ws.page_margins.header + 28 / 72 + 0.1
    final = _book(form, result, draft=False).worksheets[0]
    assert final["A1"].value == form.display_title and not final.oddHeader.center.text


def test_draft_none_follows_the_sign_off(seed) -> None:  # type: ignore[no-untyped-def]
    import copy

    from model.signoff import sign

    form, result = seed["seed000_t1"]
    form = copy.deepcopy(form)

    def marked() -> bool:
        ws = _book(form, result).worksheets[0]
        return bool(ws.oddHeader.center.text == "草稿" and ws["A1"].value.startswith("草稿"))

    assert marked()
    sign(form, "填表人", "李小明", "2024-03-01")
    sign(form, "审核人", "王小芳", "2024-03-02")
    assert not marked()
    texts = [c.value for row in _book(form, result).worksheets[0].iter_rows() for c in row if c.value]
    assert any("填表人：李小明 2024-03-01" in str(t) and "审核人：王小芳 2024-03-02" in str(t) for t in texts)


def test_page_breaks_keep_headings_with_a_row_and_cut_merges_with_the_label_again(seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed004_eval"]
    ws = _book(form, result).worksheets[0]
    breaks = [b.id for b in ws.row_breaks.brk]
    assert breaks, "the evaluation table runs over several pages"
    heads = [c.row for c in ws["B"] if c.value == "二级指标"]
    assert heads and all(h not in breaks for h in heads)  # never a page ending on the column heads
    for merged in ws.merged_cells.ranges:
        # No merged cell runs over a page break: each page's part has its own merge.
        assert not any(merged.min_row <= b < merged.max_row for b in breaks), merged.coord
    for b in breaks[1:]:
        # A page starting inside the table starts with its column heads, then names its 一级 again.
        assert ws.cell(b + 1, 1).value == "一级指标"
        first, third = ws.cell(b + 2, 1).value, ws.cell(b + 2, 3).value
        if third and str(third)[:1] in "ABCD":
            assert first and str(first)[0] == str(third)[0]


def test_page_break_arithmetic() -> None:
    from reports.excel_pages import GridRows, Segment, paginate, rows_per_page_height

    # Heading row 0 (20 pt) stays with row 1; each later row alone; 300 pt a page.
    grid = GridRows([20.0, *[100.0] * 6], [(0, 1), *((r, r) for r in range(2, 7))], repeat=1)
    segments, breaks = paginate([grid], 300.0)
    # 20+100+100 | (20)+100+100 | (20)+100+100: the heading row printed again on each page.
    assert segments == [Segment(0, 0, 3, False), Segment(0, 3, 5, True), Segment(0, 5, 7, True)]
    assert breaks == {0, 1}
    # The signature block (tail) goes with the last row: that row moves to the next page with it.
    segments, breaks = paginate([GridRows([100.0, 100.0], [(0, 0), (1, 1)])], 300.0, used=50.0, tail=120.0)
    assert segments == [Segment(0, 0, 1, False), Segment(0, 1, 2, False)] and breaks == {0}
    # A grid that does not start on the first page: the break comes after the title lines (-1).
    segments, breaks = paginate([GridRows([250.0], [(0, 0)])], 300.0, used=100.0)
    assert segments == [Segment(0, 0, 1, False)] and breaks == {-1}
    # A4 portrait, 0.6/0.7 in margins, a 700 px sheet: 96 % scale, (11.69 - 1.3) × 72 / 0.96 × 0.97.
    assert rows_per_page_height(700, False, (0.6, 0.6, 0.6, 0.7)) == pytest.approx(10.39 * 72 / 0.96 * 0.97)
