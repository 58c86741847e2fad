"""文件 → 生成自评报告… and 审核 → 核对自评报告…: thin dialogs over ui/services/narrative.py.

The report dialog follows the export dialog's conventions: a file name, a folder, formats, the folder
opened afterwards, and an existing file is replaced only after the user says so.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from model.errors import JixiaoError, os_reason
from scoring.result import severity_label
from model.form import Form
from model.store import Store
from ui.folders import export_folder, nearest_existing
from ui.settings import UiSettings



class ReportDialog(QDialog):
    """Name, folder and formats of the 绩效自评报告 of one form; writes it and opens the folder."""

    def __init__(self, form: Form, store: Store | None, settings: UiSettings, parent: QWidget | None = None) -> None:
        from ui.services.narrative import report_file_name

        super().__init__(parent)
        self.setWindowTitle("生成自评报告")
        self.form, self.store, self.settings = form, store, settings
        self.written: list[Path] = []
        self.name = QLineEdit(report_file_name(form, ""), self)
        self.docx = QCheckBox("Word（.docx，可修改）", self)
        self.pdf = QCheckBox("PDF（.pdf）", self)
        self.docx.setChecked(True)
        self.pdf.setChecked(True)
        default_dir = export_folder(settings)
        self.folder = QLineEdit(str(default_dir), self)
        browse = QPushButton("选择…", self)
        browse.clicked.connect(self._choose_folder)
        self.open_after = QCheckBox("完成后打开文件夹", self)
        self.open_after.setChecked(True)
        self.status = QLabel("报告按表格中的数字和程序算出的得分写成；【请填写：…】处需要单位自己补充。", self)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.make_button = buttons.addButton("生成", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for label, widget in (("文件名", self.name), ("保存到", self.folder)):
            row = QHBoxLayout()
            row.addWidget(QLabel(label, self))
            row.addWidget(widget, 1)
            if widget is self.folder:
                row.addWidget(browse)
            layout.addLayout(row)
        formats = QHBoxLayout()
        formats.addWidget(self.docx)
        formats.addWidget(self.pdf)
        layout.addLayout(formats)
        layout.addWidget(self.open_after)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(560, 240)

    def _choose_folder(self) -> None:
        start = nearest_existing(self.folder.text())
        chosen = QFileDialog.getExistingDirectory(self, "选择保存报告的文件夹", start)
        if chosen:
            self.folder.setText(chosen)

    def targets(self) -> tuple[Path | None, Path | None]:
        """The .docx and .pdf paths asked for (None when a format is not ticked)."""
        folder = Path(self.folder.text().strip() or ".")
        stem = self.name.text().strip().removesuffix(".docx").removesuffix(".pdf") or "绩效自评报告"
        return (folder / f"{stem}.docx" if self.docx.isChecked() else None,
                folder / f"{stem}.pdf" if self.pdf.isChecked() else None)

    def run(self) -> list[Path]:
        """Write the report; problems are said in the dialog, which stays open."""
        from ui.messages import confirm
        from ui.services.narrative import write_report

        docx, pdf = self.targets()
        paths = [p for p in (docx, pdf) if p is not None]
        if not paths:
            self.status.setText("请至少勾选一种格式（Word 或 PDF）。")
            return []
        existing = [p.name for p in paths if p.exists()]
        if existing and not confirm(self, f"文件“{'”“'.join(existing)}”已存在，要替换吗？", yes="替换",
                                    detail="替换后原文件的内容（包括在 Word 中补写的文字）将丢失。"
                                           "如要保留，请取消并换一个文件名。"):
            return []
        try:
            paths[0].parent.mkdir(parents=True, exist_ok=True)
            write_report(self.form, docx=docx, pdf=pdf, store=self.store)
        except (JixiaoError, OSError) as exc:
            self.status.setText(str(exc) if isinstance(exc, JixiaoError) else
                                f"无法写入“{paths[0].parent}”（{os_reason(exc)}）。请换一个可写的文件夹。")
            return []
        self.written = paths
        self.settings.export_dir = paths[0].parent
        self.status.setText("已生成：" + "、".join(p.name for p in paths))
        if self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths[0].parent)))
        return paths


class CheckReportDialog(QDialog):
    """Pick a .docx report, check it against the stored forms of its unit and year, list what differs."""

    COLUMNS = ("级别", "报告原文", "报告写", "表格为", "表格位置", "代码")

    def __init__(self, store: Store, settings: UiSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("核对自评报告")
        self.store, self.settings = store, settings
        self.summary = QLabel("选择一份 Word（.docx）自评报告，程序把报告中的数字与同一单位、同一年度的表格对照。", self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        choose = QPushButton("选择报告…", self)
        choose.clicked.connect(self._choose)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(choose)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1180, 620)

    def _choose(self) -> None:
        from ui.folders import remember, start_folder

        path, _ = QFileDialog.getOpenFileName(self, "选择自评报告", str(start_folder(self.settings, "report")),
                                              "Word 文档 (*.docx)")
        if path:
            remember(self.settings, "report", Path(path))
            self.check(Path(path))

    def check(self, path: Path) -> int:
        """Check one report and fill the table; returns the number of disagreements."""
        from ui.services.narrative import check_report_file

        try:
            outcome = check_report_file(path, self.store)
        except JixiaoError as exc:
            self.summary.setText(str(exc))
            self.table.setRowCount(0)
            return 0
        if not outcome.forms:
            self.summary.setText(f"没有找到与“{path.name}”同一年度、同一单位的表格。请先录入或导入这些表格，"
                                 "并确认报告中写有单位全称（与表格中的单位名称一致）。")
            self.table.setRowCount(0)
            return 0
        findings = sorted(outcome.findings, key=lambda f: f.severity == "info")
        self.table.setRowCount(len(findings))
        for r, f in enumerate(findings):
            for c, text in enumerate((severity_label(f.severity), f.sentence, f.stated, f.expected or "—",
                                      f.where or "—", f.code)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
        for c in (0, 2, 5):
            self.table.resizeColumnToContents(c)
        # The quoted sentence is what the user looks for in Word: the widest column; the others wrap.
        for c, width in ((1, 380), (3, 170), (4, 230)):
            self.table.setColumnWidth(c, width)
        self.table.resizeRowsToContents()
        problems = sum(1 for f in findings if f.severity != "info")
        self.summary.setText(f"“{path.name}”：对照表格 {len(outcome.forms)} 张，不一致 {problems} 处，"
                             f"未能核对的数字 {len(findings) - problems} 个（列在后面，请人工核对）。")
        return problems
