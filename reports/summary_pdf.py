"""The 汇总表 as a PDF: A4 landscape, the heading row repeated on each page, a subtotal per unit and
the totals at the foot, 第 X 页 共 Y 页 (the page-count canvas of reports/pdf_canvas.py)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from reports.fonts import fonts
from reports.pdf_canvas import numbered_canvas
from reports.summary_rows import HEADINGS, MONEY_NOTE, TITLE, Summary, printed_rows

PAGE = landscape(A4)
MARGIN = 15 * mm
FONT_SIZE = 9
PADDING = 6  # ReportLab's default cell padding, each side
# Column widths as fractions of the frame width, in HEADINGS order; every heading fits on one line
# (错误数 wrapped to two at 0.05).
FRACTIONS = (0.04, 0.10, 0.04, 0.09, 0.121, 0.085, 0.077, 0.077, 0.066, 0.06, 0.08, 0.055, 0.109)


def _cell(value: object) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return "" if value is None else str(value)


def render_summary_pdf(summary: Summary, dest: Path | BinaryIO) -> None:
    """Write the summary as a PDF.

    Args:
        summary: from build_summary.
        dest: a path or a binary stream.
    """
    font = fonts()
    title_style = ParagraphStyle("title", fontName=font.title, fontSize=16, leading=22, alignment=1)
    note_style = ParagraphStyle("note", fontName=font.body, fontSize=9, leading=12, alignment=1)
    cell_style = ParagraphStyle("cell", fontName=font.body, fontSize=FONT_SIZE, leading=11, wordWrap="CJK")
    head_style = ParagraphStyle("head", parent=cell_style, fontName=font.title, alignment=1)
    width = PAGE[0] - 2 * MARGIN
    sum_style = ParagraphStyle("sum", parent=cell_style, fontName=font.title)
    data = [[Paragraph(h, head_style) for h in HEADINGS]]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9))]
    for line, (what, cells) in enumerate(printed_rows(summary), start=1):
        style = cell_style if what == "row" else sum_style
        data.append([Paragraph(_escape(_cell(v)), style) for v in cells])
        if what != "row":
            commands.append(("BACKGROUND", (0, line), (-1, line), colors.Color(0.95, 0.95, 0.95)))
    table = Table(data, colWidths=[f * width for f in FRACTIONS], repeatRows=1)
    table.setStyle(TableStyle(commands))
    made = (f"生成时间：{summary.made:%Y年%m月%d日 %H:%M}　共 {len(summary.rows)} 张表格，"
            f"其中 {summary.with_errors} 张有审核错误　{MONEY_NOTE}")
    # ReportLab takes a str path or a stream, not a Path.
    doc = SimpleDocTemplate(str(dest) if isinstance(dest, Path) else dest, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN + 5 * mm, title=TITLE, author="绩效自评助手")
    doc.build([Paragraph(TITLE, title_style), Paragraph(made, note_style), Spacer(1, 4 * mm), table],
              canvasmaker=numbered_canvas(font.body, draft=False))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
