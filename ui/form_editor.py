"""The centre of the window: the editors of one open form, composed per kind.

Every kind: header (and funds, except the 基础数据表) in a scrolling strip on top. Then
project_target: the 资金支出计划 over the tree; dept_basic_data: the sections instead of a tree;
department forms: the goal bar over the tree; scored kinds: the leaf detail panel under the tree.
`select_finding` turns a finding's node id / path + field into a selected cell.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QSplitter, QTabWidget, QVBoxLayout, QWidget

from ui.basic_data_editor import BasicDataEditor
from ui.find_bar import FindBar
from ui.funds_editor import FundsEditor
from ui.goal_bar import GoalBar
from ui.header_editor import NO_GOAL_KINDS, HeaderEditor
from ui.leaf_detail import LeafDetail
from ui.plan_editor import PlanEditor
from ui.editing.session import FormSession
from ui.tree_view import IndicatorTreeView
from ui.weak import weak_callback, weak_slot

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
        self.funds_editor: FundsEditor | None = None
        self.plan_editor: PlanEditor | None = None
        self.basic_data_editor: BasicDataEditor | None = None
        self.goal_bar: GoalBar | None = None
        self.tree_view: IndicatorTreeView | None = None
        self.leaf_detail: LeafDetail | None = None
        self._following_tree = False
        self.find_bar: FindBar | None = None
        self.read_only = False

        # Header, goal texts and funds on pages of one tab strip (表头 / 目标 / 资金): each page shows
        # whole at 1366×768 (a ~130-pixel strip with its own scroll bar half hid 年度资金总额 and the
        # goal texts, and a new form gave no sign that they existed). Tab goes on from the last field
        # of a page to the next page and from the funds into the tree.
        self.header_editor = HeaderEditor(session, self, goals_apart=True)
        self.top_tabs = QTabWidget(self)
        self.top_tabs.setDocumentMode(True)
        self.top_tabs.addTab(_page(self.header_editor), "表头")
        if kind not in NO_GOAL_KINDS:
            self.top_tabs.addTab(_page(self.header_editor.goal_box, stretch=False), "目标")
        if kind != "dept_basic_data":
            self.funds_editor = FundsEditor(session, self)
            self.funds_editor.table.leave.connect(self._leave_funds)
            self.top_tabs.addTab(_page(self.funds_editor), "资金")
        self._chain_tabs()
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.top_tabs)
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
        # The top pages at their natural height, most of the rest for the tree; the detail panel
        # starts small (its tabs scroll).
        top = self._top_height()
        self.splitter.setSizes([top, 420, 150][:self.splitter.count()])
        self.splitter.setStretchFactor(0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def set_read_only(self) -> None:
        """Turn every editor off (a locked form); kept off when the detail panel shows another leaf."""
        from ui.signoff_view import set_read_only

        self.read_only = True
        set_read_only(self)

    def _top_height(self) -> int:
        """The height that shows the header fields and every funds row whole (the goal texts take it)."""
        pages = [self.header_editor.sizeHint().height()]
        if self.funds_editor is not None:
            pages.append(self.funds_editor.table.height())
        return max(pages) + self.top_tabs.tabBar().sizeHint().height() + 12

    # -- keyboard path through the top pages ---------------------------------------------------

    def _chain_tabs(self) -> None:
        """Tab from the last header field to the goal texts, from there to the funds."""
        fields = list(self.header_editor.fields.values())
        if fields:
            _TabHook(fields[-1], self._after_header)
        _TabHook(self.header_editor.achieved, self._after_goals)
        _TabHook(self.header_editor.expected, None, self._before_goals)

    def _show_page(self, widget: QWidget) -> bool:
        for i in range(self.top_tabs.count()):
            page = self.top_tabs.widget(i)
            if page is not None and (page is widget or page.isAncestorOf(widget)):
                self.top_tabs.setCurrentIndex(i)
                return True
        return False

    def _after_header(self) -> bool:
        if self._show_page(self.header_editor.expected):
            self.header_editor.expected.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return self._after_goals()

    def _before_goals(self) -> bool:
        fields = list(self.header_editor.fields.values())
        if fields and self._show_page(fields[-1]):
            fields[-1].setFocus(Qt.FocusReason.BacktabFocusReason)
            return True
        return False

    def _after_goals(self) -> bool:
        if self.funds_editor is not None and self._show_page(self.funds_editor):
            self.funds_editor.enter()
            return True
        self._leave_funds(1)
        return True

    def _leave_funds(self, step: int) -> None:
        """Tab past the last funds cell: into the tree's first row still to fill; Shift+Tab: goals."""
        if step < 0:
            if self._show_page(self.header_editor.achieved):
                self.header_editor.achieved.setFocus(Qt.FocusReason.BacktabFocusReason)
            return
        if self.tree_view is not None:
            self.tree_view.enter_first_blank()
        elif self.basic_data_editor is not None:
            self.basic_data_editor.setFocus(Qt.FocusReason.TabFocusReason)

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
        self.find_bar = FindBar(self.tree_view, part)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.tree_view)
        self.tree_view.selectionModel().currentChanged.connect(weak_slot(self._current_changed, take=1))
        return part

    def _show_goal(self, goal_id: int) -> None:
        assert self.tree_view is not None
        self.tree_view.select_cell(goal_id)
        # The chosen goal's heading at the top of the tree (it sat at the bottom edge, under goal N−1).
        self.tree_view.scrollTo(self.tree_view.currentIndex(), QAbstractItemView.ScrollHint.PositionAtTop)
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

    def start_find(self) -> bool:
        """Ctrl+F inside the editor: the find bar over the tree (False when this kind has no tree)."""
        if self.find_bar is None:
            return False
        self.find_bar.open_bar()
        return True

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
            self._show_page(self.funds_editor)
            self.funds_editor.select_cell(path, field)
            return True
        if where == "header" and len(path) > 1:
            field_edit = self.header_editor.fields.get(path[1])
            if field_edit is not None:
                self._show_page(field_edit)
            self.header_editor.focus_field(path[1])
            return True
        return False

    def close_session(self) -> None:
        """Detach every editor from the session before the editor goes away."""
        for widget in (self.tree_view, self.header_editor, self.funds_editor, self.plan_editor,
                       self.basic_data_editor, self.goal_bar, self.leaf_detail):
            if widget is not None:
                widget.detach()


def _page(widget: QWidget, stretch: bool = True) -> QWidget:
    """A tab page holding one editor at the top (the goal texts take the page's height)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(widget, 0 if stretch else 1)
    if stretch:
        layout.addStretch(1)
    return page


class _TabHook(QObject):
    """Tab (and Shift+Tab) on a widget call a function instead of Qt's focus chain, which stops
    at the edge of a tab page; the function returns whether it handled the key."""

    def __init__(self, widget: QWidget, forward: Callable[[], bool] | None,
                 backward: Callable[[], bool] | None = None) -> None:
        super().__init__(widget)
        # Weak: the hook is the widget's child, and a stored bound method of the editor would make
        # a reference cycle that only the garbage collector breaks (late, and it crashed the tests).
        self.forward = weak_callback(forward, False) if forward is not None else None
        self.backward = weak_callback(backward, False) if backward is not None else None
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                return bool(self.forward and self.forward())
            if event.key() == Qt.Key.Key_Backtab:
                return bool(self.backward and self.backward())
        return False
