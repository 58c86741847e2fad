"""HeaderEditor: the form's header fields and the goal texts (预期目标 / 实际完成情况).

Labels come from model.form.HEADER_LABELS (shared with the reports); a key not in it shows as
written, in grey. The 基础数据表 has no goals, so it shows no goal boxes. Each keystroke is a command (saved at once); keystrokes in one field merge into one undo step
until the field loses focus or Enter is pressed.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from model.form import HEADER_LABELS, Goal
from ui.editing.session import FormSession
from ui.weak import weak_slot

HEADER_KEYS: dict[str, tuple[str, ...]] = {
    "project_self_eval": ("project_name", "department", "implementing_unit", "leader", "preparer", "phone",
                          "fill_date"),
    "project_target": ("project_name", "project_code", "department", "implementing_unit", "preparer", "phone",
                       "fill_date"),
    "dept_self_eval": ("unit_name", "department", "leader", "preparer", "phone", "fill_date"),
    "dept_basic_data": ("unit_name", "leader", "preparer", "phone", "fill_date"),
    "evaluation": ("project_name", "implementing_unit", "department", "evaluator", "fill_date"),
}

NO_GOAL_KINDS = frozenset({"dept_basic_data"})


def _label(key: str, parent: QWidget) -> QLabel:
    """A field's Chinese label; a key the program has no name for shows as written, in grey."""
    known = HEADER_LABELS.get(key)
    label = QLabel(known or key, parent)
    if known is None:
        label.setStyleSheet("color: grey")
        label.setToolTip(f"“{key}”是文件中的字段，程序没有它的中文名称；内容照常保存和打印。")
    return label


class _GoalText(QPlainTextEdit):
    """A goal text box that closes its typing step when it loses focus."""

    left = Signal(str)  # the field whose box lost the focus

    def __init__(self, owner: HeaderEditor, field: str) -> None:
        super().__init__(owner)
        self.field = field
        self.left.connect(owner.new_typing)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(56)

    def focusOutEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.left.emit(self.field)
        super().focusOutEvent(event)


class HeaderEditor(QWidget):
    """Header line edits in two columns, then the chosen goal's two text boxes."""

    def __init__(self, session: FormSession, parent: QWidget | None = None, goals_apart: bool = False) -> None:
        super().__init__(parent)
        self.session = session
        self._typing: dict[str, object] = {}
        self.fields: dict[str, QLineEdit] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        keys = HEADER_KEYS.get(session.form.kind, HEADER_KEYS["project_self_eval"])
        extra = [k for k in session.form.header if k not in keys]
        for i, key in enumerate((*keys, *extra)):
            edit = QLineEdit(self)
            edit.setPlaceholderText("YYYY-MM-DD" if key == "fill_date" else "")
            edit.textEdited.connect(weak_slot(self._header_edited, key, take=1))
            edit.editingFinished.connect(weak_slot(self.new_typing, key))
            self.fields[key] = edit
            grid.addWidget(_label(key, self), i // 2, (i % 2) * 2)
            grid.addWidget(edit, i // 2, (i % 2) * 2 + 1)
        # The goal texts side by side (预期目标 | 实际完成情况): the form editor shows them on a page
        # of their own, whole, rather than below the fields in a strip with its own scroll bar.
        self.goal_box = QWidget(self)
        goal_grid = QGridLayout(self.goal_box)
        goal_grid.setContentsMargins(0, 0, 0, 0)
        self.goal_choice = QComboBox(self)
        self.goal_choice.currentIndexChanged.connect(weak_slot(self.refresh))
        self.goal_label = QLabel("目标", self.goal_box)
        goal_grid.addWidget(self.goal_label, 0, 0)
        goal_grid.addWidget(self.goal_choice, 0, 1, 1, 3)
        self.expected = _GoalText(self, "expected")
        self.achieved = _GoalText(self, "achieved")
        self.expected.textChanged.connect(weak_slot(self._goal_edited, "expected"))
        self.achieved.textChanged.connect(weak_slot(self._goal_edited, "achieved"))
        goal_grid.addWidget(QLabel("预期目标", self.goal_box), 1, 0, Qt.AlignmentFlag.AlignTop)
        goal_grid.addWidget(self.expected, 1, 1)
        goal_grid.addWidget(QLabel("实际完成情况", self.goal_box), 1, 2, Qt.AlignmentFlag.AlignTop)
        goal_grid.addWidget(self.achieved, 1, 3)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid, 0, 0)
        if not goals_apart:
            layout.addWidget(self.goal_box, 1, 0)
        # The 基础数据表 has no goals: its goal boxes could only mislead.
        self.goal_box.setVisible(session.form.kind not in NO_GOAL_KINDS)
        self._filling = False
        session.changed.connect(self.refresh)
        self.refresh()

    def typing(self, key: str) -> object:
        """The token of the current typing step in a field."""
        return self._typing.setdefault(key, object())

    def new_typing(self, key: str) -> None:
        """End the typing step of a field: the next keystroke starts a new undo step."""
        self._typing[key] = object()

    def current_goal(self) -> Goal | None:
        """The goal whose texts are shown."""
        goals = self.session.form.goals
        i = self.goal_choice.currentIndex()
        return goals[i] if 0 <= i < len(goals) else (goals[0] if goals else None)

    def refresh(self) -> None:
        """Show the form's values (without moving the cursor of an unchanged field)."""
        if self._filling:
            return
        self._filling = True
        for key, edit in self.fields.items():
            value = self.session.form.header.get(key, "")
            if edit.text() != value:
                edit.setText(value)
        titles = [g.title or f"目标{i + 1}" for i, g in enumerate(self.session.form.goals)]
        if [self.goal_choice.itemText(i) for i in range(self.goal_choice.count())] != titles:
            keep = max(self.goal_choice.currentIndex(), 0)
            self.goal_choice.clear()
            self.goal_choice.addItems(titles)
            self.goal_choice.setCurrentIndex(min(keep, len(titles) - 1))
        self.goal_choice.setVisible(len(titles) > 1)
        self.goal_label.setVisible(len(titles) > 1)
        goal = self.current_goal()
        for box, field in ((self.expected, "expected"), (self.achieved, "achieved")):
            box.setEnabled(goal is not None)
            value = (getattr(goal, field) or "") if goal is not None else ""
            if box.toPlainText() != value:
                box.setPlainText(value)
        self._filling = False

    def _header_edited(self, key: str, text: str) -> None:
        self.session.set_header(key, text, self.typing(key))

    def _goal_edited(self, field: str) -> None:
        box = self.expected if field == "expected" else self.achieved
        goal = self.current_goal()
        if self._filling or goal is None:
            return
        text = box.toPlainText()
        self.session.set_node_field(goal.id, box.field, text or None, self.typing(box.field))

    def focus_field(self, key: str) -> None:
        """Put the cursor in a header field (a finding about it was clicked)."""
        edit = self.fields.get(key)
        if edit is not None:
            edit.setFocus()
            edit.selectAll()

    def detach(self) -> None:
        """Stop following the session."""
        self.session.changed.disconnect(self.refresh)
