"""PDF writer: draws a Document (rows.py) on A4 with ReportLab, fonts embedded as subsets.

Shaped like pretix's invoice renderer: page constants and styles in pdf_styles.py, the page-count
canvas in pdf_canvas.py, and here a story built from small functions, one per part of the page.
"""
from __future__ import annotations

from typing import BinaryIO

from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle)

from reports.fonts import fonts
from reports.layout import Document, Sheet
from reports.pdf_canvas import numbered_canvas
from reports.pdf_keep import KeepWithLastRows
from reports.pdf_styles import (BODY_SIZE, LANDSCAPE, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP,
                                PORTRAIT, SEAL_ROOM, Styles, escape)
from reports.pdf_table import TableLook, grid_table


def write_pdf(doc: Document, out: BinaryIO) -> None:
    """Render the document into a binary stream.

    Args:
        doc: the laid-out document.
        out: an open binary stream (the caller handles atomic replacement of files).
    """
    choice = fonts()
    styles = Styles(choice, BODY_SIZE)
    first = "landscape" if doc.sheets and doc.sheets[0].landscape else "portrait"
    template = BaseDocTemplate(out, pagesize=PORTRAIT, title=_plain_title(doc), author="绩效自评助手",
                               subject=doc.title, creator="绩效自评助手 (Jixiao)",
                               leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP,
                               bottomMargin=MARGIN_BOTTOM)
    pages = {name: _page_template(name, size) for name, size in (("portrait", PORTRAIT),
                                                                    ("landscape", LANDSCAPE))}
    # The first template listed is the one the first page uses.
    template.addPageTemplates([pages[first], *(p for n, p in pages.items() if n != first)])
    story = build_story(doc, styles)
    template.build(story, canvasmaker=numbered_canvas(choice.body, doc.draft))


def _plain_title(doc: Document) -> str:
    return f"{doc.title}{doc.subtitle}"


def _page_template(name: str, size: tuple[float, float]) -> PageTemplate:
    width, height = size
    frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, width - MARGIN_LEFT - MARGIN_RIGHT,
                  height - MARGIN_TOP - MARGIN_BOTTOM, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, id=name)
    return PageTemplate(id=name, frames=[frame], pagesize=size)


def frame_width(sheet: Sheet) -> float:
    """Printable width of a sheet's pages."""
    size = LANDSCAPE if sheet.landscape else PORTRAIT
    return float(size[0] - MARGIN_LEFT - MARGIN_RIGHT)


def frame_height(sheet: Sheet) -> float:
    """Printable height of a sheet's pages (what a table part may fill at most)."""
    size = LANDSCAPE if sheet.landscape else PORTRAIT
    return float(size[1] - MARGIN_TOP - MARGIN_BOTTOM)


def build_story(doc: Document, styles: Styles) -> list[Flowable]:
    """The flowables of the whole document: headings, each sheet, signature after the main form."""
    story: list[Flowable] = _headings(doc, styles)
    for index, sheet in enumerate(doc.sheets):
        if index and (sheet.page_break_before or sheet.landscape != doc.sheets[index - 1].landscape):
            story += [NextPageTemplate("landscape" if sheet.landscape else "portrait"), PageBreak()]
        look = TableLook(styles, [frame_width(sheet) * f for f in sheet.widths], frame_height(sheet))
        tables: list[Flowable] = [grid_table(grid, look) for grid in sheet.grids if grid.rows]
        closing = _closing(doc, styles) if index == 0 else []
        if closing and tables:
            # The signature block goes with the last rows, never onto a page of its own.
            tables[-1] = KeepWithLastRows(tables[-1], closing)
            closing = []
        story += [*tables, *closing]
    return story


def _headings(doc: Document, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    if doc.attachment:
        out.append(Paragraph(escape(doc.attachment), styles.attachment()))
    out.append(Paragraph(escape(doc.title), styles.title()))
    if doc.subtitle:
        out.append(Paragraph(escape(doc.subtitle), styles.subtitle()))
    left, right = doc.unit_line
    if left or right:
        width = frame_width(doc.sheets[0]) if doc.sheets else PORTRAIT[0]
        line = Table([[Paragraph(escape(left), styles.line()), Paragraph(escape(right), styles.line("right"))]],
                     colWidths=[width * 0.7, width * 0.3])
        line.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                  ("FONTNAME", (0, 0), (-1, -1), styles.fonts.body)]))
        out.append(line)
    out.append(Spacer(1, 2))
    return out


def _closing(doc: Document, styles: Styles) -> list[Flowable]:
    """Signature line with room for the seal, and the footnote, under the main form."""
    out: list[Flowable] = [Spacer(1, 6)]
    if doc.footnote:
        out.append(Paragraph(escape(doc.footnote), styles.line()))
    if doc.signature:
        # Room after every entry, filled or not, for the hand signature.
        parts = [f"{escape(name)}：{escape(value) + '&nbsp;' * 6 if value else '&nbsp;' * 12}"
                 for name, value in doc.signature]
        out.append(Paragraph("&nbsp;&nbsp;&nbsp;&nbsp;".join(parts), styles.line()))
    if doc.seal and doc.signature:
        out += [Spacer(1, 4), Paragraph("单位（盖章）", styles.line("right")), Spacer(1, SEAL_ROOM)]
    return out


def warm_up() -> None:
    """Load the fonts and, by importing this module, ReportLab's layout modules (~0.1 s on an old PC)
    ahead of the first export; the window calls it in a background thread."""
    from reportlab.pdfbase.ttfonts import TTFError

    try:
        fonts()
    except (OSError, TTFError):
        pass  # the export itself will say what is missing, in Chinese
