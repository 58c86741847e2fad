"""Dialogs of the USB exchange: export forms into a package (removable drives offered first) and
import a package (its plan shown, nothing written until the user presses 导入).

Open them with `ExportPackageDialog(parent, store, selected_ids).exec()` and
`ImportPackageDialog(parent, store, path=None).exec()`; all work is done by model/package_*.py.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QStorageInfo, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
                               QWidget)

from model.errors import JixiaoError
from model.form import KINDS
from model.package_apply import CONFLICT, NEW, NEWER, OLDER, ImportPlan, apply_plan, plan_import
from model.package_read import read_package
from model.package_write import package_file_name, write_package
from model.store import Store
from ui.folders import nearest_existing
from ui.settings import UiSettings

_COLOURS = {NEW: "#1b5e20", NEWER: "#0d47a1", OLDER: "#b71c1c", CONFLICT: "#b71c1c"}
_REMOVABLE_FS = {"vfat", "fat", "fat32", "exfat", "msdos", "fuseblk"}


@dataclass(frozen=True)
class Volume:
    """A place to save to: its folder, what the user sees, and whether it looks removable."""

    root: Path
    label: str
    removable: bool


def classify_volume(root: str, name: str, fs_type: str, is_root: bool) -> Volume:
    """Guess whether a mounted volume is a USB stick (Qt has no such flag): FAT/exFAT file systems
    or Linux's /media and /run/media mounts, never the system volume."""
    removable = not is_root and (fs_type.lower() in _REMOVABLE_FS
                                 or root.startswith(("/media/", "/run/media/")))
    label = f"{name or root}（{root}）" + ("　[U盘/移动磁盘]" if removable else "")
    return Volume(Path(root), label, removable)


def destinations(volumes: list[Volume] | None = None) -> list[Volume]:
    """Where the export dialog offers to save: removable drives first, then the documents folder."""
    if volumes is None:
        volumes = [classify_volume(v.rootPath(), v.displayName(), bytes(v.fileSystemType().data()).decode(
            "ascii", "replace"), v.isRoot()) for v in QStorageInfo.mountedVolumes()
            if v.isValid() and v.isReady() and not v.isReadOnly()]
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    rest = [Volume(Path(docs), f"我的文档（{docs}）", False)] if docs else []
    return [v for v in volumes if v.removable] + rest


class ExportPackageDialog(QDialog):
    """Choose forms and a destination; writes one .jxpkg file."""

    def __init__(self, parent: QWidget | None, store: Store, selected_ids: list[str] | None = None,
                 volumes: list[Volume] | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.written: Path | None = None
        self.setWindowTitle("导出交换包（U盘）")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("选择要放入交换包的表格："))
        self.forms = QListWidget()
        for s in store.list_forms():
            item = QListWidgetItem(f"{s.year}　{s.unit or '未填单位'}　{KINDS.get(s.kind, s.kind)}　"
                                   f"{s.project or s.title}　第{s.revision}版")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = selected_ids is None or s.id in selected_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.forms.addItem(item)
        self.forms.itemChanged.connect(self._update_name)
        layout.addWidget(self.forms)
        row = QHBoxLayout()
        row.addWidget(QLabel("保存到："))
        self.place = QComboBox()
        for volume in destinations(volumes):
            self.place.addItem(volume.label, str(volume.root))
        row.addWidget(self.place, 1)
        browse = QPushButton("其他位置…")
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(QLabel("文件名："))
        self.name = QLineEdit()
        row.addWidget(self.name, 1)
        layout.addLayout(row)
        self.renderings = QCheckBox("附带 PDF 和 Excel 打印版（供人查看，导入时不使用）")
        self.renderings.setChecked(True)
        layout.addWidget(self.renderings)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.ok = buttons.addButton("导出", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._export_and_close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Wide enough for 年度 · 单位 · 类型 · 项目名称 without a sideways scroll bar.
        self.resize(760, 440)
        self._update_name()

    def chosen_ids(self) -> list[str]:
        """The ids of the checked forms, in list order."""
        return [str(self.forms.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.forms.count())
                if self.forms.item(i).checkState() == Qt.CheckState.Checked]

    def _update_name(self) -> None:
        ids = self.chosen_ids()
        self.ok.setEnabled(bool(ids))
        if ids:
            self.name.setText(package_file_name([self.store.load(i) for i in ids], self.store.clock().date()))

    def _browse(self) -> None:
        start = nearest_existing(self.place.currentData() or "")
        folder = QFileDialog.getExistingDirectory(self, "选择保存交换包的文件夹", start)
        if folder:
            self.place.insertItem(0, folder, folder)
            self.place.setCurrentIndex(0)

    def destination(self) -> Path:
        """The full path the package will be written to."""
        name = self.name.text().strip()
        if not name.lower().endswith(".jxpkg"):
            name += ".jxpkg"
        return Path(self.place.currentData() or ".") / name

    def export(self) -> Path | None:
        """Write the package; on a problem, say it in the dialog and return None."""
        from ui.services.packaging import render_for_package

        try:
            renderer = render_for_package if self.renderings.isChecked() else None
            self.written = write_package(self.store, self.chosen_ids(), self.destination(),
                                         self.store.clock(), renderer)
        except JixiaoError as exc:
            self.status.setText(f"<span style='color:#b71c1c'>导出失败：{exc}</span>")
            return None
        self.status.setText(f"已导出到：{self.written}")
        return self.written

    def _export_and_close(self) -> None:
        if self.export() is not None:
            self.accept()


class ImportPackageDialog(QDialog):
    """Read a package, show what importing it would do, and import only when 导入 is pressed."""

    def __init__(self, parent: QWidget | None, store: Store, path: Path | None = None,
                 settings: UiSettings | None = None) -> None:
        super().__init__(parent)
        self.settings = settings  # remembers the folder of the last package chosen
        self.store = store
        self.plan: ImportPlan | None = None
        self.path: Path | None = None
        self.written = 0
        self.setWindowTitle("导入交换包")
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.file_label = QLabel("尚未选择交换包")
        row.addWidget(self.file_label, 1)
        choose = QPushButton("选择交换包…")
        choose.clicked.connect(self._choose)
        row.addWidget(choose)
        layout.addLayout(row)
        self.items = QListWidget()
        layout.addWidget(self.items, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.apply_button = buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(False)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if path is not None:
            self.load(path)

    def _choose(self) -> None:
        # A USB stick first; else 我的文档 (where 导出交换包 saves by default), not the program's folder.
        from ui.folders import remember, start_folder

        offered = destinations()
        usb = next((v.root for v in offered if v.removable), None)
        # A stick just put in wins; else the folder a package was last taken from; else 我的文档.
        start = usb if usb is not None else start_folder(self.settings, "package",
                                                         offered[0].root if offered else None)
        name, _ = QFileDialog.getOpenFileName(self, "选择交换包", str(start), "交换包 (*.jxpkg)")
        if name:
            remember(self.settings, "package", Path(name))
            self.load(Path(name))

    def load(self, path: Path) -> bool:
        """Verify a package and show its plan; nothing is written. Returns whether it is usable."""
        self.items.clear()
        self.plan, self.path = None, path
        self.file_label.setText(str(path))
        self.apply_button.setEnabled(False)
        try:
            self.plan = plan_import(self.store, read_package(path))
        except JixiaoError as exc:
            self.status.setText(f"<span style='color:#b71c1c'>无法导入：{exc}</span>")
            return False
        m = self.plan.package.manifest
        for item in self.plan.items:
            entry = QListWidgetItem(item.message)
            entry.setForeground(QBrush(QColor(_COLOURS.get(item.action, "#555555"))))
            self.items.addItem(entry)
        self.status.setText(f"单位：{m.unit or '未填'}；生成于 {_when(m.created)}。{self.plan.summary()}。"
                            + ("请核对后按“导入”。" if self.plan.changes else "没有需要导入的内容。"))
        self.apply_button.setEnabled(bool(self.plan.changes))
        return True

    def apply(self) -> bool:
        """Import the shown plan in one transaction; returns whether it was written."""
        if self.plan is None or not self.plan.changes:
            return False
        try:
            written = apply_plan(self.store, self.plan, self.path.name if self.path else "")
        except JixiaoError as exc:
            self.status.setText(f"<span style='color:#b71c1c'>导入失败，数据库未改变：{exc}</span>")
            self.apply_button.setEnabled(False)
            return False
        self.written = len(written)
        refused = len(self.plan.refused)
        self.status.setText(f"已导入 {len(written)} 张表格"
                            + (f"，{refused} 张未导入（版本较旧，或编号与另一单位的表格冲突）" if refused else "") + "。")
        self.apply_button.setEnabled(False)
        self.accept()
        return True


def _when(created: str) -> str:
    try:
        return f"{dt.datetime.fromisoformat(created):%Y年%m月%d日 %H:%M}"
    except ValueError:
        return created[:40]


