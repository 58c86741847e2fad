"""A .docx file as lines: body paragraphs and table rows in document order (python-docx opens it)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from model.office.lines import Document, Line, check_cell, damaged

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _T, _SDT = (f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}t", f"{_W}sdt")
_TAB, _BR = f"{_W}tab", f"{_W}br"
_VAL = f"{_W}val"


def read_docx(path: Path) -> Document:
    """Read every paragraph and table of the document body (headers, footers and pictures are not read)."""
    import docx  # python-docx: imported here, so start-up does not pay for it

    name = path.name
    try:
        body = docx.Document(str(path)).element.body
    except Exception as exc:  # noqa: BLE001 — python-docx raises many types for a bad package
        if "not a Word file" in str(exc):
            raise damaged(name, "里面不是 Word 文档，可能是改了扩展名的其他文件") from exc
        raise damaged(name, type(exc).__name__) from exc
    doc = Document(name)
    paragraphs = 0
    tables = 0
    for element in _blocks(body):
        if element.tag == _P:
            paragraphs += 1
            text = _text(element)
            if text.strip():
                doc.lines.append(Line((check_cell(text, f"第{paragraphs}段", name),), (False,), None, paragraphs))
        else:
            tables += 1
            doc.lines.extend(_table_lines(element, tables, name))
    return doc


def _blocks(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables of the body in order, looking inside content controls (w:sdt)."""
    for child in parent.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            for content in child.iterchildren(f"{_W}sdtContent"):
                yield from _blocks(content)


def _text(element: Any) -> str:
    """The text of a paragraph or cell: runs joined, paragraphs on their own lines."""
    if element.tag == _P:
        return "".join(_run_text(element))
    return "\n".join("".join(_run_text(p)) for p in element.iter(_P))


def _run_text(p: Any) -> Iterator[str]:
    for node in p.iter(_T, _TAB, _BR):
        if node.tag == _T:
            yield node.text or ""
        else:
            yield "\t" if node.tag == _TAB else "\n"


def _table_lines(tbl: Any, number: int, name: str) -> list[Line]:
    """One line per row, one cell per grid column; merged continuations are empty and marked."""
    lines: list[Line] = []
    for r, tr in enumerate(tbl.iterchildren(_TR), start=1):
        cells: list[str] = []
        merged: list[bool] = []
        before = _int_prop(tr, "trPr", "gridBefore")
        cells.extend([""] * before)
        merged.extend([False] * before)
        for tc in tr.iterchildren(_TC):
            span = max(1, _int_prop(tc, "tcPr", "gridSpan"))
            vmerge = _vmerge(tc)
            text = "" if vmerge == "continue" else check_cell(_text(tc), f"表{number} 第{r}行", name)
            cells.append(text)
            merged.append(vmerge == "continue")
            # The other columns of a horizontal merge: empty, and merged only if the cell is.
            cells.extend([""] * (span - 1))
            merged.extend([vmerge == "continue"] * (span - 1))
        lines.append(Line(tuple(cells), tuple(merged), number, r))
    return lines


def _int_prop(element: Any, props: str, name: str) -> int:
    pr = element.find(f"{_W}{props}")
    if pr is None:
        return 0
    node = pr.find(f"{_W}{name}")
    if node is None:
        return 0
    try:
        return int(node.get(_VAL, "0"))
    except ValueError:
        return 0


def _vmerge(tc: Any) -> str | None:
    pr = tc.find(f"{_W}tcPr")
    node = None if pr is None else pr.find(f"{_W}vMerge")
    if node is None:
        return None
    return "restart" if node.get(_VAL) == "restart" else "continue"
