"""The 绩效自评报告: a ready-to-edit narrative draft (DOCX and PDF) written from the form's own numbers.

`build_report` lays the report out once as a neutral structure (content.Report) from the form, its
Result and the related forms of the same unit and year; `write_docx`/`write_pdf` draw it. Wording
lives in resources/report_templates/<kind>.toml.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from model.errors import JixiaoError
from reports import Dest, _write
from reports.narrative.content import Report
from reports.narrative.dept import Related

if TYPE_CHECKING:
    from model.form import Form
    from scoring.result import Result

REPORT_KINDS = ("project_self_eval", "dept_self_eval", "evaluation")


class ReportKindError(JixiaoError):
    """The form kind has no narrative report."""


def build_report(form: Form, result: Result, related: Related | None = None) -> Report:
    """The report of a project or department self-evaluation, or of a third-party evaluation."""
    if form.kind == "project_self_eval":
        from reports.narrative.project import build_project

        return build_project(form, result)
    if form.kind == "dept_self_eval":
        from reports.narrative.dept import build_dept

        return build_dept(form, result, related)
    if form.kind == "evaluation":
        from reports.narrative.evaluation import build_evaluation

        return build_evaluation(form, result)
    raise ReportKindError("只有项目支出绩效自评表、部门整体支出绩效自评表和绩效评价评分表可以生成报告；"
                          "目标表和基础数据表的内容会写进同一单位同一年度的部门自评报告。")


def render_report(form: Form, result: Result, *, docx: Dest | None = None, pdf: Dest | None = None,
                  related: Related | None = None) -> Report:
    """Build the report once and write the requested files (paths atomically); returns the report."""
    report = build_report(form, result, related)
    if docx is not None:
        from reports.narrative.docx_writer import write_docx

        _write(docx, lambda out: write_docx(report, out))
    if pdf is not None:
        from reports.narrative.pdf_writer import write_pdf

        _write(pdf, lambda out: write_pdf(report, out))
    return report


__all__ = ["REPORT_KINDS", "Related", "Report", "ReportKindError", "build_report", "render_report"]
