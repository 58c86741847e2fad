"""The finance bureau's view: every form of every unit and year with its sign-off state, budget,
spending, 执行率, total, grade and error count; a text filter and a state filter, importing packages
and exporting the 汇总表 (XLSX/PDF).

Open it with `BureauView(parent, store).show()`; the rows come from reports/summary_rows.py.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from model.atomic import write_atomic_with
from model.errors import JixiaoError
from model.signoff import DRAFT, MODIFIED, STATES
from model.store import Store
from ui.settings import UiSettings
from reports.summary_rows import HEADINGS, Summary, SummaryRow, rate_text, row_cells
from ui.weak import weak_slot

_Index = QModelIndex | QPersistentModelIndex
ERRORS_COLUMN = HEADINGS.index("错误数")
STATE_COLUMN = HEADINGS.index("状态")
RATE_COLUMN = HEADINGS.index("执行率")
NUMERIC_COLUMNS = {HEADINGS.index(h) for h in ("序号", "年度", "全年预算数", "全年执行数", "总分", "错误数")}
GRADE_COLUMN = HEADINGS.index("等级")
ALL_STATES = "全部状态"
# A draft at the bureau is allowed but must stand out; content changed after signing even more.
STATE_COLOURS = {DRAFT: "#8d6e00", MODIFIED: "#b71c1c"}


class SummaryTableModel(QAbstractTableModel):
    """Read-only rows of a Summary; numbers sort as numbers (Qt.UserRole)."""

    def __init__(self, summary: Summary | None = None) -> None:
        super().__init__()
        self._rows: tuple[SummaryRow, ...] = summary.rows if summary else ()

    def set_summary(self, summary: Summary) -> None:
        self.beginResetModel()
        self._rows = summary.rows
        self.endResetModel()

    def row_at(self, row: int) -> SummaryRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADINGS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = row_cells(index.row() + 1, self._rows[index.row()])[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:.2f}" if isinstance(value, Decimal) else ("" if value is None else str(value))
        if role == Qt.ItemDataRole.UserRole:
            if index.column() == RATE_COLUMN:
                rate = self._rows[index.row()].rate
                return -1.0 if rate is None else float(rate)
            if index.column() in NUMERIC_COLUMNS:
                # Unscored or unchecked forms sort before every real figure.
                return float(value) if isinstance(value, (int, Decimal)) else -1.0
            return "" if value is None else str(value)
        errors = self._rows[index.row()].errors
        if role == Qt.ItemDataRole.BackgroundRole and isinstance(errors, int) and errors > 0:
            from PySide6.QtGui import QColor

            return QColor("#fdecea")  # the whole row of a form with checker errors
        if role == Qt.ItemDataRole.ForegroundRole and index.column() in (ERRORS_COLUMN, GRADE_COLUMN) and \
                isinstance(errors, int) and errors > 0:
            from PySide6.QtGui import QColor

            return QColor("#b71c1c")
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == STATE_COLUMN and value in STATE_COLOURS:
            from PySide6.QtGui import QColor

            return QColor(STATE_COLOURS[str(value)])
        if role == Qt.ItemDataRole.TextAlignmentRole and not isinstance(value, str):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADINGS[section]
        return None


class BureauView(QDialog):
    """The summary table with a filter, 导入交换包… and 导出汇总表… buttons."""

    def __init__(self, parent: QWidget | None, store: Store, settings: UiSettings | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings  # remembers the folder of the last summary saved
        self.summary: Summary | None = None
        self.setWindowTitle("汇总（财政局）")
        self.resize(1300, 560)  # fourteen columns; still inside a 1366-pixel screen
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("筛选：输入单位、年度、名称或等级…")
        bar.addWidget(self.filter, 1)
        self.state_filter = QComboBox()
        self.state_filter.addItems([ALL_STATES, *STATES])
        self.state_filter.setToolTip("只显示某一签字状态的表格（草稿：未经审核；签字后被修改：内容与签字时不一致）")
        self.state_filter.currentTextChanged.connect(weak_slot(self._show))
        bar.addWidget(self.state_filter)
        importer = QPushButton("导入交换包…")
        importer.clicked.connect(self._import)
        bar.addWidget(importer)
        exporter = QPushButton("导出汇总表…")
        exporter.clicked.connect(self._export)
        bar.addWidget(exporter)
        layout.addLayout(bar)
        self.model = SummaryTableModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        # Every column as wide as its contents and 名称 takes the rest: at an even 100 pixels each the
        # ten columns overflowed, so 名称 shrank to a few characters while 序号 and 版本 stayed wide.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HEADINGS.index("名称"), QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)  # 序号 is the first column already
        layout.addWidget(self.table, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.refresh()

    def refresh(self) -> None:
        """Recompute the summary from the database (after an import)."""
        from ui.services.summary import load_summary

        self.summary = load_summary(self.store)
        self._show()

    def _show(self) -> None:
        """Show the rows of the chosen state (all by default) and count them."""
        if self.summary is None:
            return
        state = self.state_filter.currentText()
        shown = self.summary if state == ALL_STATES else self.summary.only([state])
        self.model.set_summary(shown)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        counts = "，".join(f"{s} {n} 张" for s in STATES if (n := sum(r.state == s for r in shown.rows)))
        foot = shown.foot()
        money = "、".join(f"{name} {value:.2f}" for name, value in (("全年预算数", foot.annual), ("全年执行数", foot.executed))
                         if value is not None)
        average = f"平均分 {foot.average:.2f}（{foot.scored} 张已评分）" if foot.average is not None else "没有已评分的表格"
        self.status.setText(f"共 {len(shown.rows)} 张表格，其中 {shown.with_errors} 张有审核错误。"
                            f"签字状态：{counts or '无'}。草稿是未经审核签字的表格。\n"
                            f"合计（万元）：{money or '无金额'}，执行率 {rate_text(foot.rate)}；{average}；"
                            f"等级：{foot.grade_text()}。导出的汇总表另有各单位小计。")

    def visible_rows(self) -> list[SummaryRow]:
        """The rows the filter lets through, in displayed order."""
        return [self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
                for r in range(self.proxy.rowCount())]

    def export_summary(self, dest: Path) -> bool:
        """Save the rows shown (filter applied) as .xlsx or .pdf, by the file's suffix."""
        from reports.summary_pdf import render_summary_pdf
        from reports.summary_rows import Summary as _Summary
        from reports.summary_xlsx import render_summary_xlsx

        assert self.summary is not None
        shown = _Summary(tuple(self.visible_rows()), self.store.clock())
        render = render_summary_pdf if dest.suffix.lower() == ".pdf" else render_summary_xlsx
        try:
            write_atomic_with(dest, lambda f: render(shown, f))
        except (OSError, JixiaoError) as exc:
            self.status.setText(f"<span style='color:#b71c1c'>无法保存汇总表“{dest}”：{exc}。请换一个位置。</span>")
            return False
        self.status.setText(f"已保存汇总表：{dest}")
        return True

    def _export(self) -> None:
        from ui.folders import remember, start_folder

        # The last folder used (else 我的文档), not the program's own folder.
        start = start_folder(self.settings, "summary") / "预算绩效自评汇总表.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, "导出汇总表", str(start), "Excel 表格 (*.xlsx);;PDF (*.pdf)")
        if name:
            remember(self.settings, "summary", Path(name))
            self.export_summary(Path(name))

    def _import(self) -> None:
        from ui.package_dialogs import ImportPackageDialog

        ImportPackageDialog(self, self.store, settings=self.settings).exec()
        self.refresh()
