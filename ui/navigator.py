"""The navigator on the left: 单位 → 年度 → forms (kind, total, grade), with a search box.

Lists what the store returns for the search words; totals come from a scorer passed in, so this
widget holds no scoring and no SQL.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from model.store import FormSummary, Store
from ui.weak import weak_callback

FORM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SHORT_KINDS = {"project_self_eval": "项目自评", "dept_self_eval": "部门自评", "project_target": "目标表",
               "dept_basic_data": "基础数据", "evaluation": "评价评分"}
COLUMNS = ("表格", "类型", "总分", "等级")
# (total text, grade) for a form id and revision; "" when the form is not scored.
Scorer = Callable[[str, int], tuple[str, str]]


class Navigator(QWidget):
    """Forms grouped by unit and year; emits `form_activated(id)` when the user picks one."""

    form_activated = Signal(str)

    def __init__(self, store: Store, scorer: Scorer | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._scorer = None if scorer is None else weak_callback(scorer, ("", ""))
        self._rows: dict[str, list[QStandardItem]] = {}
        # While set, a change of the current row is not announced as the user's choice. The selection
        # model's own signals are never blocked: the view repaints the old and new rows from them.
        self._quiet = False
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("搜索：项目名称、单位、年度、指标…")
        self.search.setClearButtonEnabled(True)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        # Rows that begin alike (“2019年残疾人保障金(就业培训)” / “…(康复服务)”) keep both ends in view.
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        # Forms sit three levels deep (单位 › 年度 › 表格): Qt's 20-pixel steps took 60 pixels of a
        # 200-pixel list at 1024×700, leaving the names a few characters.
        self.view.setIndentation(12)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # The kind is a short tag at the end of the name (项目自评…), so the name gets the room.
        self.view.setColumnHidden(1, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.view)
        # Typing in the search box re-queries after a short pause, not on every keystroke.
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._activate_first)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.reload()

    # -- filling ---------------------------------------------------------------------------------

    def set_store(self, store: Store) -> None:
        """Read forms from another store (after a restore from backup replaced the database)."""
        self._store = store

    def reload(self, select_id: str | None = None) -> None:
        """Re-read the list for the current search words; keep (or set) the selected form."""
        select_id = select_id or self.current_form_id()
        self._quiet = True
        self.model.removeRows(0, self.model.rowCount())
        self._rows.clear()
        units: dict[str, QStandardItem] = {}
        years: dict[tuple[str, int], QStandardItem] = {}
        for summary in self._store.list_forms(self.search.text()):
            unit_name = summary.unit or "（未填单位）"
            unit = units.get(unit_name)
            if unit is None:
                unit = units[unit_name] = _branch(unit_name)
                self.model.appendRow([unit, *(_plain("") for _ in COLUMNS[1:])])
            year = years.get((unit_name, summary.year))
            if year is None:
                year = years[(unit_name, summary.year)] = _branch(f"{summary.year}年度")
                unit.appendRow([year, *(_plain("") for _ in COLUMNS[1:])])
            row = self._form_row(summary)
            year.appendRow(row)
            self._rows[summary.id] = row
        self.view.expandAll()
        self._quiet = False
        if select_id in self._rows:
            self.select_form(select_id, emit=False)

    def _form_row(self, s: FormSummary) -> list[QStandardItem]:
        name = _plain(row_label(s.kind, s.project, s.year))
        name.setData(s.id, FORM_ID_ROLE)
        full = full_title(s.year, s.title)
        name.setToolTip(f"{s.project + '　' if s.project else ''}{full}\n{s.unit or '未填单位'} · {s.year}年度 · "
                        f"评分规则 {s.profile}\n最后保存：{s.updated_at}")
        total, grade = self._scorer(s.id, s.revision) if self._scorer else ("", "")
        total_item = _plain(total)
        total_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return [name, _plain(SHORT_KINDS.get(s.kind, s.kind)), total_item, _plain(grade)]

    def update_scores(self, form_id: str, total: str, grade: str, label: str | None = None) -> None:
        """Show a form's new total and grade (and row label, see row_label) without re-reading the list."""
        row = self._rows.get(form_id)
        if row is None:
            return
        row[2].setText(total)
        row[3].setText(grade)
        if label is not None:
            row[0].setText(label)

    # -- selection -------------------------------------------------------------------------------

    def form_ids(self) -> list[str]:
        """The ids listed, in display order."""
        return list(self._rows)

    def current_form_id(self) -> str | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        value = index.siblingAtColumn(0).data(FORM_ID_ROLE)
        return value if isinstance(value, str) else None

    def select_form(self, form_id: str, emit: bool = True) -> bool:
        """Make a form the current row; emits form_activated unless told not to."""
        row = self._rows.get(form_id)
        if row is None:
            return False
        index = self.model.indexFromItem(row[0])
        flags = QItemSelectionModel.SelectionFlag
        self._quiet = not emit
        try:
            self.view.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        finally:
            self._quiet = False
        self.view.scrollTo(index)
        return True

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet:
            return
        form_id = current.siblingAtColumn(0).data(FORM_ID_ROLE) if current.isValid() else None
        if isinstance(form_id, str):
            self.form_activated.emit(form_id)

    def _activate_first(self) -> None:
        ids = self.form_ids()
        if ids:
            self.select_form(ids[0])
            self.view.setFocus()


KIND_TAGS = {"project_self_eval": "自评", "dept_self_eval": "部门自评", "project_target": "目标表",
             "dept_basic_data": "基础数据", "evaluation": "评价"}
KIND_NAMES = {"dept_self_eval": "部门整体支出自评", "dept_basic_data": "部门基础数据表"}


def row_label(kind: str, project: str, year: int) -> str:
    """A navigator row: the project name first (year prefix dropped), the kind as a short tag after
    it; forms without a project (department forms) are named by their kind."""
    if not project:
        return KIND_NAMES.get(kind, SHORT_KINDS.get(kind, kind))
    return f"{short_name(project, year)} · {KIND_TAGS.get(kind, SHORT_KINDS.get(kind, kind))}"


def full_title(year: int, title: str) -> str:
    """The form's title with its year once (“2023年度部门整体…”, never “2023年度2023年度…”)."""
    return title if title.startswith(f"{year}年") else f"{year}年度{title}"


def short_name(name: str, year: int) -> str:
    """The name without a leading 2023年度/2023年: the year is already the branch above it."""
    for prefix in (f"{year}年度", f"{year}年"):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):].lstrip("　 ")
    return name


def _plain(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    return item


def _branch(text: str) -> QStandardItem:
    item = _plain(text)
    font = QFont()
    font.setBold(True)
    item.setFont(font)
    item.setSelectable(False)
    return item
