"""Page constants and the paragraph stylesheet of the PDF export (pretix-style, one place to tune)."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape as _html_escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from reports.fonts import FontChoice
from reports.layout import SEAL_ROOM_PT

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN_LEFT = MARGIN_RIGHT = 15 * mm
MARGIN_TOP = 15 * mm
MARGIN_BOTTOM = 18 * mm  # room for 第 X 页 共 Y 页
FOOTER_Y = 9 * mm
SEAL_ROOM = SEAL_ROOM_PT  # blank height under the signature line for the 单位盖章
GRID_LINE = 0.5
CELL_PAD_X = 2.5
CELL_PAD_Y = 2.0
BODY_SIZE = 9.0
TITLE_SIZE = 18.0

def escape(text: str) -> str:
    """Text made safe for a Paragraph's markup (&, <, >), as xml.sax.saxutils.escape does.

    html's, not xml.sax's: importing xml.sax.saxutils pulls in urllib, http and ssl (14 ms a start).
    """
    return _html_escape(text, quote=False)


_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


@dataclass(frozen=True)
class Styles:
    """Paragraph styles for one document, keyed by purpose."""

    fonts: FontChoice
    body_size: float

    def cell(self, style: str, align: str) -> ParagraphStyle:
        """The style of a table cell: Hei for headings and totals, Song for the rest."""
        return _cell_style(self.fonts.title if style in ("head", "total", "section") else self.fonts.body,
                           self.body_size, align)

    def title(self) -> ParagraphStyle:
        """The form title, centred, as large as the official print."""
        return ParagraphStyle("title", fontName=self.fonts.title, fontSize=TITLE_SIZE, leading=TITLE_SIZE * 1.3,
                              alignment=TA_CENTER, wordWrap="CJK", spaceAfter=2)

    def subtitle(self) -> ParagraphStyle:
        """（2020年度） under the title."""
        return ParagraphStyle("subtitle", fontName=self.fonts.body, fontSize=12, leading=16,
                              alignment=TA_CENTER, spaceAfter=4)

    def attachment(self) -> ParagraphStyle:
        """附件N： above the title, left."""
        return ParagraphStyle("attachment", fontName=self.fonts.title, fontSize=12, leading=16, spaceAfter=4)

    def line(self, align: str = "left") -> ParagraphStyle:
        """Unit line, signature line, footnote."""
        return ParagraphStyle(f"line-{align}", fontName=self.fonts.body, fontSize=10, leading=14,
                              alignment=_ALIGN[align], wordWrap="CJK")


_cell_cache: dict[tuple[str, float, str], ParagraphStyle] = {}


def _cell_style(font: str, size: float, align: str) -> ParagraphStyle:
    key = (font, size, align)
    if key not in _cell_cache:
        # Cells are broken into lines by reports/linebreak.py; the style gives font, size and leading.
        _cell_cache[key] = ParagraphStyle(f"cell-{font}-{size}-{align}", fontName=font, fontSize=size,
                                          leading=size * 1.3, alignment=_ALIGN[align])
    return _cell_cache[key]
