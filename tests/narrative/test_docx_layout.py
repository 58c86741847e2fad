"""The DOCX is in 公文 layout: A4, GB/T 9704 margins, fonts by style, 28 pt lines, “— 1 —” footer."""
from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Pt

from reports.narrative import render_report
from tests.narrative.conftest import sample


def _east_asian(style: object) -> str:
    rfonts = style.element.rPr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    return str(rfonts.get(qn("w:eastAsia")))


def test_page_margins_fonts_and_footer(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    render_report(*sample("07-seed003_project"), docx=out)
    d = docx.Document(str(out))
    s = d.sections[0]
    mm = [round(v.mm, 1) for v in (s.page_width, s.page_height, s.top_margin, s.bottom_margin, s.left_margin,
                                   s.right_margin)]
    assert mm == [210, 297, 37, 35, 28, 26]
    styles = d.styles
    assert _east_asian(styles["Title"]) == "方正小标宋简体" and styles["Title"].font.size == Pt(22)
    assert _east_asian(styles["Heading 1"]) == "黑体" and styles["Heading 1"].font.size == Pt(16)
    assert _east_asian(styles["Normal"]) == "仿宋_GB2312" and styles["Normal"].font.size == Pt(16)
    assert styles["Normal"].paragraph_format.line_spacing == Pt(28)
    footer = s.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert "PAGE" in footer._p.xml
    assert d.paragraphs[0].style.name == "Title"
    assert any(p.style.name == "Heading 1" and p.text == "一、基本情况" for p in d.paragraphs)
    assert len(d.tables) >= 5 and d.tables[0].style.name == "Table Grid"
    leaves = next(t for t in d.tables if t.rows[0].cells[0].text == "二级指标")
    assert "w:vMerge" in leaves._tbl.xml  # 数量指标 is one cell down its ten rows
    assert [leaves.rows[i].cells[0].text for i in (1, 10)] == ["数量指标", "数量指标"]
    assert leaves.rows[1].cells[0].paragraphs[0].style.name == "Table Text"
    highlighted = [r for p in d.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert highlighted and all(r.text.startswith("【请填写：") for r in highlighted)


def test_font_table_names_fallbacks(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    render_report(*sample("06-seed003_dept"), docx=out)
    import zipfile

    xml = zipfile.ZipFile(out).read("word/fontTable.xml").decode("utf-8")
    assert 'w:name="仿宋_GB2312"' in xml and 'w:altName w:val="仿宋"' in xml
    assert 'w:name="方正小标宋简体"' in xml


def test_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    out.write_bytes(b"old")
    form, result = sample("07-seed003_project")
    form.kind = "dept_basic_data"
    try:
        render_report(form, result, docx=out)
    except Exception:  # noqa: BLE001 — any refusal must leave the file as it was
        pass
    assert out.read_bytes() == b"old"


def test_control_characters_in_the_form_do_not_break_the_word_file(tmp_path: Path) -> None:
    from reports.narrative import render_report

    form, result = sample("07-seed003_project")
    form.header["project_name"] = "残疾人\x1f就业保障金"
    form.goals[0].expected = "目标\x0b文字"
    out, pdf = tmp_path / "r.docx", tmp_path / "r.pdf"
    render_report(form, result, docx=out, pdf=pdf)
    d = docx.Document(str(out))
    assert d.paragraphs[0].text == "2023年度残疾人就业保障金项目支出绩效自评报告"
    assert pdf.stat().st_size > 5000
