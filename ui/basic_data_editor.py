"""BasicDataEditor: the sections of a 部门整体支出绩效评价基础数据表, one box per section.

Table sections show their rows under the printed names with a number per column; text sections
(厉行节约保障措施…) are multi-line boxes. Every change is one command through the session; the
checker's findings (sums, 控制率) mark the cells they are about — no arithmetic here.
"""
from __future__ import annotations

import weakref

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHeaderView, QLabel, QScrollArea, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from model.form import DataSection
from model.rates import is_rate_column, rate_fraction
from scoring.result import Finding
from ui.editing.columns import format_number, format_rate, parse_number, parse_rate
from ui.finding_marks import finding_lines, mark_item
from ui.editing.session import FormSession
from ui.typing_text import TypingTextEdit
from ui.weak import weak_slot


def _column_titles(section: DataSection) -> list[str]:
    """The section's column headings, numbered for values beyond them (as the checker names them)."""
    cols = list(section.columns or [])
    width = max((len(r.values) for r in section.rows or []), default=0)
    return [cols[i] if i < len(cols) else f"第{i + 1}列" for i in range(max(len(cols), width))]


class _SectionTable(QTableWidget):
    """The numbers of one table section."""

    def __init__(self, owner: BasicDataEditor, index: int) -> None:
        super().__init__(owner)
        self._owner = weakref.ref(owner)  # the editor holds its tables: a strong link back is a cycle
        self.index = index
        self.filling = False
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemChanged.connect(self._edited)

    @property
    def owner(self) -> BasicDataEditor:
        """The editor this table belongs to."""
        owner = self._owner()
        assert owner is not None, "a section table outlived its editor"
        return owner

    def show_section(self, section: DataSection, findings: list[Finding]) -> None:
        self.filling = True
        titles = _column_titles(section)
        rows = section.rows or []
        self.setColumnCount(len(titles))
        self.setRowCount(len(rows))
        self.setHorizontalHeaderLabels(titles)
        self.setVerticalHeaderLabels([r.name for r in rows])
        for r, row in enumerate(rows):
            mine = [f for f in findings if f.path[2:3] == (row.name,)]
            for c, title in enumerate(titles):
                item = self.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.setItem(r, c, item)
                # Rates are kept as fractions and shown as percents, as the printout does.
                value = row.values[c] if c < len(row.values) else None
                item.setText(format_rate(rate_fraction(value)) if is_rate_column(title) else format_number(value))
                # A finding without a column (or about a row as a whole) marks the row's first cell.
                mark_item(item, [f for f in mine if f.field == title or (c == 0 and f.field not in titles)])
        self.filling = False
        height = self.horizontalHeader().height() + sum(self.rowHeight(r) for r in range(len(rows)))
        self.setFixedHeight(height + 2 * self.frameWidth())

    def _edited(self, item: QTableWidgetItem) -> None:
        if self.filling:
            return
        section = self.owner.sections()[self.index]
        row = (section.rows or [])[item.row()]
        title = _column_titles(section)[item.column()]
        try:
            read = parse_rate if is_rate_column(title) else parse_number
            value = read(item.text(), f"“{row.name}”的{title}")
        except ValueError as exc:
            self.owner.session.report_error(f"基础数据表“{section.section}”中{exc}")
            self.owner.refresh()
            return
        self.owner.session.set_data_cell(self.index, item.row(), item.column(), value)


class BasicDataEditor(QWidget):
    """All sections of the 基础数据表 of one session, scrolling as one page."""

    def __init__(self, session: FormSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tables: dict[int, _SectionTable] = {}
        self.texts: dict[int, TypingTextEdit] = {}
        self.notes: dict[int, QLabel] = {}
        page = QWidget(self)
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        for i, section in enumerate(self.sections()):
            box = QGroupBox(section.section or f"第{i + 1}部分", page)
            box_layout = QVBoxLayout(box)
            if section.rows is not None or section.columns is not None:
                table = _SectionTable(self, i)
                self.tables[i] = table
                box_layout.addWidget(table)
            else:
                text = TypingTextEdit(box, height=96)
                text.edited.connect(weak_slot(self._text_edited, i, take=1))
                self.texts[i] = text
                box_layout.addWidget(text)
            note = QLabel(box)
            note.setWordWrap(True)
            note.setStyleSheet("color: #a03030;")
            self.notes[i] = note
            box_layout.addWidget(note)
            page_layout.addWidget(box)
        if not self.sections():
            page_layout.addWidget(QLabel("这张基础数据表还没有任何部分。", page))
        page_layout.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(page)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        session.changed.connect(self.refresh)
        self.refresh()

    def _text_edited(self, index: int, value: str) -> None:
        self.session.set_section_text(index, value or None, self.texts[index].typing)

    def sections(self) -> list[DataSection]:
        """The form's sections (their number is fixed while the editor is open)."""
        return self.session.form.basic_data or []

    def findings(self, section: DataSection) -> list[Finding]:
        """The latest findings about one section."""
        return [f for f in self.session.result.findings if f.path[:2] == ("basic_data", section.section)]

    def refresh(self) -> None:
        """Show the values and mark the cells with findings."""
        for i, section in enumerate(self.sections()):
            findings = self.findings(section)
            if i in self.tables:
                self.tables[i].show_section(section, findings)
            elif i in self.texts:
                self.texts[i].set_text(section.text or "")
            self.notes[i].setText("\n".join(finding_lines(findings)))
            self.notes[i].setVisible(bool(findings))

    def select_cell(self, path: tuple[str, ...], field: str | None = None) -> bool:
        """Select the cell a finding is about (path ["basic_data", section, row], field = column)."""
        for i, section in enumerate(self.sections()):
            if len(path) < 2 or section.section != path[1]:
                continue
            table = self.tables.get(i)
            if table is None:
                self.texts[i].setFocus()
                return True
            names = [r.name for r in section.rows or []]
            titles = _column_titles(section)
            row = names.index(path[2]) if len(path) > 2 and path[2] in names else 0
            column = titles.index(field) if field in titles else 0
            table.setCurrentCell(row, column)
            table.setFocus()
            self.scroll_area.ensureWidgetVisible(table)
            return True
        return False

    def detach(self) -> None:
        """Stop following the session."""
        self.session.changed.disconnect(self.refresh)
