"""Use cases of the 绩效自评报告, shared by the window and the command line (no Qt):
score a form, gather the same unit and year's forms from the store, write the report files, and
check a report written by hand against the stored forms.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from model.errors import JixiaoError, os_reason
from model.form import Form
from ui.services.evaluation import evaluate_with_profile
from ui.services.naming import report_stem

if TYPE_CHECKING:
    from model.store import Store
    from reports.narrative import Related
    from scoring.narrative.check import NarrativeFinding


def _same_unit(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a == b or a in b or b in a)


def related_forms(store: Store | None, form: Form) -> Related:
    """The 基础数据表 and the project forms of the form's unit and year, when the store has them."""
    from reports.narrative import Related

    related = Related()
    if store is None or form.kind != "dept_self_eval":
        return related
    for summary in store.list_forms(year=form.year):
        if summary.id == form.id or not _same_unit(summary.unit, form.unit):
            continue
        if summary.kind == "dept_basic_data" and related.basic is None:
            related.basic = store.load(summary.id)
        elif summary.kind == "project_self_eval":
            project = store.load(summary.id)
            related.projects.append((project, evaluate_with_profile(project)))
    return related


def write_report(form: Form, *, docx: Path | None, pdf: Path | None, store: Store | None = None) -> None:
    """Score the form and write its report in the asked formats (each file whole or not at all)."""
    from reports.narrative import render_report

    result = evaluate_with_profile(form)
    try:
        render_report(form, result, docx=docx, pdf=pdf, related=related_forms(store, form))
    except OSError as exc:
        raise JixiaoError(f"无法写入报告文件（{os_reason(exc)}）。请确认文件没有在 Word/WPS 中打开，"
                          "且文件夹可写。") from None


def report_file_name(form: Form, suffix: str) -> str:
    """The default file name of a form's report, e.g. 2023-示例县残疾人联合会-残疾人就业保障金-绩效自评报告.docx."""
    return report_stem(form) + suffix


@dataclass(frozen=True)
class CheckOutcome:
    """What check-report found, and which forms it compared with."""

    findings: list[NarrativeFinding]
    forms: list[Form]


def forms_for_report(store: Store, year: int | None, text: str, ids: list[str] | None = None) -> list[Form]:
    """The forms to compare a report with: the given ids, else those of its year whose unit it names."""
    if ids:
        return [store.load(i) for i in ids]
    forms = []
    for summary in store.list_forms(year=year):
        if summary.unit and summary.unit in text:
            forms.append(store.load(summary.id))
    return forms


def check_report_file(path: Path, store: Store | None, ids: list[str] | None = None,
                      forms: list[Form] | None = None) -> CheckOutcome:
    """Read a .docx report and check its figures against forms (given, by id, or found by unit and year)."""
    from model.office.report_text import read_report
    from scoring.narrative.check import check_report, report_year

    text = read_report(path)
    if forms is None:
        if store is None:
            raise JixiaoError("没有可以对照的表格：请用 --with 指定表格编号或表格文件。")
        forms = forms_for_report(store, report_year(text.paragraphs), "\n".join(text.paragraphs), ids)
    scored = [(f, evaluate_with_profile(f)) for f in forms]
    return CheckOutcome(check_report(text.blocks, scored), forms)
