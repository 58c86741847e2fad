"""The summary table of an evaluation report (表3-1: 项目 | A决策 | B过程 | … | 合计, rows 权重 / 得分 / 得分率),
read into the evaluation form's `stated` so the checker can compare it with the scoring table."""
from __future__ import annotations

from typing import Any

from model.office.lines import Line
from model.office.synonyms import key
from model.office.values import coded, maybe_number

_ROWS = {"权重": "weights", "分值": "subtotals", "得分": "subtotals", "得分率": "rates"}


def summary_stated(lines: list[Line]) -> tuple[dict[str, Any], list[Line]]:
    """weights / subtotals / rates per category and total_rate, from the first such table found,
    and the lines read (so the preview does not list them as unplaced)."""
    cols: dict[int, str] = {}
    stated: dict[str, Any] = {}
    used: list[Line] = []
    table: tuple[str | None, int | None] = (None, None)
    for line in lines:
        filled = line.filled
        if not filled or line.table is None:
            continue
        first = key(filled[0][1])
        if first == "项目" and len(filled) >= 3:
            heads = {c: coded(key(t))[1] for c, t in filled[1:]}
            if sum(1 for name in heads.values() if name in ("决策", "过程", "产出", "效益")) >= 2:
                cols, table, stated, used = heads, (line.sheet, line.table), {}, [line]
            continue
        if not cols or (line.sheet, line.table) != table:
            continue
        what = _ROWS.get(first)
        if what is None:
            if stated:
                break
            continue
        used.append(line)
        for c, name in cols.items():
            text = line.text(c)
            if not text:
                continue
            value: Any = text if what == "rates" else maybe_number(text)
            if name == "合计":
                if what == "rates":
                    stated["total_rate"] = text
                elif what == "subtotals" and value is not None:
                    stated.setdefault("total", value)
            elif value is not None:
                stated.setdefault(what, {})[name] = value
    return stated, used if stated else []
