"""The printed copies (PDF and XLSX) an exchange package carries beside its forms.

    render_for_package(form) -> [(file name, bytes)]   the model.package_write.Renderer of the window and CLI

Named by ui/services/naming.py with the short id always: a package holds many forms, and a
rendering's name must never clash inside it (the package writer refuses duplicates).
"""
from __future__ import annotations

import io
from collections.abc import Sequence

from model.form import Form
from ui.services.evaluation import evaluate_with_profile
from ui.services.naming import export_stem


def render_for_package(form: Form) -> Sequence[tuple[str, bytes]]:
    """The PDF and XLSX renderings of a form, for people reading the package (never imported)."""
    from reports import render_pdf, render_xlsx

    result = evaluate_with_profile(form)
    pdf, xlsx = io.BytesIO(), io.BytesIO()
    render_pdf(form, result, pdf)
    render_xlsx(form, result, xlsx)
    base = export_stem(form, with_id=True)
    return [(f"{base}.pdf", pdf.getvalue()), (f"{base}.xlsx", xlsx.getvalue())]
