"""Exporting stored forms as files (PDF, XLSX, jixiao.form/1 JSON), for the export dialog.

    planned_files(store, ids, formats, folder) -> list[Path]   what an export would write, in order
    export_forms(store, evaluate, ids, formats, folder, progress=None, skip=(), extras=...) -> list[Path]
    export_one(form, evaluate, fmt, dest, extras=...) -> Path

`extras` chooses the PDF/XLSX's optional pages: 计分说明 (appendix) and 审核意见 (findings), both off
for a final copy. The caller asks before overwriting: planned_files says which files exist already,
and `skip` leaves those the user chose to keep.

File names come from ui/services/naming.py (one rule everywhere), so two forms never share a file.
Every file is written whole or not at all (the writers are atomic).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from model.errors import JixiaoError, os_reason
from model.form import Form
from model.store import Store
from ui.services.evaluation import Evaluator
from ui.services.naming import export_stems


@dataclass(frozen=True)
class Extras:
    """Optional pages of a PDF/XLSX export (off: the copy to print and stamp)."""

    appendix: bool = False  # 计分说明: each score's 计算过程
    findings: bool = False  # 审核意见: the checker's findings


def export_one(form: Form, evaluate: Evaluator, fmt: str, dest: Path, extras: Extras = Extras()) -> Path:
    """Write one form in one format ("pdf", "xlsx" or "json") to `dest`; returns it."""
    if fmt == "json":
        from model.codec import dump_form_file

        dump_form_file(form, dest)
        return dest
    try:
        from reports import render_pdf, render_xlsx
    except ImportError:
        raise JixiaoError("本版本尚不能导出 PDF/Excel（报表模块缺失），请先导出表格文件（.json）。") from None
    result = evaluate(form)
    if fmt == "pdf":
        render_pdf(form, result, dest, appendix=extras.appendix, findings=extras.findings)
    else:
        render_xlsx(form, result, dest, appendix=extras.appendix, findings=extras.findings)
    return dest


def planned_files(store: Store, ids: Iterable[str], formats: Iterable[str], folder: Path) -> list[Path]:
    """The files an export of these forms and formats would write, in the order it writes them."""
    formats = list(formats)
    forms = [store.load(form_id) for form_id in ids]
    return [folder / f"{stem}.{fmt}" for stem in export_stems(forms) for fmt in formats]


def export_forms(store: Store, evaluate: Evaluator, ids: Iterable[str], formats: Iterable[str], folder: Path,
                 progress: Callable[[int, str], bool] | None = None, skip: Iterable[Path] = (),
                 extras: Extras = Extras()) -> list[Path]:
    """Export forms × formats; `progress(done, text)` returning False stops; files in `skip` are
    left as they are. Returns the files written."""
    keep = set(skip)
    ids, formats = list(ids), list(formats)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise JixiaoError(f"无法创建文件夹“{folder}”（{os_reason(exc)}）。请换一个可写的位置。") from None
    forms = [store.load(form_id) for form_id in ids]
    written: list[Path] = []
    done = 0
    for form, stem in zip(forms, export_stems(forms)):
        for fmt in formats:
            dest = folder / f"{stem}.{fmt}"
            if progress is not None and not progress(done, f"正在导出：{dest.name}"):
                return written
            if dest in keep:
                done += 1
                continue
            try:
                written.append(export_one(form, evaluate, fmt, dest, extras))
            except OSError as exc:
                raise JixiaoError(f"无法写入“{dest}”（{os_reason(exc)}）。"
                                  "如果该文件正在 WPS/Excel 中打开，请先关闭它再导出。") from None
            done += 1
    if progress is not None:
        progress(done, f"完成：共导出 {len(written)} 个文件")
    return written
