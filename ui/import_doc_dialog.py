"""文件 → 从 Word/Excel 导入…: choose files, see the preview, then store every form or none."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from model.errors import JixiaoError
from model.store import Store
from ui.messages import confirm, show_error


def import_office_files(parent: QWidget, store: Store, paths: list[Path] | None = None) -> list[str]:
    """Ask for files (unless given), show the preview, store on 导入; returns the new form ids."""
    from ui.services.import_doc import preview_lines, read_files, store_run

    if paths is None:
        names, _filter = QFileDialog.getOpenFileNames(
            parent, "从 Word/Excel 导入表格", "", "Word/Excel 文件 (*.docx *.xlsx *.xls);;所有文件 (*)")
        paths = [Path(n) for n in names]
    if not paths:
        return []
    try:
        run = read_files(paths)
    except JixiaoError as exc:
        show_error(parent, str(exc), title="无法导入")
        return []
    preview = "\n".join(preview_lines(run))
    text = (f"找到 {len(run.found)} 张表格，将一次全部导入（纸面上的得分作为手工得分保留，总分等作为“纸面数字”供审核对照）。"
            "点“显示详细信息”查看每张表格和未能放入的内容。")
    if not confirm(parent, text, yes="导入", no="取消", title="导入预览", detail=preview):
        return []
    try:
        forms = store_run(store, run)
    except JixiaoError as exc:
        show_error(parent, f"导入没有完成，数据库未改动：{exc}", title="无法导入")
        return []
    return [f.id for f in forms if f.id]
