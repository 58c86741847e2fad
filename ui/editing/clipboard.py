"""Tab-separated text as Excel and WPS put it on the clipboard: read, write, and map to tree rows.

Pure Python (no Qt). `rows_from_table` turns pasted cells into PastedRow objects: by the pasted
heading row when there is one (its wording read through the synonym table the Word/Excel import uses,
resources/office/synonyms.json), else in the official 8-column layout
一级|二级|三级|年度指标值|实际完成值|分值|得分|偏差原因, else in the view's column order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from model.office.synonyms import synonyms
from ui.editing.columns import OFFICIAL_LAYOUT

_DECLARED = re.compile(r"^(?P<name>.*?)\s*[（(]\s*(?P<weight>\d+(?:\.\d+)?)\s*分\s*[)）]\s*$", re.S)
_HEADER_WORDS = {"一级指标", "二级指标", "三级指标", "指标", "年度指标值", "实际完成值", "分值", "得分"}


@dataclass
class PastedRow:
    """One pasted row: optional 一级/二级 group names (with declared 分值) and leaf fields as text."""

    level1: str | None = None
    level2: str | None = None
    level1_weight: float | None = None
    level2_weight: float | None = None
    fields: dict[str, str] = field(default_factory=dict)


def parse_tsv(text: str) -> list[list[str]]:
    """Cells of tab-separated text; quoted cells may hold tabs, newlines and doubled quotes."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    i, n = 0, len(text)
    at_cell_start = True
    while i < n:
        ch = text[i]
        if at_cell_start and ch == '"':
            # A quoted cell (Excel quotes cells containing newlines, tabs or quotes).
            end = i + 1
            while end < n:
                if text[end] == '"':
                    if end + 1 < n and text[end + 1] == '"':
                        cell.append('"')
                        end += 2
                        continue
                    break
                cell.append(text[end])
                end += 1
            i = end + 1
            at_cell_start = False
            continue
        if ch == "\t":
            row.append("".join(cell))
            cell, at_cell_start = [], True
        elif ch in "\r\n":
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            row.append("".join(cell))
            rows.append(row)
            row, cell, at_cell_start = [], [], True
        else:
            cell.append(ch)
            at_cell_start = False
        i += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    return [r for r in rows if any(c.strip() for c in r)]


def format_tsv(rows: list[list[str]]) -> str:
    """Tab-separated text that Excel/WPS read back into the same cells."""
    def quote(cell: str) -> str:
        if any(c in cell for c in '\t\n\r"'):
            return '"' + cell.replace('"', '""') + '"'
        return cell
    return "".join("\t".join(quote(c) for c in row) + "\r\n" for row in rows)


def split_declared_weight(text: str) -> tuple[str, float | None]:
    """"产出指标(30分)" → ("产出指标", 30.0); either bracket width; no weight → (text, None)."""
    match = _DECLARED.match(text.strip())
    if match is None:
        return text.strip(), None
    return match.group("name").strip(), float(match.group("weight"))


def is_header_row(cells: list[str]) -> bool:
    """Whether a row is the table's heading (pasted along with the data), in any wording of the table."""
    words = {c.strip().replace("\n", "") for c in cells if c.strip()}
    known = sum(1 for w in words if w in _HEADER_WORDS or synonyms().column(w) is not None)
    return bool(words) and known >= 2


def heading_fields(cells: list[str]) -> list[str | None]:
    """The field of each column of a pasted heading row (level1/level2/name/target/…; None if unknown)."""
    return [synonyms().column(c) for c in cells]


def rows_from_table(table: list[list[str]], view_fields: list[str]) -> list[PastedRow]:
    """Map pasted cells to rows.

    Args:
        table: cells from parse_tsv.
        view_fields: the Leaf fields of the view's columns, in order (first is "name").

    Returns:
        One PastedRow per data row. With 8 columns (and a view that is not 8 wide) the official
        layout is used; empty 一级/二级 cells repeat the one above (merged cells in Excel).
    """
    headings = [r for r in table if is_header_row(r)]
    data = [r for r in table if not is_header_row(r)]
    by_heading = heading_fields(headings[0]) if headings else []
    if "name" in by_heading:
        return _rows_by_heading(data, by_heading)
    official = bool(data) and max(len(r) for r in data) == len(OFFICIAL_LAYOUT) != len(view_fields)
    result: list[PastedRow] = []
    level1: tuple[str | None, float | None] = (None, None)
    level2: tuple[str | None, float | None] = (None, None)
    for cells in data:
        row = PastedRow()
        if official:
            cells = cells + [""] * (len(OFFICIAL_LAYOUT) - len(cells))
            if cells[0].strip():
                level1, level2 = split_declared_weight(cells[0]), (None, None)
            if cells[1].strip():
                level2 = split_declared_weight(cells[1])
            row.level1, row.level1_weight = level1
            row.level2, row.level2_weight = level2
            pairs = zip(OFFICIAL_LAYOUT[2:], cells[2:])
        else:
            pairs = zip(view_fields, cells)
        for name, text in pairs:
            if text.strip():
                row.fields[name] = text.strip()
        result.append(row)
    return result


def _rows_by_heading(data: list[list[str]], fields: list[str | None]) -> list[PastedRow]:
    """Rows mapped by the pasted heading; blank 一级/二级 cells repeat the one above (merged in Excel)."""
    result: list[PastedRow] = []
    level1: tuple[str | None, float | None] = (None, None)
    level2: tuple[str | None, float | None] = (None, None)
    for cells in data:
        row = PastedRow()
        for field, text in zip(fields, cells):
            if field == "level1" and text.strip():
                level1, level2 = split_declared_weight(text), (None, None)
            elif field == "level2" and text.strip():
                level2 = split_declared_weight(text)
            elif field is not None and field not in ("level1", "level2") and text.strip():
                row.fields.setdefault(field, text.strip())
        if not row.fields.get("name"):
            continue  # a category-only or empty row: nothing to paste
        row.level1, row.level1_weight = level1
        row.level2, row.level2_weight = level2
        result.append(row)
    return result
