"""The centre of the window: the editors of one open form, composed per kind.

Every kind: header (and funds, except the 基础数据表) in a scrolling strip on top. Then
project_target: the 资金支出计划 over the tree; dept_basic_data: the sections instead of a tree;
department forms: the goal bar over the tree; scored kinds: the leaf detail panel under the tree.
`select_finding` turns a finding's node id / path + field into a selected cell.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout, QWidget

from ui.basic_data_editor import BasicDataEditor
from ui.funds_editor import FundsEditor
from ui.goal_bar import GoalBar
from ui.header_editor import HeaderEditor
from ui.leaf_detail import LeafDetail
from ui.plan_editor import PlanEditor
from ui.editing.session import FormSession
from ui.tree_view import IndicatorTreeView

SCORED_KINDS = frozenset({"project_self_eval", "dept_self_eval", "evaluation"})
GOAL_BAR_KINDS = frozenset({"dept_self_eval"})
# Finding fields that live in the leaf detail panel, with the tab that shows them.
_DETAIL_TABS = {"description": 0, "criteria": 0, "process": 0, "basis": 0, "rule": 1, "checklist": 2, "survey": 3}


class FormEditor(QWidget):
    """All editors of one form around one FormSession."""

    def __init__(self, session: FormSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        kind = session.form.kind
        self.header_editor = HeaderEditor(session, self)
        self.funds_editor: FundsEditor | None = None
        self.plan_editor: PlanEditor | None = None
        self.basic_data_editor: BasicDataEditor | None = None
        self.goal_bar: GoalBar | None = None
        self.tree_view: IndicatorTreeView | None = None
        self.leaf_detail: LeafDetail | None = None
        self._following_tree = False
        self.read_only = False

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.header_editor)
        if kind != "dept_basic_data":
            self.funds_editor = FundsEditor(session, top)
            top_layout.addWidget(self.funds_editor)
        top_layout.addStretch(1)
        # The top strip scrolls on its own so a 768-pixel screen still shows the tree.
        scroll = QScrollArea(self)
        scroll.setWidget(top)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.top_scroll = scroll
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(scroll)
        if kind == "dept_basic_data":
            self.basic_data_editor = BasicDataEditor(session, self)
            self.splitter.addWidget(self.basic_data_editor)
            self.splitter.setStretchFactor(0, 1)
            self.splitter.setStretchFactor(1, 3)
        else:
            self.splitter.addWidget(self._tree_part(kind))
            self.splitter.setStretchFactor(0, 1)
            self.splitter.setStretchFactor(1, 3)
            if kind in SCORED_KINDS:
                self.leaf_detail = LeafDetail(session, self)
                self.splitter.addWidget(self.leaf_detail)
                self.splitter.setStretchFactor(2, 1)
                self._current_changed(self.tree_view.currentIndex() if self.tree_view else QModelIndex())
        self.splitter.setChildrenCollapsible(False)
        # Most room for the tree (or sections); the detail panel starts small (its tabs scroll).
        self.splitter.setSizes([160, 420, 180][:self.splitter.count()])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def set_read_only(self) -> None:
        """Turn every editor off (a locked form); kept off when the detail panel shows another leaf."""
        from ui.signoff_view import set_read_only

        self.read_only = True
        set_read_only(self)

    def _tree_part(self, kind: str) -> QWidget:
        """The tree, with the goal bar above it on department forms."""
        part = QWidget(self)
        layout = QVBoxLayout(part)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tree_view = IndicatorTreeView(self.session, part)
        if kind == "project_target":
            # Above the tree rather than in the scrolling strip: a one-row table, always in view.
            self.plan_editor = PlanEditor(self.session, part)
            layout.addWidget(self.plan_editor)
        if kind in GOAL_BAR_KINDS:
            self.goal_bar = GoalBar(self.session, part)
            self.goal_bar.goal_selected.connect(self._show_goal)
            # The header's goal chooser (预期目标/实际完成情况) and the tabs show the same goal.
            self.header_editor.goal_choice.currentIndexChanged.connect(self._header_goal_chosen)
            layout.addWidget(self.goal_bar)
        layout.addWidget(self.tree_view)
        self.tree_view.selectionModel().currentChanged.connect(
            lambda current, _previous: self._current_changed(current))
        return part

    def _show_goal(self, goal_id: int) -> None:
        assert self.tree_view is not None
        self.tree_view.select_cell(goal_id)
        self.tree_view.setFocus()

    def _header_goal_chosen(self, index: int) -> None:
        goals = self.session.form.goals
        if self.goal_bar is not None and not self._following_tree and 0 <= index < len(goals):
            self.goal_bar.select_goal(goals[index].id)

    def _current_changed(self, current: QModelIndex) -> None:
        """The tree's current row moved: show its leaf in the detail panel and its goal's tab."""
        if self.tree_view is None:
            return
        model = self.tree_view.tree_model
        if self.leaf_detail is not None:
            self.leaf_detail.show_leaf(model.node_id(current))
        if self.goal_bar is not None and current.isValid():
            top = current
            while top.parent().isValid():
                top = top.parent()
            goal_id = model.node_id(top)
            if goal_id is not None:
                self.goal_bar.select_goal(goal_id, emit=False)
                index = next((i for i, g in enumerate(self.session.form.goals) if g.id == goal_id), -1)
                self._following_tree = True  # the header follows; the tree must not jump to the goal row
                self.header_editor.goal_choice.setCurrentIndex(index)
                self._following_tree = False
        if self.read_only:  # the panels switch their widgets on for the row they now show
            self.set_read_only()

    def select_finding(self, node_id: int | None, field: str | None, path: tuple[str, ...]) -> bool:
        """Select the cell a finding is about; returns whether a cell was found."""
        if node_id is not None and self.tree_view is not None:
            self.tree_view.select_cell(node_id, field)
            if self.leaf_detail is not None and field in _DETAIL_TABS:
                self.leaf_detail.tabs.setCurrentIndex(_DETAIL_TABS[field])
            self.tree_view.setFocus()
            return True
        where = path[0] if path else None
        if where == "spending_plan" and self.plan_editor is not None:
            self.plan_editor.select_cell(path, field)
            return True
        if where == "basic_data" and self.basic_data_editor is not None:
            return self.basic_data_editor.select_cell(path, field)
        if where == "funds" and self.funds_editor is not None:
            self.funds_editor.select_cell(path, field)
            # The strip may be scrolled to the header: bring the selected cell's table into view.
            self.top_scroll.ensureWidgetVisible(self.funds_editor.table, 0, 0)
            return True
        if where == "header" and len(path) > 1:
            self.header_editor.focus_field(path[1])
            field_edit = self.header_editor.fields.get(path[1])
            if field_edit is not None:
                self.top_scroll.ensureWidgetVisible(field_edit)
            return True
        return False

    def close_session(self) -> None:
        """Detach every editor from the session before the editor goes away."""
        for widget in (self.tree_view, self.header_editor, self.funds_editor, self.plan_editor,
                       self.basic_data_editor, self.goal_bar, self.leaf_detail):
            if widget is not None:
                widget.detach()
