"""The 设置 dialog: unit defaults for new forms, default profile, data folder, backups and
从备份恢复 (the dialog lists and confirms; the main window swaps the database)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFileDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from model.backup import describe, list_backups
from model.datadir import backups_dir, database_path, default_data_dir
from model.errors import JixiaoError
from model.store import Store
from ui.new_form_dialog import profile_choices
from ui.messages import ok_cancel
from ui.settings import UiSettings, UnitDefaults
from ui.tree_items import top_items

# Restores a backup file into the open data folder; True when done (the window reports either way).
Restorer = Callable[[Path], bool]


def backup_row(path: Path) -> list[str]:
    """日期, 时间, 类型, 大小 of a backup (model/backup.py describe)."""
    return list(describe(path))


class SettingsDialog(QDialog):
    """Edits UnitDefaults (in the database) and the data folder (in QSettings, used at next start)."""

    def __init__(self, store: Store, settings: UiSettings, parent: QWidget | None = None,
                 data_dir: Path | None = None, restore: Restorer | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("设置")
        self.store, self.settings = store, settings
        self._restore = restore
        self.restored: Path | None = None
        self.current_dir = data_dir or (store.path.parent if store.path else default_data_dir())
        defaults = UnitDefaults.load(store)
        self.unit_name = QLineEdit(defaults.unit_name, self)
        self.leader = QLineEdit(defaults.leader, self)
        self.preparer = QLineEdit(defaults.preparer, self)
        self.phone = QLineEdit(defaults.phone, self)
        self.phone.setPlaceholderText("例如：0991-5550123")
        self.profile = QComboBox(self)
        for name, title in profile_choices():
            self.profile.addItem(title, name)
        index = self.profile.findData(defaults.default_profile)
        self.profile.setCurrentIndex(max(index, 0))

        unit_box = QGroupBox("新建表格时自动填写", self)
        unit_form = QFormLayout(unit_box)
        unit_form.addRow("单位名称", self.unit_name)
        unit_form.addRow("单位负责人", self.leader)
        unit_form.addRow("填表人", self.preparer)
        unit_form.addRow("联系电话", self.phone)
        unit_form.addRow("默认评分规则", self.profile)

        self.data_dir = QLineEdit(str(settings.data_dir or ""), self)
        self.data_dir.setPlaceholderText(f"默认：{default_data_dir()}")
        browse = QPushButton("选择…", self)
        browse.clicked.connect(self._choose_dir)
        row = QHBoxLayout()
        row.addWidget(self.data_dir)
        row.addWidget(browse)
        self.backup_label = QLabel(f"当前数据文件夹：{self.current_dir}", self)
        self.backup_label.setWordWrap(True)
        backup_now = QPushButton("立即备份", self)
        backup_now.clicked.connect(self.backup_now)
        open_backups = QPushButton("打开备份文件夹", self)
        open_backups.clicked.connect(self._open_backups)
        self.backups = QTreeWidget(self)
        self.backups.setRootIsDecorated(False)
        self.backups.setHeaderLabels(["日期", "时间", "类型", "大小"])
        self.backups.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backups.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.backups.setMaximumHeight(150)
        self.backups.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # four short columns
        self.restore_button = QPushButton("从备份恢复…", self)
        self.restore_button.setToolTip("用选中的备份替换当前数据库；当前数据库改名保留，不会删除")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(backup_now)
        buttons_row.addWidget(open_backups)
        buttons_row.addStretch(1)
        buttons_row.addWidget(self.restore_button)
        data_box = QGroupBox("数据与备份", self)
        data_layout = QVBoxLayout(data_box)
        data_form = QFormLayout()
        data_form.addRow("数据文件夹（重启后生效）", row)
        data_layout.addLayout(data_form)
        data_layout.addWidget(QLabel("程序每天自动备份一次，保留最近 10 份。", self))
        data_layout.addWidget(self.backups)
        data_layout.addLayout(buttons_row)
        data_layout.addWidget(self.backup_label)
        self.list_backups()

        buttons = ok_cancel(self, "保存")
        layout = QVBoxLayout(self)
        layout.addWidget(unit_box)
        layout.addWidget(data_box)
        layout.addWidget(buttons)

    def values(self) -> UnitDefaults:
        return UnitDefaults(self.unit_name.text().strip(), self.leader.text().strip(), self.preparer.text().strip(),
                            self.phone.text().strip(), str(self.profile.currentData()))

    def backup_now(self) -> Path | None:
        # The fields first: a backup taken before 保存 lacked the value just typed, and restoring
        # it later reverted that value.
        self.values().save(self.store)
        try:
            path = self.store.backup_now()
        except (JixiaoError, OSError) as exc:
            self.backup_label.setText(f"备份失败：{exc}。请检查数据文件夹所在磁盘是否已满。")
            return None
        self.backup_label.setText(f"已备份到：{path}")
        self.list_backups()
        return path

    def list_backups(self) -> None:
        """Fill the backup list, newest first; restoring needs a backup, a file database and the window."""
        self.backups.clear()
        for path in list_backups(backups_dir(self.current_dir)):
            item = QTreeWidgetItem(backup_row(path))
            item.setData(0, Qt.ItemDataRole.UserRole, str(path))
            self.backups.addTopLevelItem(item)
        if self.backups.topLevelItemCount():
            self.backups.setCurrentItem(top_items(self.backups)[0])
        self.restore_button.setEnabled(bool(self.backups.topLevelItemCount()) and self._restore is not None
                                       and self.store.path is not None)

    def selected_backup(self) -> Path | None:
        item = self.backups.currentItem()
        return None if item is None else Path(str(item.data(0, Qt.ItemDataRole.UserRole)))

    def restore_selected(self) -> bool:
        """Ask, then have the window restore the selected backup; the dialog closes when it is done."""
        from ui.messages import confirm  # looked up at call time: tests answer the question

        source = self.selected_backup()
        if source is None or self._restore is None:
            return False
        day, time, reason, _size = backup_row(source)
        aside = f"{database_path(self.current_dir).name}.before-restore-<恢复时间>"
        if not confirm(self, f"用 {day} {time} 的{reason}备份恢复数据库吗？", yes="恢复", title="从备份恢复",
                       detail=f"当前数据库会改名保留为 {aside}（在数据文件夹中，不会删除），"
                              "然后换成这份备份。备份之后所做的修改、新建和导入的表格将不再显示；"
                              "本窗口中未点“保存”的设置也不会保存。"):
            return False
        if not self._restore(source):
            self.list_backups()  # the window said why; the current database is unchanged
            return False
        self.restored = source
        # The dialog's fields came from the old database: close without writing them into the restored one.
        self.reject()
        return True

    def _choose_dir(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "选择数据文件夹", self.data_dir.text() or str(self.current_dir))
        if chosen:
            self.data_dir.setText(chosen)

    def _open_backups(self) -> None:
        folder = backups_dir(self.current_dir)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def accept(self) -> None:
        self.values().save(self.store)
        text = self.data_dir.text().strip()
        self.settings.data_dir = Path(text) if text else None
        self.settings.sync()
        super().accept()
