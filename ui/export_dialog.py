"""The 导出 dialog: which forms, which formats (PDF, Excel, 表格文件), where; shows progress and
opens the folder afterwards. The export itself (names, writing) is ui/services/export.py.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QApplication, QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from model.errors import JixiaoError
from model.store import Store
from ui.navigator import SHORT_KINDS
from ui.services.evaluation import Evaluator
from ui.services.export import export_forms
from ui.settings import UiSettings

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
            item = QListWidgetItem(f"{s.year}年度 · {s.project or s.title} · {SHORT_KINDS.get(s.kind, s.kind)}")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if s.id in chosen else Qt.CheckState.Unchecked)
            self.forms.addItem(item)
        self.format_boxes: dict[str, QCheckBox] = {}
        formats_row = QHBoxLayout()
        for key, text in FORMATS:
            box = QCheckBox(text, self)
            box.setChecked(key in ("pdf", "xlsx"))
            self.format_boxes[key] = box
            formats_row.addWidget(box)
        default_dir = settings.export_dir or Path.home() / "Documents" / "绩效自评导出"
        self.folder = QLineEdit(str(default_dir), self)
        browse = QPushButton("选择…", self)
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel("保存到", self))
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
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
        layout.addLayout(formats_row)
        layout.addLayout(folder_row)
        layout.addWidget(self.open_after)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, 460)

    def checked_ids(self) -> list[str]:
        return [self.forms.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.forms.count())
                if self.forms.item(i).checkState() == Qt.CheckState.Checked]

    def checked_formats(self) -> list[str]:
        return [key for key, box in self.format_boxes.items() if box.isChecked()]

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "选择导出文件夹", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _progress(self, done: int, text: str) -> bool:
        self.progress.setValue(done)
        self.status.setText(text)
        QApplication.processEvents()  # keep the bar moving; the export runs in this thread
        return self.isVisible() or not self.testAttribute(Qt.WidgetAttribute.WA_WState_Created)

    def run_export(self) -> list[Path]:
        """Export what is checked; errors show in the dialog, which stays open."""
        ids, formats = self.checked_ids(), self.checked_formats()
        if not ids or not formats:
            self.status.setText("请至少勾选一张表格和一种格式。")
            return []
        folder = Path(self.folder.text().strip() or ".")
        self.progress.setRange(0, len(ids) * len(formats))
        self.export_button.setEnabled(False)
        try:
            self.written = export_forms(self.store, self.evaluate, ids, formats, folder, self._progress)
        except JixiaoError as exc:
            self.status.setText(str(exc))
            return []
        finally:
            self.export_button.setEnabled(True)
        self.settings.export_dir = folder
        if self.open_after.isChecked() and self.written:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        return self.written
