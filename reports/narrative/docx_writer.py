"""The narrative report as a Word document (python-docx) in 公文 layout.

Styles carry the fonts (Normal, Title, Heading 1/2, a table style) so a user who edits the draft in
Word or WPS keeps the layout; the East Asian font is set explicitly (w:eastAsia) and the font table
names a common fallback for each 公文 font (方正小标宋简体 → 宋体…) for PCs that lack them.
"""
from __future__ import annotations

from typing import Any, BinaryIO

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from reports.narrative import docx_layout as L
from reports.narrative.content import Heading, Para, Report, Table, printable_text, split_placeholders

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _fonts(rpr_owner: Any, east_asian: str, size: float, bold: bool = False) -> None:
    """Set a style's or run's fonts: Latin Times New Roman, East Asian the 公文 font, no theme font."""
    font = rpr_owner.font
    font.name = L.LATIN_FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = False
    font.color.rgb = RGBColor(0, 0, 0)
    rpr = rpr_owner.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:eastAsia"), east_asian)
    rfonts.set(qn("w:hint"), "eastAsia")


def _spacing(fmt: Any, line: float, indent: bool, align: Any) -> None:
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(line)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(L.BODY_PT * L.INDENT_CHARS) if indent else Pt(0)
    fmt.alignment = align
    fmt.widow_control = True


def _styles(doc: Any) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    _fonts(normal, L.BODY_FONT, L.BODY_PT)
    _spacing(normal.paragraph_format, L.LINE_PT, True, WD_ALIGN_PARAGRAPH.JUSTIFY)
    title = styles["Title"]
    _fonts(title, L.TITLE_FONT, L.TITLE_PT)
    _spacing(title.paragraph_format, L.TITLE_LINE_PT, False, WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.space_after = Pt(L.LINE_PT)
    _no_border(title)
    for name, font in (("Heading 1", L.HEADING1_FONT), ("Heading 2", L.HEADING2_FONT)):
        style = styles[name]
        _fonts(style, font, L.BODY_PT)
        _spacing(style.paragraph_format, L.LINE_PT, True, WD_ALIGN_PARAGRAPH.LEFT)
        style.paragraph_format.keep_with_next = True
    for name, font, align in (("Table Text", L.BODY_FONT, WD_ALIGN_PARAGRAPH.LEFT),
                              ("Table Figure", L.BODY_FONT, WD_ALIGN_PARAGRAPH.CENTER),
                              ("Table Heading", L.HEADING1_FONT, WD_ALIGN_PARAGRAPH.CENTER)):
        # Cell text by paragraph style, not run by run: the user restyles a table in one place, and
        # python-docx spends ~2 ms per formatted run (a 12-goal form has 400 cells).
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        _fonts(style, font, L.TABLE_PT)
        _spacing(style.paragraph_format, L.TABLE_LINE_PT, False, align)
    caption = styles["Caption"]
    _fonts(caption, L.HEADING1_FONT, L.TABLE_PT)
    _spacing(caption.paragraph_format, L.LINE_PT, False, WD_ALIGN_PARAGRAPH.CENTER)
    caption.paragraph_format.keep_with_next = True


def _no_border(style: Any) -> None:
    """The default template's Title has a blue rule under it; a 公文 title has none."""
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def _page(doc: Any) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(L.PAGE_W_MM), Mm(L.PAGE_H_MM)
    section.top_margin, section.bottom_margin = Mm(L.TOP_MM), Mm(L.BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(L.LEFT_MM), Mm(L.RIGHT_MM)
    section.footer_distance = Mm(L.FOOTER_MM - 7)
    section.header_distance = Mm(15)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.first_line_indent = Pt(0)
    footer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _footer_run(footer, "— ")
    _page_field(footer)
    _footer_run(footer, " —")


def _footer_run(paragraph: Any, text: str) -> Any:
    run = paragraph.add_run(text)
    _fonts(run, L.PAGE_NUMBER_FONT, L.PAGE_NUMBER_PT)
    return run


def _page_field(paragraph: Any) -> None:
    """A PAGE field (begin, instruction, separate, a cached 1, end), as Word writes it."""
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        run = _footer_run(paragraph, "")
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def _styled(paragraph: Any, style: Any) -> Any:
    """Give a paragraph a style by id: python-docx's `paragraph.style =` scans every style to see whether
    it is the default one, 2 ms a cell."""
    if style is not None and style.style_id != "Normal":
        paragraph._p.get_or_add_pPr().style = style.style_id
    return paragraph


def _para(doc: Any, text: str, style: Any = None) -> Any:
    paragraph = _styled(doc.add_paragraph(), style)
    for piece, mark in split_placeholders(text):
        run = paragraph.add_run(piece)
        if mark:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return paragraph


def _table(doc: Any, table: Table, styles: dict[str, Any]) -> None:
    if table.caption:
        _styled(doc.add_paragraph(printable_text(table.caption)), styles["Caption"])
    grid = doc.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    total = sum(table.widths)
    widths = [Mm(L.text_width_mm() * w / total) for w in table.widths]
    for r, values in enumerate((table.header, *table.rows)):
        row = grid.rows[r]
        if r == 0:
            _repeat_header(row)
        cells = row.cells
        for c, value in enumerate(values):
            cell = cells[c]
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            _styled(paragraph, styles["Table Heading"] if r == 0 else styles["Table Figure"]
                    if c > 0 and _is_figure(value) else styles["Table Text"])
            paragraph.add_run(printable_text(value))
    for c, width in enumerate(widths):
        grid.columns[c].width = width
    for first, last in table.first_column_runs():
        top = grid.cell(first + 1, 0)
        for r in range(first + 2, last + 2):
            grid.cell(r, 0).paragraphs[0].runs[0].text = ""  # merge() joins the texts otherwise
        top.merge(grid.cell(last + 1, 0))
        top.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        for extra in top.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
    doc.add_paragraph().paragraph_format.line_spacing = Pt(8)


def _is_figure(value: str) -> bool:
    return value == "—" or value.replace(".", "").replace("%", "").replace("-", "").isdigit()


def _repeat_header(row: Any) -> None:
    """Repeat the heading row at the top of each page (w:tblHeader)."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _fallback_fonts(doc: Any) -> None:
    """Font table entries with w:altName, so Word substitutes 仿宋 for 仿宋_GB2312 and so on."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(part.blob)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for name, alt in L.FALLBACK.items():
        if root.find(f"{{{w}}}font[@{{{w}}}name='{name}']") is not None:
            continue
        font = etree.SubElement(root, f"{{{w}}}font")
        font.set(f"{{{w}}}name", name)
        if alt != name:
            etree.SubElement(font, f"{{{w}}}altName").set(f"{{{w}}}val", alt)
        etree.SubElement(font, f"{{{w}}}charset").set(f"{{{w}}}val", "86")  # GB2312
        etree.SubElement(font, f"{{{w}}}family").set(f"{{{w}}}val", "modern" if name == L.HEADING1_FONT else "roman")
        etree.SubElement(font, f"{{{w}}}pitch").set(f"{{{w}}}val", "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def write_docx(report: Report, out: BinaryIO) -> None:
    """Draw the report into a .docx written to `out`."""
    doc = Document()
    _styles(doc)
    _page(doc)
    _fallback_fonts(doc)
    doc.core_properties.title = printable_text(report.title)
    doc.core_properties.author = printable_text(report.closing[0]) if report.closing else ""
    doc.core_properties.comments = "绩效自评助手生成的草稿，【请填写：…】处需由单位补充。"
    styles = {name: doc.styles[name] for name in ("Normal", "Title", "Heading 1", "Heading 2", "Caption",
                                                    "Table Text", "Table Figure", "Table Heading")}
    _styled(doc.add_paragraph(printable_text(report.title)), styles["Title"])
    for block in report.blocks:
        if isinstance(block, Heading):
            _para(doc, block.text, styles["Heading 1" if block.level == 1 else "Heading 2"])
        elif isinstance(block, Para):
            _para(doc, block.text, styles["Normal"])
        elif isinstance(block, Table):
            _table(doc, block, styles)
    if report.closing:
        doc.add_paragraph()
        for line in report.closing:
            paragraph = doc.add_paragraph(printable_text(line))
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.first_line_indent = Pt(0)
            paragraph.paragraph_format.right_indent = Pt(L.BODY_PT * 2)
    doc.save(out)
