"""The bureau's 汇总表: rows first (order, totals, errors, unscorable forms), then PDF and XLSX."""
from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from model.errors import JixiaoError
from model.form import Form
from reports.summary_pdf import render_summary_pdf
from reports.summary_rows import HEADINGS, Summary, build_summary, row_cells
from reports.summary_xlsx import HEADING_ROW, render_summary_xlsx
from tests.conftest import make_sample_form

MADE = dt.datetime(2024, 3, 5, 14, 0)


@dataclass(frozen=True)
class FakeResult:
    total: Decimal | None
    grade: str | None
    errors: int

    def count(self, severity: str) -> int:
        return self.errors if severity == "error" else 99


def _form(unit: str, year: int, project: str, form_id: str) -> Form:
    form = make_sample_form()
    form.id = form_id
    form.year = year
    form.header.update(project_name=project, department=unit, implementing_unit=unit)
    return form


def _scorer(form: Form) -> FakeResult:
    if form.header["project_name"] == "无规则项目":
        raise JixiaoError("找不到评分规则“x”")
    return FakeResult(Decimal("86.50") if form.year == 2024 else Decimal("92"), "良" if form.year == 2024 else "优",
                      2 if "康复" in form.header["project_name"] else 0)


@pytest.fixture
def summary() -> Summary:
    forms = [_form("乙县民政局", 2024, "养老服务补贴", "b"), _form("甲县残联", 2023, "康复训练补助", "c"),
             _form("甲县残联", 2024, "康复训练补助", "a"), _form("乙县民政局", 2024, "无规则项目", "d")]
    return build_summary([(f, i + 1) for i, f in enumerate(forms)], MADE, _scorer)


def test_rows_are_ordered_by_unit_then_newest_year(summary: Summary) -> None:
    assert [(r.unit, r.year, r.title) for r in summary.rows] == [
        ("乙县民政局", 2024, "养老服务补贴"), ("乙县民政局", 2024, "无规则项目"),
        ("甲县残联", 2024, "康复训练补助"), ("甲县残联", 2023, "康复训练补助")]


def test_rows_carry_total_grade_errors_and_revision(summary: Summary) -> None:
    by_id = {r.form_id: r for r in summary.rows}
    assert (by_id["a"].total, by_id["a"].grade, by_id["a"].errors, by_id["a"].revision) == (Decimal("86.50"), "良", 2, 3)
    assert (by_id["c"].total, by_id["c"].grade, by_id["c"].errors) == (Decimal("92"), "优", 2)
    assert by_id["b"].errors == 0
    assert summary.with_errors == 2


def test_a_form_that_cannot_be_scored_stays_in_the_table_with_the_reason(summary: Summary) -> None:
    row = next(r for r in summary.rows if r.form_id == "d")
    assert row.total is None and row.errors is None
    assert row.note.startswith("无法评分：找不到评分规则")
    assert row_cells(2, row)[9:] == [None, "—", "—", row.note]


def test_xlsx_reopens_with_numbers_as_numbers(summary: Summary) -> None:
    buffer = io.BytesIO()
    render_summary_xlsx(summary, buffer)
    ws = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert ws["A1"].value == "预算绩效自评汇总表"
    assert "共 4 张表格，其中 2 张有审核错误" in ws["A2"].value
    assert [c.value for c in ws[HEADING_ROW]] == list(HEADINGS)
    first = [c.value for c in ws[HEADING_ROW + 1]]
    assert first[:12] == [1, "乙县民政局", 2024, "项目支出绩效自评表", "养老服务补贴", "草稿", 40, 30, "75.00%",
                          86.5, "良", 0]
    assert ws.cell(HEADING_ROW + 1, 10).number_format == "0.00"
    assert ws.freeze_panes == f"A{HEADING_ROW + 1}"
    assert ws.max_row == HEADING_ROW + 4 + 2 + 1  # 4 forms, a subtotal per unit, the foot


def test_pdf_is_a_pdf_with_an_embedded_chinese_font(summary: Summary) -> None:
    buffer = io.BytesIO()
    render_summary_pdf(summary, buffer)
    data = buffer.getvalue()
    assert data.startswith(b"%PDF")
    assert b"FontFile2" in data  # a TrueType font is embedded, not the viewer's substitute


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_pdf_text_reads_back_in_chinese(summary: Summary, tmp_path: Path) -> None:
    path = tmp_path / "汇总表.pdf"
    render_summary_pdf(summary, path)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    for expected in ("预算绩效自评汇总表", "乙县民政局", "养老服务补贴", "86.50", "第 1 页 共 1 页"):
        assert expected in text


def test_empty_summary_still_renders() -> None:
    empty = build_summary([], MADE, _scorer)
    buffer = io.BytesIO()
    render_summary_pdf(empty, buffer)
    render_summary_xlsx(empty, io.BytesIO())
    assert buffer.getvalue().startswith(b"%PDF")


def test_units_get_subtotals_and_the_foot_totals_average_and_grades(summary: Summary) -> None:
    from reports.summary_rows import printed_rows

    lines = printed_rows(summary)
    assert [what for what, _ in lines] == ["row", "row", "subtotal", "row", "row", "subtotal", "total"]
    sub = lines[2][1]
    assert sub[1] == "乙县民政局 小计" and sub[3] == "2 张"
    assert (sub[6], sub[7], sub[8]) == (Decimal("80.0"), Decimal("60.0"), "75.00%")
    foot = lines[-1][1]
    assert foot[1] == "合计" and foot[3] == "4 张" and foot[6] == Decimal("160.0")
    # 86.50 + 86.50 + 92 over the three scored forms (the unscorable one is left out).
    assert foot[9] == Decimal("88.33")
    assert foot[12] == "平均分（3 张已评分）；优 1 张，良 2 张"


def test_rate_is_none_without_a_budget_and_money_in_yuan_is_summed_in_wan() -> None:
    from reports.summary_rows import rate_text, summary_row

    form = _form("甲县残联", 2024, "目标表项目", "y")
    form.money_unit = "元"
    assert form.funds is not None
    form.funds.rows[0].annual, form.funds.rows[0].executed = 400000, 300000
    row = summary_row(form, 1, _scorer)
    assert (row.annual, row.executed, rate_text(row.rate)) == (Decimal(40), Decimal(30), "75.00%")
    form.funds.rows[0].annual = 0
    assert rate_text(summary_row(form, 1, _scorer).rate) == "—"


def test_every_pdf_heading_fits_on_one_line() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from reports.fonts import fonts
    from reports.summary_pdf import FONT_SIZE, FRACTIONS, MARGIN, PADDING, PAGE

    font = fonts()
    width = PAGE[0] - 2 * MARGIN
    for heading, fraction in zip(HEADINGS, FRACTIONS, strict=True):
        assert stringWidth(heading, font.title, FONT_SIZE) <= fraction * width - 2 * PADDING, heading
    assert abs(sum(FRACTIONS) - 1) < 1e-9


def test_state_filter_keeps_only_the_chosen_states(summary: Summary) -> None:
    from model.signoff import sign

    signed = _form("甲县残联", 2024, "康复训练补助", "s")
    sign(signed, "填表人", "李小明", "2024-03-01")
    sign(signed, "审核人", "王小芳", "2024-03-02")
    both = build_summary([(signed, 3), (_form("甲县残联", 2024, "另一项目", "t"), 1)], MADE, _scorer)
    assert sorted((r.form_id, r.state) for r in both.rows) == [("s", "已审核"), ("t", "草稿")]
    assert [r.form_id for r in both.only(["已审核"]).rows] == ["s"]
    assert [r.form_id for r in both.only(["草稿", "签字后被修改"]).rows] == ["t"]


def test_subtotal_rate_counts_only_forms_with_both_figures() -> None:
    from reports.summary_rows import subtotal, summary_row

    full, budget_only = _form("甲县残联", 2024, "甲项目", "p"), _form("甲县残联", 2024, "乙项目", "q")
    assert budget_only.funds is not None
    budget_only.funds.rows[0].executed = None  # 40 budgeted, nothing spent yet written
    sub = subtotal("小计", [summary_row(full, 1, _scorer), summary_row(budget_only, 1, _scorer)])
    assert (sub.annual, sub.executed, sub.rate) == (Decimal("80.0"), Decimal("30.0"), Decimal("0.75"))


def test_xlsx_rows_grow_for_wrapped_names(summary: Summary) -> None:
    buffer = io.BytesIO()
    render_summary_xlsx(summary, buffer)
    ws = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert ws.row_dimensions[HEADING_ROW + 1].height == 15  # 乙县民政局 / 养老服务补贴: one line
    foot = ws.max_row
    assert ws.row_dimensions[foot].height == 30  # 平均分（3 张已评分）；优 1 张，良 2 张 wraps once


def test_a_form_with_errors_shows_the_count_beside_its_grade_and_no_revision_column(summary: Summary) -> None:
    """Issue #15 point 19: “102.00 优” for a form with 13 errors; 版本 showed internal numbers."""
    assert "版本" not in HEADINGS
    row = next(r for r in summary.rows if r.errors)
    cells = dict(zip(HEADINGS, row_cells(1, row)))
    assert cells["等级"] == f"{row.grade}（{row.errors}个错误）" and cells["错误数"] == row.errors
    assert str(cells["备注"]).startswith("有审核错误，得分待核实")
    clean = next(r for r in summary.rows if r.errors == 0)
    assert "错误" not in str(dict(zip(HEADINGS, row_cells(1, clean)))["等级"])


def test_the_bureau_summary_leaves_out_the_sample_unit(tmp_path: Path) -> None:
    """Issue #15 point 19: a fresh bureau database loaded the sample unit, which then appeared in its summary."""
    from model.samples import sample_ids, seed_if_new
    from model.store import Store
    from resources import samples_dir
    from ui.services.summary import load_summary

    store = Store.open(tmp_path / "bureau")
    try:
        added = seed_if_new(store, samples_dir())
        assert added > 0 and len(sample_ids(store)) == added
        imported = make_sample_form()
        imported.header.update(department="乙县残联", implementing_unit="乙县残联")
        form_id = store.add(imported)
        assert [r.form_id for r in load_summary(store).rows] == [form_id]
        assert len(load_summary(store, samples=True).rows) == added + 1
    finally:
        store.close()
