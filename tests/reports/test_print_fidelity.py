"""Print fidelity round 2 (issue 13): what a finance bureau checks on every page of PDF and XLSX."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from model.codec import load_form
from reports import render_pdf, render_xlsx
from reports.rows import build_document
from resources import samples_dir
from tests.reports.conftest import SEEDS, scored

SAMPLES = sorted(samples_dir().glob("*.json"))
FORMS = [*SEEDS, *SAMPLES]
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return text.split("\f")[:-1]


def _last_table_text(form_path: Path) -> str:
    form, result = scored(form_path)
    grid = [g for g in build_document(form, result).sheets[0].grids if g.rows][-1]
    # The shortest text of the last row: it is not wrapped, so pdftotext gives it back whole.
    return min((c.display for c in grid.rows[-1] if c is not None and c.display.strip()), key=len)


@needs_poppler
@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.stem)
def test_no_pdf_page_holds_only_the_signature_or_the_page_number(path: Path, tmp_path: Path) -> None:
    form, result = scored(path)
    out = tmp_path / "form.pdf"
    render_pdf(form, result, out)
    pages = _pages(out)
    for number, page in enumerate(pages, start=1):
        body = page.replace(f"第 {number} 页 共 {len(pages)} 页", "").split()
        assert body, f"page {number} holds only its number"
    signed = [p for p in pages if "填表人" in p]
    if signed:
        assert len(signed) == 1 and "".join(_last_table_text(path).split()) in "".join(signed[0].split())


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.stem)
def test_no_xlsx_page_break_between_the_last_table_row_and_the_seal(path: Path, tmp_path: Path) -> None:
    form, result = scored(path)
    out = tmp_path / "form.xlsx"
    render_xlsx(form, result, out)
    ws = load_workbook(out).worksheets[0]
    signature = next((r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").startswith("填表人")),
                     None)
    if signature is None:
        return
    last_table_row = max(r for r in range(1, signature) if ws.cell(r, 1).border.left.style)
    assert all(not last_table_row <= b.id < ws.max_row for b in ws.row_breaks.brk), [b.id for b in ws.row_breaks.brk]


def _texts(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.display for sheet in doc.sheets for grid in sheet.grids for _r, _c, c in grid.cells()]


def test_the_unscored_department_form_prints_its_overall_goal(seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed001_dept"]
    overall = form.extra["overall_goal"]
    texts = _texts(build_document(form, result))
    assert {"总体目标", "年度目标", "年度总体目标完成情况", overall["expected"], overall["achieved"]} <= set(texts)
    # Before the goals: the block follows 资金情况 in the header grid, as in 001.
    header = build_document(form, result).sheets[0].grids[0]
    assert any(c is not None and c.text == "总体目标" for row in header.rows for c in row)


def test_other_labels_as_the_official_forms_print_them(seed) -> None:  # type: ignore[no-untyped-def]
    dept = _texts(build_document(*seed["seed003_dept"]))
    assert "其中：一般公共预算" in dept and "政府性基金拨款" in dept and "其中：基本支出" in dept
    assert "项目支出" in dept and not any(t.startswith("其中：其中") for t in dept)
    assert "按支出性质分：1,005.67" in dept
    project = build_document(*seed["seed003_project"])
    assert project.attachment == "附件3" and "项目支出名称" in _texts(project)
    basic = build_document(*seed["seed003_basic"])
    grid = basic.sheets[0].grids[0]
    saving = next(row for row in grid.rows if row[0] is not None and row[0].text == "厉行节约保障措施")
    assert saving[1] is not None and saving[1].colspan == 6  # label and text in one row
    assert basic.footnote.startswith("说明：“项目支出”需要填报基本支出以外的所有项目支出情况")
    assert basic.attachment == "附件1"


def test_subrow_names_get_one_qizhong() -> None:
    from reports.blocks import sub_row_name

    assert [sub_row_name(i, n) for i, n in enumerate(["合计", "其中：财政拨款", "其他资金"])] == [
        "合计", "其中：财政拨款", "其他资金"]
    assert sub_row_name(1, "当年财政拨款") == "其中：当年财政拨款"
    assert sub_row_name(2, "其中：上年结转") == "上年结转"


def test_an_unscored_form_gets_no_appendix_pages(seed) -> None:  # type: ignore[no-untyped-def]
    for name in ("seed001_dept", "seed002_p1", "seed003_basic"):
        form, result = seed[name]
        doc = build_document(form, result, appendix=True)
        assert [s.name for s in doc.sheets if s.name == "计分说明"] == [], name
        assert "本表不评分" not in " ".join(_texts(doc))
    scored_doc = build_document(*seed["seed000_t1"], appendix=True)
    assert any(s.name == "计分说明" for s in scored_doc.sheets)


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.stem)
def test_cell_text_is_broken_by_the_chinese_rules_and_stays_inside_its_cell(path: Path) -> None:
    """Every drawn line: no closing mark at its start, no opening mark at its end, inside its cell."""
    from reports.fonts import fonts
    from reports.linebreak import CANNOT_END, CANNOT_START
    from reports.pdf import frame_height, frame_width
    from reports.pdf_styles import BODY_SIZE, CELL_PAD_X, Styles
    from reports.pdf_table import TableLook, font_measure, printable, table_content

    styles = Styles(fonts(), BODY_SIZE)
    form, result = scored(path)
    for sheet in build_document(form, result, appendix=True, findings=True).sheets:
        look = TableLook(styles, [frame_width(sheet) * w for w in sheet.widths], frame_height(sheet))
        for grid in sheet.grids:
            data, _style = table_content(grid, look)
            for r, c, cell in grid.cells():
                drawn = data[r][c]
                width = sum(look.widths[c:c + cell.colspan]) - 2 * CELL_PAD_X
                assert "".join("".join(drawn.lines).split()) == "".join(printable(cell.display).split())
                measure = font_measure(drawn.font, drawn.size)
                for line in filter(None, drawn.lines):
                    assert measure(line) <= width, line
                    assert line[0] not in CANNOT_START or len(line) == 1, (cell.display, drawn.lines)
                    assert line[-1] not in CANNOT_END, (cell.display, drawn.lines)


def test_written_numbers_are_numbers_in_the_xlsx_and_look_the_same(seed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reports.excel import written_format

    assert [written_format(t) for t in ("100", "0.80", "-3", "≥70%", "18200人", "1,540", "")] == [
        "0", "0.00", "0", None, None, None, None]
    form, result = seed["seed000_t1"]
    out = tmp_path / "t1.xlsx"
    render_xlsx(form, result, out)
    ws = load_workbook(out).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row]
    # 实际完成值 “40” and “1.8” of seed 000 table 1 are numbers; “≥70%” stays text.
    targets = {str(leaf.target) for g in form.goals for leaf in _leaves(g.indicators)}
    actuals = {str(leaf.actual) for g in form.goals for leaf in _leaves(g.indicators)}
    numeric = {t for t in targets | actuals if written_format(t)}
    assert numeric, "the seed writes some plain numbers"
    for text in numeric:
        found = [c for c in cells if c.data_type == "n" and c.number_format == written_format(text)
                 and c.value == (float(text) if "." in text else int(text))]
        assert found, text
    assert any(c.value == "≥70%" and c.data_type == "s" for c in cells)


def _leaves(nodes):  # type: ignore[no-untyped-def]
    from model.form import Leaf

    out = []
    for node in nodes:
        out.extend([node] if isinstance(node, Leaf) else _leaves(node.children))
    return out


def test_no_xlsx_row_is_taller_than_excel_allows_and_long_text_continues_below(seed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed000_t1"]
    form.goals[0].expected = "为残疾人提供就业培训，提升就业能力。" * 120  # far beyond one 409 pt row
    out = tmp_path / "long.xlsx"
    render_xlsx(form, result, out)
    ws = load_workbook(out).worksheets[0]
    assert max(d.height or 0 for d in ws.row_dimensions.values()) <= 409
    pieces = [c for row in ws.iter_rows() for c in row
              if isinstance(c.value, str) and "为残疾人提供就业培训" in c.value]
    assert len(pieces) >= 2 and "".join(p.value.replace("\n", "") for p in pieces) == form.goals[0].expected
    # The 年度总体目标 label runs down beside every continuation row (named again on a new page).
    for piece in pieces:
        merged = next(m for m in ws.merged_cells.ranges if m.min_col == 1 and m.min_row <= piece.row <= m.max_row)
        assert ws.cell(merged.min_row, 1).value == "年度总体目标"


@pytest.mark.parametrize("path", [p for p in SEEDS if p.stem.startswith("seed001")], ids=lambda p: p.stem)
def test_xlsx_pages_starting_mid_goal_name_the_goal_and_no_page_doubles_its_heads(path: Path, tmp_path: Path) -> None:
    form, result = scored(path)
    out = tmp_path / "dept.xlsx"
    render_xlsx(form, result, out)
    ws = load_workbook(out).worksheets[0]
    assert ws.print_title_rows is None
    breaks = sorted(b.id for b in ws.row_breaks.brk)
    assert breaks
    for b in breaks:
        first = str(ws.cell(b + 1, 1).value or "")
        # Each page starts with a goal's 目标N row: its own start, or repeated when it starts mid-goal.
        assert first.startswith("目标"), (b, first)
        heads = [r for r in range(b + 1, b + 5) if ws.cell(r, 1).value == "一级指标"]
        assert len(heads) == 1, (b, heads)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
                    reason="LibreOffice (libreoffice-calc-nogui) and poppler-utils not installed")
@pytest.mark.parametrize("name", ["seed000_t2", "seed001_dept", "seed004_eval"])
def test_libreoffice_prints_the_xlsx_on_as_many_pages_as_the_pdf(name: str, tmp_path: Path, seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed[name]
    render_pdf(form, result, tmp_path / "form.pdf")
    render_xlsx(form, result, tmp_path / "form.xlsx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path / "lo"), str(tmp_path / "form.xlsx")], check=True, capture_output=True,
                   timeout=120)

    def pages(pdf: Path) -> int:
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
        return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages(tmp_path / "lo" / "form.pdf") == pages(tmp_path / "form.pdf")


def test_columns_grow_for_amounts_in_yuan_and_short_headings_and_the_others_give_room(seed) -> None:  # type: ignore[no-untyped-def]
    from reports.linebreak import em_measure
    from reports.widths import CELL_ROOM_PT, FRAME_WIDTH_PT

    form, result = seed["seed000_t1"]
    form.money_unit = "元"
    row = form.funds.rows[0]  # type: ignore[union-attr]
    row.annual, row.executed = 1540000, 1539999.5
    sheet = build_document(form, result).sheets[0]
    total = FRAME_WIDTH_PT[sheet.landscape]
    need = em_measure(9)("1,540,000.00") + CELL_ROOM_PT
    header = sheet.grids[0]
    money_col = next(c for r, c, cell in header.cells() if cell.display == "1,540,000.00")
    assert sheet.widths[money_col] * total >= need - 0.01
    assert sum(sheet.widths) == pytest.approx(1.0)
    heads = [c for r, c, cell in sheet.grids[-1].cells() if cell.display == "年度指标值"]
    assert sheet.widths[heads[0]] * total >= em_measure(9)("年度指标值") + CELL_ROOM_PT - 0.01


def test_the_width_table_matches_the_pdf_frame() -> None:
    from reports.layout import Sheet
    from reports.pdf import frame_width
    from reports.widths import FRAME_WIDTH_PT

    for landscape in (False, True):
        assert FRAME_WIDTH_PT[landscape] == pytest.approx(frame_width(Sheet("x", [1.0], landscape=landscape)), abs=0.01)


def test_control_characters_a_worksheet_cannot_hold_are_left_out(seed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed000_t1"]
    form.header["project_name"] = "就业\x1f培训"
    form.title = "项目支出\x07绩效自评表"
    out = tmp_path / "control.xlsx"
    render_xlsx(form, result, out)
    values = [c.value for row in load_workbook(out).worksheets[0].iter_rows() for c in row]
    assert "就业培训" in values and "项目支出绩效自评表" in values
