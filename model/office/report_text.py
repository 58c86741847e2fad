"""The text of a .docx report, in reading order: paragraphs and tables (rows of cell texts).

Only reading; what the figures mean is scoring/narrative's business. Merged cells appear once per
row (python-docx repeats a merged cell for every grid column it spans).
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from model.errors import JixiaoError

Block = Union[str, list[list[str]]]


class ReportReadError(JixiaoError):
    """The file is not a readable .docx."""


@dataclass
class ReportText:
    """Paragraph texts and tables in document order."""

    blocks: list[Block] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        """The paragraphs only."""
        return [b for b in self.blocks if isinstance(b, str)]

    @property
    def tables(self) -> list[list[list[str]]]:
        """The tables only."""
        return [b for b in self.blocks if not isinstance(b, str)]


def _rows(table: Any) -> list[list[str]]:
    out = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text.strip())
        out.append(cells)
    return out


def read_report(path: Path) -> ReportText:
    """Read a .docx; raises ReportReadError with a Chinese message for anything else."""
    if path.suffix.lower() == ".doc":
        raise ReportReadError(f"“{path.name}”是旧版 Word（.doc）文件。请在 Word 或 WPS 中“另存为”.docx 后再核对。")
    if not path.is_file():
        raise ReportReadError(f"找不到报告文件“{path}”。请检查文件名和所在文件夹。")
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise ReportReadError(f"“{path.name}”不是可读的 Word（.docx）文件（{exc}）。"
                              "请确认文件完整，并用 Word 或 WPS 另存为 .docx 后再核对。") from None
    text = ReportText()
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            line = Paragraph(child, document).text.strip()
            if line:
                text.blocks.append(line)
        elif tag == "tbl":
            text.blocks.append(_rows(Table(child, document)))
    return text
