"""The indicator table of a form: its heading (one or two rows), categories from merged or repeated
cells, one leaf per filled row, and the 总分 / 小计 rows kept as `stated`."""
from __future__ import annotations

from typing import Callable

from model.form import Form, Goal, Group, Leaf, Node, Number
from model.office.lines import Line
from model.office.synonyms import key, synonyms
from model.office.values import NotANumber, coded, declared, number

Take = Callable[[int], None]
_TEXT_FIELDS = ("name", "description", "target", "actual", "reason", "basis", "criteria", "process")
_IGNORED = {"序号", "绩效指标", "指标"}
_PLACEHOLDER = {"三级指标", "指标1", "指标2", "指标3", "……", "…", "...", "略"}


class IndicatorReader:
    """Reads the indicator rows of one form into its goals."""

    def __init__(self, form: Form, kind: str) -> None:
        self.form = form
        self.kind = kind
        self.active = False
        self.cols: dict[str, int] = {}
        self.heading_texts: dict[int, str] = {}
        self.continuation_possible = False
        self.level1: tuple[str, Number | None, str | None] | None = None
        self.level2: tuple[str, Number | None, str | None] | None = None
        self.stated: dict[str, object] = {}
        self.notes: list[str] = []
        self.has_cost_level1 = False

    # -- heading --------------------------------------------------------------------------------

    def heading(self, line: Line, take: Take) -> None:
        """Map the heading's columns to leaf fields."""
        self.cols = {}
        self.heading_texts = {c: t for c, t in line.filled}
        for col, text in line.filled:
            take(col)
            self._map(col, key(text))
        self.active = True
        self.continuation_possible = True
        # Categories carry on: a heading repeated where a table was split over two pages does not
        # start a new category (a new goal does, see restart_goal).

    def heading_extra(self, above: Line) -> list[int]:
        """Columns named in the row above the heading (when the level names sit in a second row);
        returns the columns used, none when that row names no column."""
        s = synonyms()
        fields = {c: s.column(t) for c, t in above.filled}
        if not any(f for f in fields.values() if f not in (None, "level1", "level2")):
            return []
        for col, field in fields.items():
            if field is not None and field not in self.cols:
                self.cols[field] = col
        return [c for c, _t in above.filled]

    def _map(self, col: int, word: str) -> bool:
        field = synonyms().column(word)
        if field is None:
            return word in _IGNORED
        self.cols.setdefault(field, col)
        return True

    def _continuation(self, line: Line, take: Take) -> bool:
        """The second row of a split heading (年度 / 指标值, 实际 / 完成值)."""
        s = synonyms()
        filled = line.filled
        if not filled or any(_is_number(t) for _c, t in filled):
            return False
        pairs = []
        for col, text in filled:
            top = key(self.heading_texts.get(col, ""))
            bottom = key(text)
            whole = s.split_headers.get((top, bottom)) or (top + bottom if s.column(top + bottom) else None)
            if whole is None and not top and s.column(bottom):
                whole = bottom
            if whole is None:
                return False
            pairs.append((col, whole))
        for col, whole in pairs:
            field = s.column(whole)
            if field is not None:
                self.cols[field] = col
            take(col)
        return True

    def restart_goal(self) -> None:
        self.level1 = self.level2 = None

    # -- rows -----------------------------------------------------------------------------------

    def row(self, line: Line, goal: Goal, take: Take) -> bool:
        """Read one row; False when the row is not part of the indicator table (the table ended)."""
        if self.continuation_possible:
            self.continuation_possible = False
            if self._continuation(line, take):
                return True
        filled = line.filled
        first = key(filled[0][1])
        s = synonyms()
        if first in s.total_rows or first in s.subtotal_rows:
            self._total(line, first in s.total_rows, take)
            take(filled[0][0])
            return True
        if s.header_key(filled[0][1]) or ("填表人" in first and "：" in filled[0][1]):
            return False
        self._categories(line, take)
        leaf = self._leaf(line, take)
        if leaf is not None:
            self._place(goal, leaf)
        return True

    def _text(self, line: Line, field: str) -> str:
        col = self.cols.get(field)
        return "" if col is None else line.text(col)

    def _categories(self, line: Line, take: Take) -> None:
        for field in ("level1", "level2"):
            text = self._text(line, field)
            if not text:
                continue
            take(self.cols[field])
            level = self._category(text)
            if field == "level1":
                self.level1, self.level2 = level, None
            else:
                self.level2 = level

    def _category(self, text: str) -> tuple[str, Number | None, str | None]:
        name, weight = declared(key(text))
        code = None
        if self.kind == "evaluation":
            code, name = coded(name)
        else:
            name = synonyms().category(name)
        return name, weight, code

    def _leaf(self, line: Line, take: Take) -> Leaf | None:
        values = {f: self._text(line, f) for f in (*_TEXT_FIELDS, "weight", "score")}
        if not any(values.values()):
            return None
        name = values["name"]
        if not name or (name in _PLACEHOLDER and not any(v for f, v in values.items() if f != "name")):
            if any(v for f, v in values.items() if f != "name"):
                self.notes.append(f"{line.where}：有数值但没有三级指标名称，未导入这一行")
            return None
        leaf = Leaf()
        for field in _TEXT_FIELDS:
            if values[field]:
                setattr(leaf, field, values[field])
                take(self.cols[field])
        if self.kind == "evaluation":
            code, rest = coded(leaf.name)
            rest, weight = declared(rest)
            leaf.code, leaf.name = code, rest
            if weight is not None and not values["weight"]:
                leaf.weight = weight
        for field in ("weight", "score"):
            text = values[field]
            if not text:
                continue
            take(self.cols[field])
            try:
                setattr(leaf, field, number(text))
            except NotANumber:
                label = "分值" if field == "weight" else "得分"
                self.notes.append(f"{line.where}：{label}“{text[:20]}”不是数字，未导入这一格")
        return leaf

    def _place(self, goal: Goal, leaf: Leaf) -> None:
        children: list[Node] = goal.indicators
        for level in (self.level1, self.level2):
            if level is None:
                continue
            group = _group(children, *level)
            children = group.children
        children.append(leaf)
        if self.level1 is not None and self.level1[0] == "成本指标":
            self.has_cost_level1 = True

    def _total(self, line: Line, total: bool, take: Take) -> None:
        score_col, weight_col = self.cols.get("score"), self.cols.get("weight")
        numbers = [(c, t) for c, t in line.filled if _is_number(t)]
        score_text = line.text(score_col) if score_col is not None else (numbers[-1][1] if numbers else "")
        weight_text = line.text(weight_col) if weight_col is not None else ""
        score = _num(score_text)
        weight = _num(weight_text)
        for c, _t in numbers:
            take(c)
        if total:
            if score is not None:
                self.stated["total"] = score
            if weight is not None:
                self.stated["weight_total"] = weight
        elif self.level1 is not None and score is not None:
            subtotals = self.stated.setdefault("subtotals", {})
            assert isinstance(subtotals, dict)
            subtotals[self.level1[0]] = score

    def finish(self, goal: Goal | None) -> None:
        self.active = False


def _group(children: list[Node], name: str, weight: Number | None, code: str | None) -> Group:
    for child in children:
        if isinstance(child, Group) and child.name == name:
            if child.weight is None and weight is not None:
                child.weight = weight
            return child
    group = Group(name=name, weight=weight, code=code)
    children.append(group)
    return group


def _is_number(text: str) -> bool:
    try:
        return number(text) is not None
    except NotANumber:
        return False


def _num(text: str) -> Number | None:
    try:
        return number(text)
    except NotANumber:
        return None
