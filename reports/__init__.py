"""Official-format exports of a scored form: PDF (ReportLab) and XLSX (openpyxl), no Qt.

`render_pdf` and `render_xlsx` lay the form out once (rows.py) and draw it; a path is written
atomically (temporary file, then rename), a stream is written as it is.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable, Union

if TYPE_CHECKING:
    from model.form import Form
    from scoring.result import Result

Dest = Union[Path, str, BinaryIO]


def _write(dest: Dest, writer: Callable[[BinaryIO], None]) -> None:
    if isinstance(dest, (str, Path)):
        from model.atomic import write_atomic_with

        write_atomic_with(Path(dest), writer)
    else:
        writer(dest)


def render_pdf(form: Form, result: Result, dest: Dest, *, appendix: bool = False, findings: bool = False,
               draft: bool | None = None) -> None:
    """Write the form as an A4 PDF in the official layout.

    Args:
        form: the form as written.
        result: scoring.evaluate's result for it (all figures are taken from here).
        dest: a file path (written atomically) or an open binary stream.
        appendix: add the 计分说明 pages (each score's 计算过程).
        findings: add the 审核意见 page.
        draft: watermark 草稿 on every page; None means "unless the form is 已审核 and unchanged since
            signing" (the sign-off record, model/signoff.py).
    """
    from reports.pdf import write_pdf
    from reports.rows import build_document

    doc = build_document(form, result, appendix=appendix, findings=findings, draft=draft)
    _write(dest, lambda out: write_pdf(doc, out))


def render_xlsx(form: Form, result: Result, dest: Dest, *, appendix: bool = False,
                findings: bool = False, draft: bool | None = None) -> None:
    """Write the form as an XLSX workbook with the same layout as the PDF.

    Args:
        form: the form as written.
        result: scoring.evaluate's result for it.
        dest: a file path (written atomically) or an open binary stream.
        appendix: add a 计分说明 sheet.
        findings: add a 审核意见 sheet.
        draft: 草稿 in every sheet's page header and a note above the title; None as render_pdf.
    """
    from reports.excel import write_xlsx
    from reports.rows import build_document

    doc = build_document(form, result, appendix=appendix, findings=findings, draft=draft)
    _write(dest, lambda out: write_xlsx(doc, out))


__all__ = ["render_pdf", "render_xlsx"]
