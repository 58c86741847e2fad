"""IndicatorTreeModel: a QAbstractItemModel over a session's goals and indicator trees.

Rows: goals at the top, then 一级 / 二级 groups and leaves. An index's internalPointer is the
domain object (goal or node); the id maps kept here answer parent() and row lookups.
The model reads the form and the session's latest Result; setData only builds a command, and the
model follows structural changes through the session's listener calls (begin/end pairs).
"""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from model.form import Goal, Group, Leaf, Node
from scoring.result import Finding, Result, severity_label, severity_rank
from ui.editing.columns import GROUP_FIELDS, RULE_NAMES, Cell, Column, columns_for, format_number, parse_number
from ui.editing.session import FormSession

NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1   # int: the node or goal id
FINDINGS_ROLE = Qt.ItemDataRole.UserRole + 2  # list[Finding] about this cell
MANUAL_ROLE = Qt.ItemDataRole.UserRole + 3    # bool: the leaf's score is typed by the user
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 4     # int: 0 goal, 1–3 indicator level
KIND_ROLE = Qt.ItemDataRole.UserRole + 5      # "goal" | "group" | "leaf"
# Dragged rows: {"form": form id, "ids": [node ids]}; only meaningful inside this process.
NODE_IDS_MIME = "application/x-jixiao-node-ids"

SEVERITY_COLOURS = {"error": QColor(255, 214, 214), "warning": QColor(255, 240, 200), "info": QColor(225, 236, 255)}
_COMPUTED_COLOUR = QColor(40, 90, 160)
_FIELD_ALIASES = {"tier": "rule", "title": "name", "expected": "name", "achieved": "name"}

Index = QModelIndex | QPersistentModelIndex
# Every role whose value comes from the Result (scores, 计算过程, rule names, finding marks).
RESULT_ROLES = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole,
                Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, FINDINGS_ROLE]


def findings_by_node(result: Result) -> dict[int, tuple[Finding, ...]]:
    """The findings of a Result grouped by node id (in their order), for lookups while painting."""
    grouped: dict[int, list[Finding]] = {}
    for finding in result.findings:
        if finding.node_id is not None:
            grouped.setdefault(finding.node_id, []).append(finding)
    return {node_id: tuple(found) for node_id, found in grouped.items()}


def result_changes(old: Result, new: Result, old_findings: dict[int, tuple[Finding, ...]],
                   new_findings: dict[int, tuple[Finding, ...]]) -> tuple[set[int], set[int]]:
    """What an edit changed in the Result, by id.

    Returns:
        (ids whose score, subtotal, rule or 计算过程 changed; ids whose findings changed).
    """
    scored = {n.node_id for n in old.nodes} | {n.node_id for n in new.nodes}
    grouped = {g.node_id for g in old.groups} | {g.node_id for g in new.groups}
    score_ids = {i for i in scored if old.node(i) != new.node(i)}
    score_ids |= {i for i in grouped if old.group(i) != new.group(i)}
    finding_ids = {i for i in old_findings.keys() | new_findings.keys() if old_findings.get(i) != new_findings.get(i)}
    return score_ids, finding_ids


PENDING_TIER_TEXT = "待选档次"  # the 得分 of a qualitative leaf whose 档次 (达成/部分达成/未达成) is not chosen


def _fmt_score(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _short(value: Decimal) -> str:
    """A computed score beside a typed one, without needless zeros (5.00 → 5, 6.67 → 6.67)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


class IndicatorTreeModel(QAbstractItemModel):
    """The indicator tree of one session, with kind-specific columns."""

    def __init__(self, session: FormSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.columns: tuple[Column, ...] = columns_for(session.form.kind)
        self._parent_of: dict[int, int | None] = {}
        self._row_of: dict[int, int] = {}
        self._items: dict[int, Goal | Node] = {}
        self._moving = False
        self._rebuild()
        # The Result the view shows, and its findings by node: diffed against the next one so only
        # cells that changed are repainted (a full refresh of 300 rows cost ~10 ms per keystroke).
        self._shown: Result = session.result
        self._findings: dict[int, tuple[Finding, ...]] = findings_by_node(session.result)
        session.add_listener(self)
        session.changed.connect(self._scores_changed)

    # -- id bookkeeping --------------------------------------------------------------------------

    def _rebuild(self) -> None:
        parent_of: dict[int, int | None] = {}
        row_of: dict[int, int] = {}
        items: dict[int, Goal | Node] = {}
        stack: list[tuple[int | None, list[Any]]] = [(None, self.session.form.goals)]
        while stack:
            parent_id, children = stack.pop()
            for row, child in enumerate(children):
                parent_of[child.id] = parent_id
                row_of[child.id] = row
                items[child.id] = child
                if not isinstance(child, Leaf):
                    stack.append((child.id, child.children))
        self._parent_of, self._row_of, self._items = parent_of, row_of, items

    def _children(self, parent_id: int | None) -> list[Any]:
        if parent_id is None:
            return self.session.form.goals
        item = self._items[parent_id]
        return [] if isinstance(item, Leaf) else item.children

    def item(self, index: Index) -> Goal | Node | None:
        """The goal or node of an index (None for the invisible root)."""
        return index.internalPointer() if index.isValid() else None

    def node_id(self, index: Index) -> int | None:
        """The id of an index's goal or node."""
        return index.internalPointer().id if index.isValid() else None

    def index_of(self, item_id: int | None, column: int = 0) -> QModelIndex:
        """The index of a goal or node by id (invalid for None or an unknown id)."""
        if item_id is None or item_id not in self._row_of:
            return QModelIndex()
        return self.createIndex(self._row_of[item_id], column, self._items[item_id])

    def column_of(self, field: str | None) -> int:
        """The column showing a field (0 when none does)."""
        field = _FIELD_ALIASES.get(field or "", field)
        for i, column in enumerate(self.columns):
            if column.field == field:
                return i
        return 0

    def level(self, item_id: int) -> int:
        """0 for a goal, 1–3 for indicators."""
        depth = 0
        parent = self._parent_of.get(item_id)
        while parent is not None:
            depth += 1
            parent = self._parent_of.get(parent)
        return depth

    # -- structure -------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self._children(self.node_id(parent))
        if not (0 <= row < len(children) and 0 <= column < len(self.columns)):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index | None = None) -> QModelIndex:  # type: ignore[override]
        if index is None:
            return super().parent()  # type: ignore[return-value]  # QObject.parent()
        if not index.isValid():
            return QModelIndex()
        return self.index_of(self._parent_of.get(index.internalPointer().id))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(self.node_id(parent)))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self.columns)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:
        return self.rowCount(parent) > 0

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title
        return None

    # -- data ------------------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # the top level: goals are reordered there
        base = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDragEnabled
        if not isinstance(self.item(index), Leaf):
            base |= Qt.ItemFlag.ItemIsDropEnabled  # goals and groups take children; leaves never
        if self._editable(self.item(index), self.columns[index.column()]):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def _editable(self, item: Goal | Node | None, column: Column) -> bool:
        if item is None:
            return False
        if isinstance(item, Goal):
            return column.cell is Cell.NAME
        if isinstance(item, Group):
            return column.field in GROUP_FIELDS
        # 得分 too: typing a number there makes it the row's manual score (Delete goes back).
        return True

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index)
        if item is None:
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(item, column, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            findings = self.cell_findings(item, column)
            if findings:
                return QBrush(SEVERITY_COLOURS.get(_worst(findings), SEVERITY_COLOURS["info"]))
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column.cell is Cell.SCORE:
            return None if self.is_manual(item) else QBrush(_COMPUTED_COLOUR)
        if role == Qt.ItemDataRole.FontRole and not isinstance(item, Leaf):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column.cell in (Cell.NUMBER, Cell.SCORE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == NODE_ID_ROLE:
            return item.id
        if role == FINDINGS_ROLE:
            return self.cell_findings(item, column)
        if role == MANUAL_ROLE:
            return self.is_manual(item)
        if role == LEVEL_ROLE:
            return self.level(item.id)
        if role == KIND_ROLE:
            return "goal" if isinstance(item, Goal) else "group" if isinstance(item, Group) else "leaf"
        return None

    def is_manual(self, item: Goal | Node | None) -> bool:
        """Whether a leaf's 得分 is typed by the user."""
        return isinstance(item, Leaf) and item.score is not None

    def _text(self, item: Goal | Node, column: Column, edit: bool) -> str:
        if isinstance(item, Goal):
            if column.cell is Cell.NAME:
                return item.title
            if column.cell is Cell.SCORE:
                group = self.session.result.group(item.id)
                return "" if group is None else _fmt_score(group.score)
            return ""
        if column.cell is Cell.SCORE:
            if isinstance(item, Leaf):
                if edit and item.score is not None:
                    return format_number(item.score)
                node = self.session.result.node(item.id)
                if item.score is not None and not edit:
                    # The typed score in force, with what the rule gives beside it.
                    beside = "手填" if node is None or node.computed is None else f"算{_short(node.computed)}"
                    return f"{_fmt_score(node.score if node else None)}（{beside}）"
                if edit:
                    return ""  # typing replaces; an empty commit leaves the computed score alone
                if node is not None and node.score is None and node.tier_suggested and not edit:
                    # A blank 得分 here looked scored-as-nothing and no finding says why; the 档次 is
                    # chosen in 评分方式 (often scrolled out of view on a small screen).
                    return PENDING_TIER_TEXT
                return "" if node is None else _fmt_score(node.score)
            group = self.session.result.group(item.id)
            return "" if group is None else _fmt_score(group.score)
        if column.cell is Cell.RULE:
            return self._rule_text(item) if isinstance(item, Leaf) else ""
        if isinstance(item, Group) and column.field not in GROUP_FIELDS:
            return ""
        value = getattr(item, column.field, None)
        if column.cell is Cell.NUMBER:
            return format_number(value)
        return "" if value is None else str(value)

    def _rule_text(self, leaf: Leaf) -> str:
        node = self.session.result.node(leaf.id)
        rule = (leaf.rule or {}).get("type") if leaf.rule else (node.rule if node else None)
        name = RULE_NAMES.get(rule or "", rule or "")
        if rule == "qualitative":
            tier = leaf.tier or (f"建议{node.tier_suggested}" if node and node.tier_suggested else "未选档次")
            name = f"{name}：{tier}"
        return f"{name}（指定）" if leaf.rule else name

    def cell_findings(self, item: Goal | Node, column: Column) -> list[Finding]:
        """Findings about this cell: those naming its field, and field-less ones on the name."""
        found = []
        for finding in self._findings.get(item.id, ()):
            field = _FIELD_ALIASES.get(finding.field or "", finding.field)
            if field == column.field or (field is None or self.column_of(field) == 0) and column.cell is Cell.NAME:
                found.append(finding)
        return found

    def _tooltip(self, item: Goal | Node, column: Column) -> str | None:
        lines: list[str] = []
        if column.cell is Cell.SCORE:
            lines.extend(self._score_tip(item))
        elif column.cell is Cell.NAME and not isinstance(item, Goal):
            lines.append(("一级", "二级", "三级")[min(self.level(item.id), 3) - 1] + "指标")
        for finding in self.cell_findings(item, column):
            lines.append(f"【{severity_label(finding.severity)}】{finding.message}")
        return "\n".join(lines) or None

    def _score_tip(self, item: Goal | Node) -> list[str]:
        if isinstance(item, Leaf):
            node = self.session.result.node(item.id)
            lines = [] if node is None else [f"计算过程：{node.explanation}"] if node.explanation else []
            if node is not None and node.score is None and node.tier_suggested and item.score is None:
                lines.append("在下方详情的“档次”中选择（达成 / 部分达成 / 未达成）后计分，"
                             "也可在“评分方式”一列双击选择。")
            if item.score is not None:
                computed = _fmt_score(node.computed) if node and node.computed is not None else "无"
                lines.append(f"手动填写的得分（按规则计算为 {computed}）。按 Delete 恢复自动计算。")
            else:
                lines.append("直接输入数字即改为手动得分。")
            return lines
        group = self.session.result.group(item.id)
        if group is None:
            return []
        lines = [f"小计 {_fmt_score(group.score)}，下级分值合计 {_fmt_score(group.weight)}"]
        if group.declared is not None:
            lines.append(f"标明分值 {_fmt_score(group.declared)}")
        return lines

    # -- editing ---------------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self.item(index)
        if item is None or role != Qt.ItemDataRole.EditRole:
            return False
        column = self.columns[index.column()]
        if not self._editable(item, column):
            return False
        if isinstance(item, Goal):
            self.session.rename_goal(item.id, str(value or "").strip() or item.title)
            return True
        if column.cell is Cell.RULE:
            return self._set_rule(item, str(value or ""))
        if column.numeric:
            try:
                number = parse_number(str(value if value is not None else ""), column.title)
            except ValueError as exc:
                self.session.report_error(f"“{item.name or '（未命名）'}”的{exc}")
                return False
            if column.cell is Cell.SCORE:
                # A number typed into 得分 is the manual score at once; clearing it (Delete) goes
                # back to the computed score: one key either way.
                if number is None and isinstance(item, Leaf) and item.score is None:
                    return True
                self.session.set_field("node", (item.id, "score"), number,
                                       "手动填写得分" if number is not None else "恢复自动计算得分")
                return True
            self.session.set_node_field(item.id, column.field, number)
            return True
        text = str(value if value is not None else "").strip()
        if column.cell is Cell.NAME:
            self.session.set_node_field(item.id, "name", text)
        else:
            self.session.set_node_field(item.id, column.field, text or None)
        return True

    def _set_rule(self, item: Goal | Node, value: str) -> bool:
        """value is "tier:达成", "tier:" (clear), "rule:ratio" or "rule:" (profile default)."""
        kind, _sep, name = value.partition(":")
        if not isinstance(item, Leaf) or kind not in ("tier", "rule"):
            return False
        if kind == "tier":
            self.session.set_node_field(item.id, "tier", name or None)
        else:
            self.session.set_node_field(item.id, "rule", {"type": name} if name else None)
        return True

    # -- drag and drop (moves only; the session does the move as one undoable command) ----------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [NODE_IDS_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        ids: list[int] = []
        for index in indexes:
            node_id = self.node_id(index)
            if node_id is not None and node_id not in ids:
                ids.append(node_id)
        data = QMimeData()
        payload = {"form": self.session.form.id, "ids": ids}
        data.setData(NODE_IDS_MIME, json.dumps(payload).encode("utf-8"))
        return data

    def dragged_ids(self, data: QMimeData) -> list[int] | None:
        """The node ids of rows dragged from this form (None for anything else)."""
        if not data.hasFormat(NODE_IDS_MIME):
            return None
        try:
            payload = json.loads(bytes(data.data(NODE_IDS_MIME).data()).decode("utf-8"))
            ids = [int(i) for i in payload["ids"]]
        except (ValueError, KeyError, TypeError):
            return None
        if payload.get("form") != self.session.form.id or not all(i in self._items for i in ids):
            return None  # rows of another form: their ids mean nothing here
        return ids

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        # Refusals by the three-level rule are not made here: dropMimeData lets the session say why.
        return action == Qt.DropAction.MoveAction and self.dragged_ids(data) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        ids = self.dragged_ids(data)
        if action != Qt.DropAction.MoveAction or not ids:
            return False
        if parent.isValid() and parent.column() != 0:
            parent = self.index(parent.row(), 0, parent.parent())
        # True tells the view the rows moved; it then calls removeRows, which this model does not
        # implement (QAbstractItemModel's returns False), so nothing is removed twice.
        return self.session.drop_nodes(ids, self.node_id(parent), row)

    # -- listener calls from the session ---------------------------------------------------------

    def begin_insert(self, parent_id: int | None, row: int) -> None:
        self.beginInsertRows(self.index_of(parent_id), row, row)

    def end_insert(self) -> None:
        self._rebuild()
        self.endInsertRows()

    def begin_remove(self, parent_id: int | None, row: int) -> None:
        self.beginRemoveRows(self.index_of(parent_id), row, row)

    def end_remove(self) -> None:
        self._rebuild()
        self.endRemoveRows()

    def begin_move(self, src_parent_id: int | None, src_row: int,
                   dst_parent_id: int | None, dst_row: int) -> None:
        self._moving = self.beginMoveRows(self.index_of(src_parent_id), src_row, src_row,
                                          self.index_of(dst_parent_id), dst_row)
        if not self._moving:  # Qt refuses no-op moves; fall back to a layout change
            self.layoutAboutToBeChanged.emit()

    def end_move(self) -> None:
        if self._moving:
            self._rebuild()
            self.endMoveRows()
        else:
            self._relayout()

    def _relayout(self) -> None:
        old = self.persistentIndexList()
        ids = [(self.node_id(i), i.column()) for i in old]
        self._rebuild()
        self.changePersistentIndexList(old, [self.index_of(n, c) if n in self._row_of else QModelIndex()
                                             for n, c in ids])
        self.layoutChanged.emit()

    def node_changed(self, node_id: int) -> None:
        first = self.index_of(node_id, 0)
        if first.isValid():
            self.dataChanged.emit(first, self.index_of(node_id, len(self.columns) - 1))

    def _scores_changed(self) -> None:
        new = self.session.result
        new_findings = findings_by_node(new)
        score_ids, finding_ids = result_changes(self._shown, new, self._findings, new_findings)
        self._shown, self._findings = new, new_findings
        score_column = next((i for i, c in enumerate(self.columns) if c.cell is Cell.SCORE), None)
        rule_column = next((i for i, c in enumerate(self.columns) if c.cell is Cell.RULE), None)
        last = len(self.columns) - 1
        for item_id in score_ids | finding_ids:
            if item_id not in self._row_of:
                continue  # removed by this command; its rows are gone already
            if item_id in finding_ids:  # marks and tooltips may be on any cell of the row
                first, end = 0, last
            else:  # a score, subtotal or rule name (the rule column shows the suggested 档次)
                cols = [c for c in (score_column, rule_column) if c is not None]
                if not cols:
                    continue
                first, end = min(cols), max(cols)
            self.dataChanged.emit(self.index_of(item_id, first), self.index_of(item_id, end), RESULT_ROLES)

    def detach(self) -> None:
        """Stop following the session (before the model is dropped)."""
        self.session.remove_listener(self)
        self.session.changed.disconnect(self._scores_changed)


def _worst(findings: list[Finding]) -> str:
    return min((f.severity for f in findings), key=severity_rank)
