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
