"""The narrative report as a PDF (ReportLab) with the bundled fonts, in the same 公文 layout as the
DOCX: same margins, sizes, 28 pt lines, real tables and “— N —” page numbers.

The bundled fonts stand in for the 公文 ones: Hei for the title and 一级 headings, Song (or the
system's SimSun/SimHei on Windows) for the rest.
"""
from __future__ import annotations

from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from reports.fonts import FontChoice, fonts
from reports.narrative import docx_layout as L
from reports.narrative.content import Heading, Para, Report, Table, split_placeholders
from reports.pdf_table import printable

_MARK = "#FFF176"  # the yellow of Word's highlight, a little softer on paper


def _styles(f: FontChoice) -> dict[str, ParagraphStyle]:
    indent = L.BODY_PT * L.INDENT_CHARS
    base = {"fontSize": L.BODY_PT, "leading": L.LINE_PT, "wordWrap": "CJK"}
    return {
        "title": ParagraphStyle("title", fontName=f.title, fontSize=L.TITLE_PT, leading=L.TITLE_LINE_PT,
                                alignment=TA_CENTER, spaceAfter=L.LINE_PT, wordWrap="CJK"),
        "h1": ParagraphStyle("h1", fontName=f.title, firstLineIndent=indent, alignment=TA_LEFT, **base),
        "h2": ParagraphStyle("h2", fontName=f.body, firstLineIndent=indent, alignment=TA_LEFT, **base),
        "body": ParagraphStyle("body", fontName=f.body, firstLineIndent=indent, alignment=TA_JUSTIFY, **base),
        "closing": ParagraphStyle("closing", fontName=f.body, alignment=TA_RIGHT, rightIndent=indent, **base),
        "caption": ParagraphStyle("caption", fontName=f.title, fontSize=L.TABLE_PT, leading=L.LINE_PT,
                                  alignment=TA_CENTER, wordWrap="CJK"),
        "head": ParagraphStyle("head", fontName=f.title, fontSize=L.TABLE_PT, leading=L.TABLE_LINE_PT,
                               alignment=TA_CENTER, wordWrap="CJK"),
        "cell": ParagraphStyle("cell", fontName=f.body, fontSize=L.TABLE_PT, leading=L.TABLE_LINE_PT,
                               alignment=TA_LEFT, wordWrap="CJK"),
        "num": ParagraphStyle("num", fontName=f.body, fontSize=L.TABLE_PT, leading=L.TABLE_LINE_PT,
                              alignment=TA_CENTER, wordWrap="CJK"),
    }


def _markup(text: str) -> str:
    """Escaped text; placeholders on a yellow ground as in the DOCX."""
    out = []
    for piece, mark in split_placeholders(text):
        safe = escape(printable(piece))
        # Two spans: ReportLab drops the ground of a paragraph that is one CJK-wrapped span only.
        out.append(f'<span backColor="{_MARK}">{safe[:1]}</span><span backColor="{_MARK}">{safe[1:]}</span>'
                   if mark else safe)
    return "".join(out)


def _table(table: Table, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    font = s["cell"].fontName
    width = L.text_width_mm() * mm
    total = sum(table.widths)
    cols = [width * w / total for w in table.widths]
    data = [[Paragraph(_markup(v), s["head"]) for v in table.header]]
    runs = table.first_column_runs()
    hidden = {r for first, last in runs for r in range(first + 1, last + 1)}
    for i, row in enumerate(table.rows):
        data.append([Paragraph("" if c == 0 and i in hidden else _markup(v),
                               s["num"] if c > 0 and _is_figure(v) else s["cell"]) for c, v in enumerate(row)])
    # A 二级 name over several rows is printed once with no rule between its rows (not a SPAN: ReportLab
    # cannot split a spanned block between pages, and a long 数量指标 run must be able to run on).
    first_col = [("LINEABOVE", (0, i + 1), (0, i + 1), 0.5, colors.black) for i in range(len(table.rows))
                 if i not in hidden]
    grid = RLTable(data, colWidths=cols, repeatRows=1, hAlign="CENTER")
    # FONT too: a Table names Helvetica for its (empty) own text otherwise, a font the PDF cannot embed.
    grid.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, L.TABLE_PT), ("BOX", (0, 0), (-1, -1), 0.5, colors.black),
                              ("INNERGRID", (1, 0), (-1, -1), 0.5, colors.black),
                              ("LINEAFTER", (0, 0), (0, -1), 0.5, colors.black),
                              ("LINEBELOW", (0, 0), (0, 0), 0.5, colors.black),
                              ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                              ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                              *first_col]))
    out: list[Flowable] = []
    if table.caption:
        out.append(Paragraph(_markup(table.caption), s["caption"]))
        out[-1].keepWithNext = True  # a caption is never the last line of a page
    return [*out, grid, Spacer(1, 8)]


def _is_figure(value: str) -> bool:
    return value == "—" or value.replace(".", "").replace("%", "").replace("-", "").isdigit()


def story(report: Report, f: FontChoice) -> list[Flowable]:
    """The flowables of the report, in order."""
    s = _styles(f)
    out: list[Flowable] = [Paragraph(_markup(report.title), s["title"])]
    for block in report.blocks:
        if isinstance(block, Heading):
            out.append(Paragraph(_markup(block.text), s["h1" if block.level == 1 else "h2"]))
            out[-1].keepWithNext = True
        elif isinstance(block, Para):
            out.append(Paragraph(_markup(block.text), s["body"]))
        elif isinstance(block, Table):
            out.extend(_table(block, s))
    if report.closing:
        out.append(Spacer(1, L.LINE_PT))
        out.extend(Paragraph(_markup(line), s["closing"]) for line in report.closing)
    return out


def _page_number(font: str) -> Any:
    def draw(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, L.PAGE_NUMBER_PT)
        canvas.drawCentredString(L.PAGE_W_MM * mm / 2, (L.BOTTOM_MM - 7) * mm - L.PAGE_NUMBER_PT,
                                 f"— {doc.page} —")
        canvas.restoreState()
    return draw


def write_pdf(report: Report, out: BinaryIO) -> None:
    """Draw the report as an A4 PDF into `out`."""
    f = fonts()
    doc = SimpleDocTemplate(out, pagesize=(L.PAGE_W_MM * mm, L.PAGE_H_MM * mm), title=report.title,
                            author=report.closing[0] if report.closing else "", creator="绩效自评助手",
                            topMargin=L.TOP_MM * mm, bottomMargin=L.BOTTOM_MM * mm,
                            leftMargin=L.LEFT_MM * mm, rightMargin=L.RIGHT_MM * mm)
    number = _page_number(f.body)
    doc.build(story(report, f), onFirstPage=number, onLaterPages=number, canvasmaker=_canvas(f.body))


def _canvas(font: str) -> Any:
    """A Canvas that starts in our font: ReportLab's default names Helvetica, which is not embedded."""
    from reportlab.pdfgen.canvas import Canvas

    def make(*args: Any, **kwargs: Any) -> Canvas:
        kwargs["initialFontName"] = font
        return Canvas(*args, **kwargs)
    return make
