"""The 部门整体支出绩效评价基础数据表: sections with their column headings, rows of figures, free text."""
from __future__ import annotations

import re
from typing import Callable

from model.form import DataRow, DataSection, Number
from model.office.lines import Line
from model.office.synonyms import key
from model.office.values import maybe_number

_SECTIONS = ("财政供养人员情况", "经费控制情况", "楼堂馆所控制情况", "厉行节约保障措施")
_RATE = ("控制率",)


def section_start(line: Line) -> bool:
    """Whether a line opens a section (its first cell names one)."""
    filled = line.filled
    return bool(filled) and any(key(filled[0][1]).startswith(s) for s in _SECTIONS)


def read_sections(lines: list[tuple[int, Line]], take: Callable[[int, int], None]) -> list[DataSection]:
    """The sections found in (index, line) pairs; `take(index, col)` marks the cells used."""
    mark = take
    sections: list[DataSection] = []
    cols: list[int] = []
    for index, line in lines:
        filled = line.filled
        if not filled:
            continue
        if section_start(line):
            title = re.sub(r"\s+", "", filled[0][1])
            mark(index, filled[0][0])
            if title.startswith("厉行节约保障措施"):
                text = " ".join(t for _c, t in filled[1:])
                sections.append(DataSection(section=title, text=text))
                for c, _t in filled[1:]:
                    mark(index, c)
                cols = []
                continue
            cols = [c for c, _t in filled[1:]]
            sections.append(DataSection(section=title, columns=[re.sub(r"\s+", "", t) for _c, t in filled[1:]],
                                        rows=[]))
            for c in cols:
                mark(index, c)
            continue
        if not sections or sections[-1].rows is None:
            if sections and sections[-1].text == "" and len(filled) == 1 and not filled[0][1].startswith(("注", "说明")):
                sections[-1].text = filled[0][1]
                mark(index, filled[0][0])
            continue
        section = sections[-1]
        first_col, first = filled[0]
        named = first_col not in cols and maybe_number(first) is None
        if not named and not any(c in cols for c, _t in filled):
            continue
        name = re.sub(r"\s+", "", first) if named else _default_row_name(section.section)
        if named:
            mark(index, first_col)
        values: list[Number | None] = []
        for n, c in enumerate(cols):
            text = line.text(c)
            rate = any(r in (section.columns or [""])[n] for r in _RATE)
            values.append(maybe_number(text, percent=rate))
            if text:
                mark(index, c)
        assert section.rows is not None
        section.rows.append(DataRow(name=name, values=values))
    return sections


def _default_row_name(section: str) -> str:
    """The row name of a one-row section whose row has no name of its own (财政供养人员, 楼堂馆所)."""
    return re.sub(r"(控制)?情况.*$", "", section)
