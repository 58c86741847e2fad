"""Where the forms are in a document and what kind each is: from titles, labels and structure.

A document is cut into segments at form titles (项目支出绩效自评表, …绩效目标表, …) and where a new
table starts with header facts after an indicator table; the tables of one segment (a header table,
a blank paragraph, the indicator table) form one form. The kind comes from the title when it names
one, else from the labels found in the segment.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from model.office.lines import Line
from model.office.synonyms import key, synonyms

TITLE = re.compile(r"(自评表|目标表|申报表|基础数据表|综合评分表|评价指标体系|评分表)$")
_ANNEX = re.compile(r"^附件\s*[0-9一二三四五六七八九十]*\s*[:：]?$")
_LEVEL_WORDS = ("一级指标", "二级指标", "三级指标")
_BASIC_WORDS = ("财政供养人员情况", "经费控制情况", "楼堂馆所控制情况", "三公经费", "厉行节约保障措施")
_EVAL_WORDS = ("指标解释", "评价标准", "评价过程", "标杆值", "业绩值", "指标得分", "评分标准")
_TARGET_WORDS = ("指标值确定依据", "绩效指标描述", "资金支出计划", "指标值设定依据")
_DEPT_WORDS = ("按收入性质分", "按支出性质分", "预算部门名称", "年初预算资金总额", "年度总体目标完成情况")
WHAT_WE_LOOK_FOR = ("带“一级指标 / 二级指标 / 三级指标”表头的指标表（自评表、绩效目标表、评价评分表），"
                    "或带“财政供养人员情况 / 经费控制情况”的基础数据表")


@dataclass
class Segment:
    """The lines of one candidate form and the title line(s) above it."""

    lines: list[Line] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    @property
    def has_table(self) -> bool:
        return any(line.table is not None for line in self.lines)

    @property
    def where(self) -> str:
        tables = sorted({(line.sheet or "", line.table) for line in self.lines if line.table is not None})
        if not tables:
            return ""
        if tables[0][0]:
            rows = [line.row for line in self.lines if line.sheet is not None]
            return "、".join(f"工作表“{s}”" for s, _t in tables) + f" 第{min(rows)}–{max(rows)}行"
        return "、".join(f"表{t}" for _s, t in tables)


def is_title(line: Line) -> bool:
    """A line that names a form: one short text ending in …表 / 评价指标体系."""
    filled = line.filled
    if len(filled) != 1 or len(filled[0][1]) > 80:
        return False
    return bool(TITLE.search(key(filled[0][1])))


def is_annex(line: Line) -> bool:
    """An 附件1： label line (carries nothing)."""
    filled = line.filled
    return len(filled) == 1 and bool(_ANNEX.match(filled[0][1]))


def has_levels(line: Line) -> bool:
    """An indicator table heading: names at least two of 一级/二级/三级指标."""
    words = {key(t) for _c, t in line.filled}
    return sum(w in words for w in _LEVEL_WORDS) >= 2


def _starts_form(line: Line) -> bool:
    """A row that opens a form's header (项目名称 / 单位名称 … label first)."""
    filled = line.filled
    if not filled:
        return False
    first = key(filled[0][1])
    return synonyms().header_key(first) in ("project_name", "unit_name", "department", "project_code")


def segments(lines: list[Line]) -> list[Segment]:
    """Cut the document into candidate forms, in order."""
    out: list[Segment] = []
    current = Segment()
    seen_levels = False
    last_table: tuple[str | None, int | None] = (None, None)
    for line in lines:
        if is_annex(line):
            continue
        new_table = line.table is not None and (line.sheet, line.table) != last_table
        if line.table is not None:
            last_table = (line.sheet, line.table)
        if is_title(line):
            if current.has_table:
                out.append(current)
                current, seen_levels = Segment(), False
            current.titles.append(line.filled[0][1])
            current.lines.append(line)
            continue
        if new_table and current.has_table and (line.sheet is not None or (seen_levels and _starts_form(line))):
            # A new sheet, or a new table opening a header after an indicator table: a new form.
            out.append(current)
            current, seen_levels = Segment(), False
        if has_levels(line):
            seen_levels = True
        current.lines.append(line)
    if current.lines:
        out.append(current)
    return [s for s in out if s.has_table]


def kind_of(segment: Segment) -> str | None:
    """The form kind of a segment, or None when it is not one of the five forms."""
    title = key(" ".join(segment.titles))
    words = {key(t) for line in segment.lines for _c, t in line.filled if len(t) <= 40}

    def has(group: tuple[str, ...]) -> bool:
        return any(any(w in word for word in words) for w in group)

    levels = any(has_levels(line) for line in segment.lines)
    if "基础数据表" in title or (has(_BASIC_WORDS) and not levels):
        return "dept_basic_data" if has(_BASIC_WORDS) else None
    if not levels:
        return None
    if "评分表" in title or "评价指标体系" in title or has(_EVAL_WORDS):
        return "evaluation"
    if "目标表" in title or "申报表" in title or has(_TARGET_WORDS) or _targets_only(segment):
        return "project_target"
    if "部门整体" in title or has(_DEPT_WORDS) or _goal_blocks(segment) > 1:
        return "dept_self_eval"
    return "project_self_eval"


def _targets_only(segment: Segment) -> bool:
    """An indicator heading with targets but no 实际完成值, 分值 or 得分: a target declaration."""
    s = synonyms()
    for line in segment.lines:
        if has_levels(line):
            fields = {s.column(t) for _c, t in line.filled}
            return "target" in fields and not fields & {"actual", "weight", "score"}
    return False


def _goal_blocks(segment: Segment) -> int:
    return sum(1 for line in segment.lines if line.filled and re.fullmatch(r"目标\s*\d+", line.filled[0][1]))
