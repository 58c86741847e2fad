"""GoalBar: the goals of a department form as tabs, with add, rename, remove and move left/right.

Every action is one undoable command through the session (add_goal, rename_goal, remove_goal,
move_goal); choosing a tab emits `goal_selected` so the editor can show that goal's indicators.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QTabBar, QWidget

from model.form import Goal, Leaf, Node
from ui.editing.session import FormSession
from ui.weak import weak_slot


class GoalBar(QWidget):
    """Tabs of goal titles, the chosen goal's title for renaming, and the goal buttons."""

    goal_selected = Signal(int)

    def __init__(self, session: FormSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tabs = QTabBar(self)
        self.tabs.setExpanding(False)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.setDocumentMode(True)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("目标名称")
        self.title.setToolTip("修改后按回车或离开输入框即重命名当前目标")
        self.title.setMaximumWidth(220)
        self.add_button = QPushButton("添加目标", self)
        self.remove_button = QPushButton("删除目标", self)
        self.left_button = QPushButton("← 前移", self)
        self.right_button = QPushButton("后移 →", self)
        self.remove_button.setToolTip("删除当前目标及其全部指标（可按 Ctrl+Z 撤销）")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("目标", self))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.title)
        for button in (self.add_button, self.remove_button, self.left_button, self.right_button):
            layout.addWidget(button)
        self._ids: list[int] = []
        self._filling = False
        self.tabs.currentChanged.connect(self._tab_changed)
        self.title.editingFinished.connect(self.rename_current)
        self.add_button.clicked.connect(self.add_goal)
        self.remove_button.clicked.connect(self.remove_current)
        self.left_button.clicked.connect(weak_slot(self.move_current, -1))
        self.right_button.clicked.connect(weak_slot(self.move_current, 1))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        session.changed.connect(self.refresh)
        self.refresh()

    def current_goal_id(self) -> int | None:
        """The id of the chosen goal (None when the form has no goal)."""
        i = self.tabs.currentIndex()
        return self._ids[i] if 0 <= i < len(self._ids) else None

    def select_goal(self, goal_id: int, emit: bool = True) -> None:
        """Choose a goal's tab; emits goal_selected when it changes, unless `emit` is False (the
        editor following the tree's current row must not move that row to the goal)."""
        if goal_id in self._ids:
            self._filling = not emit
            self.tabs.setCurrentIndex(self._ids.index(goal_id))
            self._filling = False
            self._show_current()

    def refresh(self) -> None:
        """Show the goals as they are now, keeping the chosen one chosen."""
        goals = self.session.form.goals
        keep = self.current_goal_id()
        self._filling = True
        ids = [g.id for g in goals]
        if ids != self._ids:
            while self.tabs.count():
                self.tabs.removeTab(0)
            for goal in goals:
                self.tabs.addTab("")
            self._ids = ids
        for i, goal in enumerate(goals):
            title = goal.title or f"目标{i + 1}"
            words = goal_words(goal)
            # The goal's own words in the tab (a few) and the tooltip (whole): “目标7” alone said nothing.
            short = words[:6] + ("…" if len(words) > 6 else "")
            self.tabs.setTabText(i, f"{title} {short}" if short and short not in title else title)
            self.tabs.setTabToolTip(i, f"{title}：{words}" if words else title)
        if keep in ids:
            self.tabs.setCurrentIndex(ids.index(keep))
        self._filling = False
        self._show_current()

    def _show_current(self) -> None:
        goal_id = self.current_goal_id()
        index = self.tabs.currentIndex()
        title = self.session.form.goals[index].title if goal_id is not None else ""
        if not self.title.hasFocus() and self.title.text() != title:
            self.title.setText(title)
        self.title.setEnabled(goal_id is not None)
        self.remove_button.setEnabled(goal_id is not None)
        self.left_button.setEnabled(goal_id is not None and index > 0)
        self.right_button.setEnabled(goal_id is not None and index < len(self._ids) - 1)

    def _tab_changed(self, _index: int) -> None:
        if self._filling:
            return
        self._show_current()
        goal_id = self.current_goal_id()
        if goal_id is not None:
            self.goal_selected.emit(goal_id)

    def add_goal(self) -> int:
        """Add a goal after the last one and choose it; returns its id."""
        goal_id = self.session.add_goal()
        self.select_goal(goal_id)
        self.title.setFocus()
        self.title.selectAll()
        return goal_id

    def rename_current(self) -> None:
        """Give the chosen goal the title typed in the box (an empty title is refused)."""
        goal_id = self.current_goal_id()
        if goal_id is None:
            return
        title = self.title.text().strip()
        current = self.session.form.goals[self.tabs.currentIndex()].title
        if not title:
            self.session.report_error("目标名称不能为空，请填写，例如“目标1”。")
            self.title.setText(current)
        elif title != current:
            self.session.rename_goal(goal_id, title)

    def remove_current(self) -> None:
        """Remove the chosen goal with its indicators (one undo step)."""
        goal_id = self.current_goal_id()
        if goal_id is not None:
            self.session.remove_goal(goal_id)

    def move_current(self, step: int) -> None:
        """Move the chosen goal one place left (-1) or right (+1)."""
        goal_id = self.current_goal_id()
        index = self.tabs.currentIndex() + step
        if goal_id is not None and 0 <= index < len(self._ids):
            self.session.move_goal(goal_id, index)

    def detach(self) -> None:
        """Stop following the session."""
        self.session.changed.disconnect(self.refresh)


def goal_words(goal: Goal) -> str:
    """What a goal is about: its 预期目标, else the names of its first indicators."""
    if goal.expected:
        return " ".join(goal.expected.split())
    names = [leaf.name for leaf in leaves_of(goal) if leaf.name][:3]
    return "、".join(names)


def leaves_of(goal: Goal) -> list[Leaf]:
    """The goal's leaves in order."""
    out: list[Leaf] = []
    stack: list[Node] = list(reversed(goal.indicators))
    while stack:
        node = stack.pop()
        if isinstance(node, Leaf):
            out.append(node)
        else:
            stack.extend(reversed(node.children))
    return out
