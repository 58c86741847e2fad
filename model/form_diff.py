"""What changed between two revisions of a form, field by field, as people read it (历史版本, the
sign-off status, the package note and a refused stale save).

`diff(old, new)` gives lines such as 目标1 / 产出指标 / 数量指标 / 培训人数：实际完成值 75人 → 80人.
Nodes are matched by their name path (a second node of the same name under one parent is “名称#2”),
so a renamed indicator shows as one removed and one added. The sign-off record is not compared:
its events are listed on their own (model/signoff.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from model.form import HEADER_LABELS, Form, Group, Leaf, Node

ADDED, REMOVED, CHANGED = "新增", "删除", "修改"
_LEAF_LABELS = (("code", "编码"), ("description", "指标描述"), ("target", "年度指标值"), ("actual", "实际完成值"),
                ("weight", "分值"), ("score", "得分"), ("reason", "偏差原因"), ("basis", "指标值确定依据"),
                ("criteria", "评价标准"), ("process", "评价过程"), ("rule", "评分规则"), ("checklist", "评价要点"),
                ("survey", "问卷统计"), ("tier", "完成档次"))
_GROUP_LABELS = (("code", "编码"), ("weight", "分值"))
_FUNDS_LABELS = (("initial", "年初预算数"), ("annual", "全年预算数"), ("executed", "全年执行数"), ("note", "说明"))
_FORM_LABELS = (("title", "标题"), ("year", "年度"), ("money_unit", "金额单位"), ("rules", "评分规则"))
SHOWN = 60  # characters of a long text shown on each side of the arrow


@dataclass(frozen=True)
class Change:
    """One difference: where (name path), what (field label), the old and new text."""

    kind: str  # 新增 / 删除 / 修改
    path: tuple[str, ...]
    label: str
    old: str
    new: str

    def text(self) -> str:
        """目标1 / 产出指标 / 培训人数：实际完成值 75人 → 80人 (or 新增指标 … / 删除指标 …)."""
        where = " / ".join(self.path)
        if self.kind == CHANGED:
            return f"{where}：{self.label} {_short(self.old) or '（空）'} → {_short(self.new) or '（空）'}"
        return f"{self.kind}{self.label}：{where}"


def value_text(value: Any) -> str:
    """A field's value as printed: numbers without a trailing .0, objects as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float, str)):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=lambda o: getattr(o, "__dict__", str(o)))


def _short(text: str) -> str:
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def _unique(names: list[str]) -> list[str]:
    """Names made unique among siblings: the second 培训人数 is 培训人数#2."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return out


Fields = dict[tuple[tuple[str, ...], str], str]


def _flatten(form: Form) -> tuple[Fields, dict[tuple[str, ...], str]]:
    """(every field keyed by (path, label)) and (every node/goal path → its kind word)."""
    fields: Fields = {}
    items: dict[tuple[str, ...], str] = {}
    for key, label in _FORM_LABELS:
        fields[(("表格",), label)] = value_text(getattr(form, key))
    for key, value in form.header.items():
        fields[(("表头",), HEADER_LABELS.get(key, key))] = value_text(value)
    if form.funds is not None:
        for key, label in (("weight", "执行率分值"), ("score", "执行率得分")):
            fields[(("资金",), label)] = value_text(getattr(form.funds, key))
        for name, row in zip(_unique([r.name for r in form.funds.rows]), form.funds.rows):
            for key, label in _FUNDS_LABELS:
                fields[(("资金", name), label)] = value_text(getattr(row, key))
    for label, point in zip(_unique([p.label for p in form.spending_plan or []]), form.spending_plan or []):
        fields[(("资金支出计划",), label)] = value_text(point.percent)
    for name, section in zip(_unique([s.section for s in form.basic_data or []]), form.basic_data or []):
        if section.text is not None:
            fields[((name,), "内容")] = section.text
        data_rows = section.rows or []
        for row_name, data_row in zip(_unique([r.name for r in data_rows]), data_rows):
            for i, cell in enumerate(data_row.values):
                columns = section.columns or []
                fields[((name, row_name), columns[i] if i < len(columns) else f"第{i + 1}列")] = value_text(cell)
    for title, goal in zip(_unique([g.title for g in form.goals]), form.goals):
        path = (title or "（未命名目标）",)
        items[path] = "目标"
        fields[(path, "预期目标")] = value_text(goal.expected)
        fields[(path, "实际完成情况")] = value_text(goal.achieved)
        _nodes(goal.indicators, path, fields, items)
    return fields, items


def _nodes(nodes: list[Node], path: tuple[str, ...], fields: Fields, items: dict[tuple[str, ...], str]) -> None:
    for name, node in zip(_unique([n.name for n in nodes]), nodes):
        node_path = (*path, name or "（未命名）")
        if isinstance(node, Group):
            items[node_path] = "指标组"
            for key, label in _GROUP_LABELS:
                fields[(node_path, label)] = value_text(getattr(node, key))
            _nodes(node.children, node_path, fields, items)
        elif isinstance(node, Leaf):
            items[node_path] = "指标"
            for key, label in _LEAF_LABELS:
                fields[(node_path, label)] = value_text(getattr(node, key))


def _inside(path: tuple[str, ...], tops: set[tuple[str, ...]]) -> bool:
    return any(path[:n] in tops for n in range(1, len(path) + 1))


def diff(old: Form, new: Form) -> list[Change]:
    """Every difference from `old` to `new`, in the order of `new` (removals after, in old's order)."""
    old_fields, old_items = _flatten(old)
    new_fields, new_items = _flatten(new)
    added = {p for p in new_items if p not in old_items}
    removed = {p for p in old_items if p not in new_items}
    changes: list[Change] = []
    for path, kind in new_items.items():
        if path in added and not _inside(path[:-1], added):
            changes.append(Change(ADDED, path, kind, "", ""))
    for (path, label), value in new_fields.items():
        if _inside(path, added):
            continue
        before = old_fields.get((path, label), "")
        if before != value:
            changes.append(Change(CHANGED, path, label, before, value))
    for (path, label), value in old_fields.items():
        if (path, label) not in new_fields and value and not _inside(path, removed):
            changes.append(Change(CHANGED, path, label, value, ""))
    for path, kind in old_items.items():
        if path in removed and not _inside(path[:-1], removed):
            changes.append(Change(REMOVED, path, kind, "", ""))
    return changes


def changes(old: Form, new: Form, limit: int = 12) -> list[str]:
    """One line per change (Change.text), at most `limit` lines and a count of the rest; a changed
    sign-off record (someone signed or unlocked meanwhile) is one line too. A refused stale save
    shows these (ui/stale_save.py)."""
    from model.signoff_record import signoff_to_dict

    lines = [c.text() for c in diff(old, new)]
    before = signoff_to_dict(old.signoff) if old.signoff else None
    after = signoff_to_dict(new.signoff) if new.signoff else None
    if before != after:
        lines.append("签字记录有变化（有人签字或解锁）")
    if len(lines) > limit:
        lines = [*lines[:limit], f"……另有 {len(lines) - limit} 处改动"]
    return lines
