"""文件 → 从 Word/Excel 导入…: choose files, see the preview, then store every form or none."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from model.errors import JixiaoError
from model.store import Store
from ui.settings import UiSettings
from ui.messages import ok_cancel, show_error


class ImportPreviewDialog(QDialog):
    """The preview of one run: every form found and every cell that could not be placed; 导入 / 取消."""

    def __init__(self, parent: QWidget | None, lines: list[str], count: int) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入预览")
        layout = QVBoxLayout(self)
        intro = QLabel(f"找到 {count} 张表格。点“导入”后一次全部写入（任何一张写不进去，就一张也不写）。"
                       "纸面上的得分保留为手工得分，总分、执行率作为纸面数字供审核对照。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        layout.addWidget(self.text)
        layout.addWidget(ok_cancel(self, "导入"))
        self.resize(720, 420)


def import_office_files(parent: QWidget, store: Store, paths: list[Path] | None = None,
                        settings: UiSettings | None = None) -> list[str]:
    """Ask for files (unless given), show the preview, store on 导入; returns the new form ids."""
    from ui.folders import remember, start_folder
    from ui.services.import_doc import already_stored, preview_lines, read_files, store_run

    if paths is None:
        # The folder files were last imported from, else 我的文档 (it opened in the home folder).
        names, _filter = QFileDialog.getOpenFileNames(
            parent, "从 Word/Excel 导入表格", str(start_folder(settings, "import")),
            "Word/Excel 文件 (*.docx *.xlsx *.xls);;所有文件 (*)")
        paths = [Path(n) for n in names]
        if paths:
            remember(settings, "import", paths[0])
    if not paths:
        return []
    try:
        run = read_files(paths)
    except JixiaoError as exc:
        show_error(parent, str(exc), title="无法导入")
        return []
    if not confirm_preview(parent, preview_lines(run) + already_stored(store, run), len(run.found)):
        return []
    try:
        forms = store_run(store, run)
    except JixiaoError as exc:
        show_error(parent, f"导入没有完成，数据库未改动：{exc}", title="无法导入")
        return []
    return [f.id for f in forms if f.id]


def confirm_preview(parent: QWidget | None, lines: list[str], count: int) -> bool:
    """Show the preview; True when the user chose 导入."""
    return ImportPreviewDialog(parent, lines, count).exec() == QDialog.DialogCode.Accepted
