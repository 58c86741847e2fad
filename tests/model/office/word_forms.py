"""Word (python-docx) and Excel (openpyxl) versions of forms, laid out like the paper originals.

Test helpers, not product code: each writer follows the seed documents' layout (header paragraphs,
merged category cells, a header table + blank paragraph + indicator table for 目标表, several tables
per document) and takes options for the variety of real files (repeated instead of merged category
cells, other label wording, another column order, header facts above the table).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import docx
import openpyxl

from model.form import Form, Group, Leaf, Node


@dataclass(frozen=True)
class Style:
    """Layout choices that vary between real files."""

    merge_categories: bool = True
    wording: str = "official"      # "official" or "variant" (自评得分, 权重, 年度目标值, 全年实际完成值 …)
    split_heading: bool = False    # 年度 / 指标值 over two rows, as seed 000 prints it
    facts_above: bool = False      # 项目名称：… as a paragraph above the table
    swap_columns: bool = False     # 分值/得分 before 指标值/实际完成值


def _n(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def rows_of(nodes: list[Node], path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Leaf]]:
    """(category labels, leaf) for every leaf, depth first."""
    for node in nodes:
        if isinstance(node, Group):
            label = node.name
            if node.code:
                label = f"{node.code}{label}"
            if node.weight is not None and (node.code or len(path) == 0):
                label += f"({_n(node.weight)}分)"
            yield from rows_of(node.children, path + (label,))
        else:
            yield path, node


def _columns(form: Form, style: Style) -> list[tuple[str, str]]:
    """(heading, leaf field) of the indicator table after the three level columns."""
    v = style.wording == "variant"
    if form.kind == "project_target":
        cols = [("绩效指标描述", "description"), ("年度目标值" if v else "指标值", "target"),
                ("指标值确定依据", "basis")]
    elif form.kind == "evaluation":
        cols = [("指标解释", "description"), ("评价标准", "criteria"), ("评价过程", "process"),
                ("分值" if v else "权重", "weight"), ("标杆值", "target"), ("业绩值", "actual"),
                ("评分" if v else "指标得分", "score")]
    elif form.kind == "dept_self_eval" and all(l.weight is None for g in form.goals for _p, l in rows_of(g.indicators)):
        cols = [("指标值", "target"), ("全年实际完成值", "actual"), ("产生差异的原因及改进措施", "reason")]
    else:
        cols = [("年度目标值" if v else "年度指标值", "target"), ("全年实际完成值" if v else "实际完成值", "actual"),
                ("权重" if v else "分值", "weight"), ("自评得分" if v else "得分", "score"),
                ("偏差原因分析及改进措施", "reason")]
        if style.swap_columns:
            cols = [cols[2], cols[3], cols[0], cols[1], cols[4]]
    return cols


def indicator_rows(form: Form, goal_index: int, style: Style) -> list[list[str]]:
    """The indicator table's rows (heading first) as cell texts; blanks where a category continues."""
    cols = _columns(form, style)
    rows = [["一级指标", "二级指标", "三级指标", *[h for h, _f in cols]]]
    last: tuple[str, ...] = ()
    for path, leaf in rows_of(form.goals[goal_index].indicators):
        labels = list(path) + [""] * (2 - len(path))
        shown = [lab if (not style.merge_categories and lab) or labels[:k + 1] != list(last[:k + 1]) else ""
                 for k, lab in enumerate(labels[:2])]
        last = tuple(labels)
        name = leaf.name
        if form.kind == "evaluation" and leaf.code:
            name = f"{leaf.code}{name}"
        rows.append([*shown, name, *[_n(getattr(leaf, f)) for _h, f in cols]])
    return rows


class WordWriter:
    """A python-docx document with helpers for the seed layouts."""

    def __init__(self, title: str | None = None) -> None:
        self.doc = docx.Document()
        if title:
            self.doc.add_paragraph(title)

    def para(self, text: str = "") -> None:
        self.doc.add_paragraph(text)

    def table(self, rows: list[list[str]], merge_first: int = 0, merge_heading_col0: str | None = None) -> Any:
        """A table of the rows; the first `merge_first` columns merge vertically where a cell is blank
        below a filled one (Word's vertical merge), as 一级/二级 categories are printed."""
        width = max(len(r) for r in rows)
        offset = 1 if merge_heading_col0 else 0
        table = self.doc.add_table(rows=len(rows), cols=width + offset)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c + offset).text = text
            if len(row) < width:  # a short row: its last cell spans the rest
                table.cell(r, len(row) - 1 + offset).merge(table.cell(r, width - 1 + offset))
        for c in range(merge_first):
            top = None
            for r in range(1, len(rows)):
                if rows[r][c]:
                    top = r
                elif top is not None and not any(rows[r][k] for k in range(c)):
                    table.cell(top, c + offset).merge(table.cell(r, c + offset))
        if merge_heading_col0:
            table.cell(0, 0).merge(table.cell(len(rows) - 1, 0))
            table.cell(0, 0).text = merge_heading_col0
        return table

    def save(self, path: Path) -> Path:
        self.doc.save(str(path))
        return path


def docx_to_xlsx(source: Path, dest: Path) -> Path:
    """An Excel workbook with the same cells as a Word file: paragraphs as one-cell rows, every table
    below them, vertical merges as merged ranges (how people copy a Word form into Excel)."""
    from model.office.docx_read import read_docx

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    for r, line in enumerate(read_docx(source).lines, start=1):
        for c, text in enumerate(line.cells, start=1):
            if text:
                cell = ws.cell(r, c, float(text) if _plain_number(text) else text)
                if text.startswith("="):  # "=100%" is a target as written, not a formula
                    cell.data_type = "s"
    _merge_runs(ws, source)
    wb.save(dest)
    return dest


def _merge_runs(ws: Any, source: Path) -> None:
    from model.office.docx_read import read_docx

    lines = read_docx(source).lines
    for c in range(max(len(line.cells) for line in lines)):
        r = 0
        while r < len(lines):
            if lines[r].table is not None and r + 1 < len(lines) and lines[r + 1].is_merged(c) \
                    and lines[r + 1].table == lines[r].table:
                end = r + 1
                while end + 1 < len(lines) and lines[end + 1].is_merged(c) and lines[end + 1].table == lines[r].table:
                    end += 1
                ws.merge_cells(start_row=r + 1, start_column=c + 1, end_row=end + 1, end_column=c + 1)
                r = end
            r += 1


def _plain_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return not text.startswith("0") or text.startswith("0.") or text == "0"
