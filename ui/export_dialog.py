"""The 导出 dialog: which forms, which formats (PDF, Excel, 表格文件), where; shows progress and
opens the folder afterwards. The export itself (names, writing) is ui/services/export.py.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QApplication, QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from model.errors import JixiaoError
from model.store import Store
from ui.folders import export_folder, nearest_existing
from ui.navigator import SHORT_KINDS
from ui.services.evaluation import Evaluator
from ui.services.export import Extras, export_forms, planned_files
from ui.settings import UiSettings
from ui.weak import weak_slot

FORMATS = (("pdf", "PDF（打印、盖章用）"), ("xlsx", "Excel 表格（.xlsx）"), ("json", "表格文件（.json，交换用）"))


class ExportDialog(QDialog):
    """Pick forms and formats, a destination folder, and export with a progress bar."""

    def __init__(self, store: Store, settings: UiSettings, evaluate: Evaluator, parent: QWidget | None = None,
                 selected: Iterable[str] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出表格")
        self.store, self.settings, self.evaluate = store, settings, evaluate
        self.written: list[Path] = []
        chosen = set(selected)
        self.forms = QListWidget(self)
        for s in store.list_forms():
            # The unit too: two units' forms of the same project and year looked alike here.
            item = QListWidgetItem(f"{s.year}年度 · {s.unit or '未填单位'} · {s.project or s.title} · "
                                   f"{SHORT_KINDS.get(s.kind, s.kind)}")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if s.id in chosen else Qt.CheckState.Unchecked)
            self.forms.addItem(item)
        select_row = QHBoxLayout()
        for text, state in (("全选", Qt.CheckState.Checked), ("全不选", Qt.CheckState.Unchecked)):
            button = QPushButton(text, self)
            button.clicked.connect(weak_slot(self.check_all, state))
            select_row.addWidget(button)
        select_row.addStretch(1)
        self.format_boxes: dict[str, QCheckBox] = {}
        formats_row = QHBoxLayout()
        for key, text in FORMATS:
            box = QCheckBox(text, self)
            box.setChecked(key in ("pdf", "xlsx"))
            self.format_boxes[key] = box
            formats_row.addWidget(box)
        default_dir = export_folder(settings)
        self.folder = QLineEdit(str(default_dir), self)
        browse = QPushButton("选择…", self)
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel("保存到", self))
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        # Optional pages, off by default: the copy to print and stamp has neither.
        self.appendix_box = QCheckBox("附计分说明（每项得分的计算过程）", self)
        self.findings_box = QCheckBox("附审核意见页", self)
        extras_row = QHBoxLayout()
        extras_row.addWidget(self.appendix_box)
        extras_row.addWidget(self.findings_box)
        extras_row.addStretch(1)
        self.open_after = QCheckBox("完成后打开文件夹", self)
        self.open_after.setChecked(True)
        self.progress = QProgressBar(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("导出", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.run_export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("要导出的表格（勾选）", self))
        layout.addWidget(self.forms, 1)
        layout.addLayout(select_row)
        layout.addLayout(formats_row)
        layout.addLayout(extras_row)
        layout.addLayout(folder_row)
        layout.addWidget(self.open_after)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, 460)

    def checked_ids(self) -> list[str]:
        return [self.forms.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.forms.count())
                if self.forms.item(i).checkState() == Qt.CheckState.Checked]

    def check_all(self, state: Qt.CheckState) -> None:
        """全选 / 全不选 the forms."""
        for i in range(self.forms.count()):
            self.forms.item(i).setCheckState(state)

    def checked_formats(self) -> list[str]:
        return [key for key, box in self.format_boxes.items() if box.isChecked()]

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "选择导出文件夹", nearest_existing(self.folder.text()))
        if chosen:
            self.folder.setText(chosen)

    def _progress(self, done: int, text: str) -> bool:
        self.progress.setValue(done)
        self.status.setText(text)
        QApplication.processEvents()  # keep the bar moving; the export runs in this thread
        return self.isVisible() or not self.testAttribute(Qt.WidgetAttribute.WA_WState_Created)

    def ask_overwrite(self, existing: list[Path]) -> str:
        """Ask what to do with files that exist already: "overwrite", "keep" or "cancel"."""
        box = QMessageBox(QMessageBox.Icon.Question, "文件已存在",
                          f"导出文件夹中已有 {len(existing)} 个同名文件：", parent=self)
        names = "\n".join(p.name for p in existing[:12]) + ("\n……" if len(existing) > 12 else "")
        box.setInformativeText(f"{names}\n\n覆盖它们，还是保留原文件、只写入其余的文件？")
        overwrite = box.addButton("覆盖", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("保留原文件", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return "overwrite" if box.clickedButton() is overwrite else "keep" if box.clickedButton() is keep else "cancel"

    def run_export(self) -> list[Path]:
        """Export what is checked, asking before any existing file is overwritten; the status says
        exactly what was written where. Errors show in the dialog, which stays open."""
        ids, formats = self.checked_ids(), self.checked_formats()
        if not ids or not formats:
            self.status.setText("请至少勾选一张表格和一种格式。")
            return []
        folder = Path(self.folder.text().strip() or ".")
        try:
            existing = [p for p in planned_files(self.store, ids, formats, folder) if p.exists()]
        except JixiaoError as exc:
            self.status.setText(str(exc))
            return []
        skip: list[Path] = []
        if existing:
            choice = self.ask_overwrite(existing)
            if choice == "cancel":
                self.status.setText("已取消，没有写入任何文件。")
                return []
            skip = existing if choice == "keep" else []
        self.progress.setRange(0, len(ids) * len(formats))
        self.export_button.setEnabled(False)
        extras = Extras(appendix=self.appendix_box.isChecked(), findings=self.findings_box.isChecked())
        try:
            self.written = export_forms(self.store, self.evaluate, ids, formats, folder, self._progress,
                                        skip=skip, extras=extras)
        except JixiaoError as exc:
            self.status.setText(str(exc))
            return []
        finally:
            self.export_button.setEnabled(True)
        self.status.setText(export_summary(folder, self.written, skip))
        self.settings.export_dir = folder
        if self.open_after.isChecked() and self.written:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        return self.written


def export_summary(folder: Path, written: list[Path], kept: list[Path]) -> str:
    """What was written where, file by file, and which existing files were left as they were."""
    lines = [f"已写入 {len(written)} 个文件，保存在：{folder}"]
    lines += [f"　{p.name}" for p in written]
    if kept:
        lines.append(f"保留了 {len(kept)} 个原有文件（未覆盖）：")
        lines += [f"　{p.name}" for p in kept]
    return "\n".join(lines)
