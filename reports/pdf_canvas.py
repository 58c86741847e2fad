"""Deferred page-count canvas: 第 X 页 共 Y 页 on every page, and the 草稿 watermark when asked.

As in pretix's invoice renderer, pages are kept until save(), when the total is known.
"""
from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas

from reports.layout import WATERMARK_TEXT
from reports.pdf_styles import FOOTER_Y


def numbered_canvas(font: str, draft: bool) -> type[Canvas]:
    """A Canvas class for SimpleDocTemplate.build(canvasmaker=…) that numbers pages on save."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Without this every page names Helvetica, a font the PDF does not embed.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or font
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(font, 9)
            self.drawCentredString(width / 2, FOOTER_Y, f"第 {number} 页 共 {total} 页")
            if draft:
                # Light and behind-looking, so the form stays readable but cannot pass as final.
                self.setFillGray(0.5)
                self.setFillAlpha(0.18)
                self.setFont(font, 110)
                self.translate(width / 2, height / 2)
                self.rotate(35)
                self.drawCentredString(0, -40, WATERMARK_TEXT)
            self.restoreState()

    return NumberedCanvas
