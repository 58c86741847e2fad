"""LeafDetail: the panel under the tree for the chosen leaf — its texts, rule override, checklist
(评价要点 with met/gate/share) and satisfaction tally, beside its 计算过程.

Every change is one command through the session (texts merge keystrokes per visit); the panel
shows the latest Result and follows undo/redo.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QRadioButton, QScrollArea, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)

from model.errors import JixiaoError
from model.fields import SURVEY_LEVELS
from model.form import TIERS, ChecklistItem, Leaf
from ui.editing.columns import format_number, parse_number
from ui.rule_editor import RuleEditor
from ui.editing.session import FormSession
from ui.typing_text import TypingTextEdit
from ui.weak import weak_slot

TEXT_FIELDS = (("description", "指标解释"), ("criteria", "评价标准"), ("process", "评价过程"),
               ("basis", "指标值确定依据"))
CHECK_HEADINGS = ("评价要点", "扣分比例", "否决项", "符合")
_CHECK = {True: Qt.CheckState.Checked, False: Qt.CheckState.Unchecked, None: Qt.CheckState.PartiallyChecked}


def _scrolling(page: QWidget) -> QScrollArea:
    """A tab page that scrolls, so the panel can be made short on a 768-pixel screen."""
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


class LeafDetail(QWidget):
    """Details of one leaf of a session; `show_leaf(id)` chooses it (None or a group: nothing)."""

    def __init__(self, session: FormSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.leaf_id: int | None = None
        self.caption = QLabel("请在上面的表格中选择一个三级指标，这里显示它的说明、评分方式和计算过程。", self)
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # 档次 of a qualitative row, chosen here and applied at once (the 评分方式 cell was off-screen
        # at 1366 px and took effect only after clicking elsewhere).
        self.tier_row = QWidget(self)
        tier_layout = QHBoxLayout(self.tier_row)
        tier_layout.setContentsMargins(0, 0, 0, 0)
        tier_layout.addWidget(QLabel("档次：", self.tier_row))
        self.tier_buttons: dict[str, QRadioButton] = {}
        self._tier_group = QButtonGroup(self)
        for tier in (*TIERS, ""):
            button = QRadioButton(tier or "未选", self.tier_row)
            button.clicked.connect(weak_slot(self.choose_tier, tier))
            self._tier_group.addButton(button)
            self.tier_buttons[tier] = button
            tier_layout.addWidget(button)
        self.tier_hint = QLabel(self.tier_row)
        tier_layout.addWidget(self.tier_hint, 1)
        # A typed score beside what the rule now gives (a survey tally or checklist changed only the
        # 计算过程 before): say so and offer the computed score.
        self.manual_row = QWidget(self)
        manual_layout = QHBoxLayout(self.manual_row)
        manual_layout.setContentsMargins(0, 0, 0, 0)
        self.manual_note = QLabel(self.manual_row)
        self.manual_note.setWordWrap(True)
        self.use_computed_button = QPushButton("改用计算得分", self.manual_row)
        self.use_computed_button.clicked.connect(self.use_computed_score)
        manual_layout.addWidget(self.manual_note, 1)
        manual_layout.addWidget(self.use_computed_button)
        self.tabs = QTabWidget(self)
        self.texts: dict[str, TypingTextEdit] = {}
        self._filling = False
        self.tabs.addTab(_scrolling(self._texts_page()), "说明")
        self.rule_editor = RuleEditor(self)
        self.rule_editor.rule_changed.connect(self._rule_changed)
        self.rule_editor.invalid.connect(session.report_error)
        self.tabs.addTab(_scrolling(self.rule_editor), "评分方式")
        self.tabs.addTab(self._checklist_page(), "评价要点")
        self.tabs.addTab(_scrolling(self._survey_page()), "问卷统计")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.tier_row)
        layout.addWidget(self.manual_row)
        layout.addWidget(self.tabs, 1)
        session.changed.connect(self.refresh)
        self.refresh()

    # -- pages -----------------------------------------------------------------------------------

    def _texts_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        for field, label in TEXT_FIELDS:
            box = TypingTextEdit(page, height=48)
            box.edited.connect(weak_slot(self._text_edited, field, take=1))
            self.texts[field] = box
            form.addRow(label, box)
        return page

    def _checklist_page(self) -> QWidget:
        page = QWidget(self)
        self.checklist = QTableWidget(0, len(CHECK_HEADINGS), page)
        self.checklist.setHorizontalHeaderLabels(list(CHECK_HEADINGS))
        header = self.checklist.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.checklist.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                       | QAbstractItemView.EditTrigger.EditKeyPressed
                                       | QAbstractItemView.EditTrigger.DoubleClicked)
        self.checklist.itemChanged.connect(self._checklist_edited)
        self.add_item_button = QPushButton("添加要点", page)
        self.remove_item_button = QPushButton("删除要点", page)
        self.add_item_button.clicked.connect(self.add_checklist_item)
        self.remove_item_button.clicked.connect(self.remove_checklist_item)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("勾选“符合”；不符合的要点按扣分比例扣分，否决项不符合得 0 分。", page), 1)
        buttons.addWidget(self.add_item_button)
        buttons.addWidget(self.remove_item_button)
        layout = QVBoxLayout(page)
        layout.addLayout(buttons)
        layout.addWidget(self.checklist)
        return page

    def _survey_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.survey: dict[str, QLineEdit] = {}
        row = QHBoxLayout()
        for level in SURVEY_LEVELS:
            edit = QLineEdit(page)
            edit.setMaximumWidth(70)
            edit.editingFinished.connect(weak_slot(self._survey_edited, level))
            self.survey[level] = edit
            row.addWidget(QLabel(level, page))
            row.addWidget(edit)
        row.addStretch(1)
        form.addRow("答卷数", row)
        form.addRow("", QLabel("满意度按评分方式中的五级系数加权计算；没有问卷统计时按实际完成值的百分比计。", page))
        return page

    # -- showing ---------------------------------------------------------------------------------

    def leaf(self) -> Leaf | None:
        """The shown leaf, if it is still in the form."""
        if self.leaf_id is None:
            return None
        try:
            item = self.session.item(self.leaf_id)
        except JixiaoError:
            return None
        return item if isinstance(item, Leaf) else None

    def show_leaf(self, node_id: int | None) -> None:
        """Choose the leaf to show (a goal, group or None shows the hint)."""
        if node_id != self.leaf_id:
            for box in self.texts.values():
                box.typing = object()  # a new leaf starts new undo steps
        self.leaf_id = node_id
        self.refresh()

    def refresh(self) -> None:
        """Show the leaf's values and its latest score."""
        leaf = self.leaf()
        self.tabs.setEnabled(leaf is not None)
        self._filling = True
        if leaf is None:
            self.caption.setText("请在上面的表格中选择一个三级指标，这里显示它的说明、评分方式和计算过程。")
            for box in self.texts.values():
                box.set_text("")
            self.checklist.setRowCount(0)
            for edit in self.survey.values():
                edit.setText("")
            self.tier_row.hide()
            self.manual_row.hide()
            self._filling = False
            return
        self.caption.setText(self._caption(leaf))
        self._show_tier_and_manual(leaf)
        for field, box in self.texts.items():
            box.set_text(getattr(leaf, field) or "")
        self.rule_editor.show_rule(leaf.rule)
        self._show_checklist(leaf)
        for level, edit in self.survey.items():
            if not edit.hasFocus() or not edit.isModified():
                edit.setText(format_number((leaf.survey or {}).get(level)))
        count = len(leaf.checklist or [])
        self.tabs.setTabText(2, f"评价要点（{count}）" if count else "评价要点")
        self.tabs.setTabText(3, "问卷统计（有）" if leaf.survey else "问卷统计")
        self._filling = False

    def _show_tier_and_manual(self, leaf: Leaf) -> None:
        node = self.session.result.node(leaf.id)
        rule = (leaf.rule or {}).get("type") if leaf.rule else (node.rule if node else None)
        self.tier_row.setVisible(rule == "qualitative")
        if rule == "qualitative":
            self.tier_buttons.get(leaf.tier or "", self.tier_buttons[""]).setChecked(True)
            suggested = node.tier_suggested if node is not None else None
            self.tier_hint.setText(f"（按实际完成值建议：{suggested}）" if suggested and not leaf.tier else "")
        differs = (leaf.score is not None and node is not None and node.computed is not None
                   and node.computed != node.score)
        self.manual_row.setVisible(differs)
        if differs and node is not None and node.computed is not None and node.score is not None:
            self.manual_note.setText(f"按规则计算为 {node.computed:.2f} 分（{node.explanation or '见计算过程'}），"
                                     f"当前使用手动填写的 {node.score:.2f} 分。")

    def choose_tier(self, tier: str) -> None:
        """Set the 档次 of the shown leaf at once ("" clears it)."""
        leaf = self.leaf()
        if leaf is not None and not self._filling and (leaf.tier or "") != tier:
            self.session.set_node_field(leaf.id, "tier", tier or None)

    def use_computed_score(self) -> None:
        """Drop the typed score: the rule's score is used again (one undo step)."""
        leaf = self.leaf()
        if leaf is not None and leaf.score is not None:
            self.session.set_manual_score(leaf.id, False)

    def _caption(self, leaf: Leaf) -> str:
        node = self.session.result.node(leaf.id)
        name = leaf.name or "（未命名）"
        if node is None:
            return f"{name}：不计分"
        score = "—" if node.score is None else f"{node.score:.2f}"
        manual = "（手动填写）" if node.manual else ""
        return f"{name}　得分 {score}{manual}　计算过程：{node.explanation or '—'}"

    def _show_checklist(self, leaf: Leaf) -> None:
        items = leaf.checklist or []
        self.checklist.setRowCount(len(items))
        for r, item in enumerate(items):
            # Cells are reused, never replaced: this runs inside the itemChanged of one of them.
            cells = [self._cell(r, c) for c in range(len(CHECK_HEADINGS))]
            cells[0].setText(item.text)
            cells[1].setText(format_number(item.share))
            cells[2].setCheckState(_CHECK[bool(item.gate)])
            cells[3].setCheckState(_CHECK[item.met])
            cells[3].setToolTip("未判断" if item.met is None else "")
        self.remove_item_button.setEnabled(bool(items))

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        cell = self.checklist.item(row, column)
        if cell is None:
            cell = QTableWidgetItem()
            if column == 1:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column >= 2:
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsUserCheckable)
            self.checklist.setItem(row, column, cell)
        return cell

    # -- editing ---------------------------------------------------------------------------------

    def _text_edited(self, field: str, text: str) -> None:
        if not self._filling and self.leaf_id is not None:
            self.session.set_node_field(self.leaf_id, field, text or None, self.texts[field].typing)

    def _rule_changed(self, rule: object) -> None:
        if self.leaf_id is not None:
            self.session.set_node_field(self.leaf_id, "rule", rule)

    def _checklist_edited(self, cell: QTableWidgetItem) -> None:
        leaf = self.leaf()
        if self._filling or leaf is None:
            return
        r, c = cell.row(), cell.column()
        if c == 0:
            self.session.set_checklist_item(leaf.id, r, "text", cell.text().strip())
        elif c == 1:
            try:
                share = parse_number(cell.text().strip().rstrip("%％"), f"第{r + 1}个评价要点的扣分比例")
            except ValueError as exc:
                self.session.report_error(str(exc))
                self.refresh()
                return
            if share is not None and share > 1:
                share = share / 100  # 30 typed as a percent means 0.3
            self.session.set_checklist_item(leaf.id, r, "share", share)
        else:
            checked = cell.checkState() == Qt.CheckState.Checked
            self.session.set_checklist_item(leaf.id, r, "gate" if c == 2 else "met", checked)

    def add_checklist_item(self) -> None:
        """Append an empty 评价要点 (one undo step)."""
        leaf = self.leaf()
        if leaf is not None:
            self.session.set_checklist(leaf.id, [*(leaf.checklist or []), ChecklistItem()], "添加评价要点")
            self.checklist.setCurrentCell(len(leaf.checklist or []) - 1, 0)

    def remove_checklist_item(self) -> None:
        """Remove the chosen 评价要点 (one undo step)."""
        leaf = self.leaf()
        row = self.checklist.currentRow()
        if leaf is None or not leaf.checklist:
            return
        row = row if 0 <= row < len(leaf.checklist) else len(leaf.checklist) - 1
        items = [item for i, item in enumerate(leaf.checklist) if i != row]
        self.session.set_checklist(leaf.id, items or None, "删除评价要点")

    def _survey_edited(self, level: str) -> None:
        leaf = self.leaf()
        edit = self.survey[level]
        if self._filling or leaf is None or not edit.isModified():
            return
        edit.setModified(False)
        try:
            count = parse_number(edit.text(), f"“{level}”的答卷数")
            if count is not None and (count < 0 or count != int(count)):
                raise ValueError(f"“{edit.text().strip()}”不是答卷数。“{level}”的答卷数应填 0 或正整数。")
        except ValueError as exc:
            self.session.report_error(str(exc))
            edit.setText(format_number((leaf.survey or {}).get(level)))
            return
        self.session.set_survey_count(leaf.id, level, None if count is None else int(count))

    def detach(self) -> None:
        """Stop following the session."""
        self.session.changed.disconnect(self.refresh)
