"""PDF export of every seed: text (names, figures, total, title), embedded subset fonts, pages."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from model.form import Leaf
from model.tree import walk
from reports import render_pdf
from reports.fonts import fonts
from reports.layout import format_number
from tests.reports.conftest import SEEDS, scored

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _squash(text: str) -> str:
    """Text without whitespace: table cells wrap, so words may be split across lines."""
    return re.sub(r"\s+", "", text)


def _pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


@needs_poppler
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_seed_prints_its_names_figures_total_and_title(path: Path, tmp_path: Path) -> None:
    form, result = scored(path)
    out = tmp_path / "form.pdf"
    render_pdf(form, result, out)
    text = _squash(_pdftotext(out))
    assert _squash(form.display_title) in text
    for _goal, node, _depth, _path in walk(form):
        assert _squash(node.name) in text, node.name
        if isinstance(node, Leaf):
            score = result.node(node.id)
            if score is not None and score.score is not None:
                assert format_number(score.score, "plain") in text  # as 分值 prints (issue 13)
    if result.total is not None:
        assert format_number(result.total, "plain") in text
    if result.funds is not None and result.funds.rate is not None:
        assert format_number(result.funds.rate, "percent") in text
    for row in (form.funds.rows if form.funds else []):
        for value in (row.initial, row.annual, row.executed):
            if value is not None:
                assert format_number(value, "money") in text
    pages = int(re.search(r"共(\d+)页", text).group(1))  # type: ignore[union-attr]
    assert f"第1页共{pages}页" in text and f"第{pages}页共{pages}页" in text


def test_fonts_are_embedded_subsets_and_no_base14_font_is_named(seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed003_project"]
    buf = io.BytesIO()
    render_pdf(form, result, buf)
    data = buf.getvalue()
    assert data.startswith(b"%PDF")
    assert b"/FontFile2" in data  # embedded TrueType program
    assert re.search(rb"/BaseFont /[A-Z]{6}\+", data)  # subset tag, e.g. AAAAAA+UMingCN-0
    assert b"Helvetica" not in data and b"STSong" not in data


def test_every_printed_character_has_a_glyph_in_the_font(seed) -> None:  # type: ignore[no-untyped-def]
    from reportlab.pdfbase import pdfmetrics

    from reports.pdf_table import printable
    from reports.rows import build_document

    face = pdfmetrics.getFont(fonts().body).face
    missing = set()
    for form, result in seed.values():
        doc = build_document(form, result, appendix=True, findings=True)
        for sheet in doc.sheets:
            for grid in sheet.grids:
                for _r, _c, cell in grid.cells():
                    missing |= {ch for ch in printable(cell.display) if ch.strip() and ord(ch) not in face.charToGlyph}
    assert not missing


@needs_poppler
def test_draft_watermark_and_options(seed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed000_t1"]
    plain, full = tmp_path / "plain.pdf", tmp_path / "full.pdf"
    render_pdf(form, result, plain, draft=False)
    render_pdf(form, result, full, appendix=True, findings=True, draft=True)
    plain_text, full_text = _squash(_pdftotext(plain)), _squash(_pdftotext(full))
    assert "草稿" not in plain_text and "草稿" in full_text
    assert "计分说明" in full_text and "审核意见" in full_text and "计分说明" not in plain_text
    assert _squash(result.findings[0].message) in full_text


@needs_poppler
def test_a_signed_form_prints_the_signers_and_no_watermark(seed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import copy

    from model.signoff import sign

    form, result = seed["seed000_t1"]
    form = copy.deepcopy(form)
    draft, signed = tmp_path / "draft.pdf", tmp_path / "signed.pdf"
    render_pdf(form, result, draft)
    sign(form, "填表人", "李小明", "2024-03-01")
    sign(form, "审核人", "王小芳", "2024-03-02")
    render_pdf(form, result, signed)
    draft_text, signed_text = _squash(_pdftotext(draft)), _squash(_pdftotext(signed))
    assert "草稿" in draft_text and "草稿" not in signed_text
    assert "填表人：李小明2024-03-01" in signed_text and "审核人：王小芳2024-03-02" in signed_text
    assert "单位（盖章）" in signed_text


def test_evaluation_prints_landscape(seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed004_eval"]
    buf = io.BytesIO()
    render_pdf(form, result, buf)
    assert b"/MediaBox [ 0 0 841.8898 595.2756 ]" in buf.getvalue()


def test_a_failed_render_leaves_no_file(seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed000_t1"]
    out = tmp_path / "form.pdf"
    out.write_bytes(b"old")

    def boom(*_a: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("reports.pdf.build_story", boom)
    with pytest.raises(RuntimeError):
        render_pdf(form, result, out)
    assert out.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["form.pdf"]


def test_the_findings_page_names_places_in_chinese_without_codes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue #15 point 8: FUNDS_INITIAL_MISSING and “funds / 年度资金总额” were printed."""
    from model.codec import load_form
    from reports.rows import findings_sheet
    from resources import samples_dir
    from ui.services.evaluation import evaluate_with_profile

    form = load_form(samples_dir() / "01-seed000_t1.json")
    result = evaluate_with_profile(form)
    assert any(f.path and f.path[0] == "funds" for f in result.findings)
    sheet = findings_sheet(result)
    texts = [cell.text for grid in sheet.grids for row in grid.rows for cell in row if cell is not None]
    joined = "\n".join(texts)
    assert "资金表 年度资金总额" in joined
    assert not any(f.code in joined for f in result.findings)
    assert "funds" not in joined and "header" not in joined and "代码" not in joined
