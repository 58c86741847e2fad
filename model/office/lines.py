"""The document as the recogniser sees it: a stream of lines (paragraphs and table rows) with positions.

Word paragraphs become one-cell lines; table rows keep one cell per grid column, so a column means the
same thing in every row of a table. A cell continuing a merge from the row above has `merged` set and
empty text: the recogniser carries the category down. Excel sheets become one table each.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from model.errors import JixiaoError

# A real form cell is a few hundred characters (seed 004's 评价标准 is the longest, about 600).
MAX_CELL = 10_000
# A real form file is well under a megabyte of text; pictures do not count (they are not read).
MAX_FILE_BYTES = 40 * 1024 * 1024
MAX_XML_BYTES = 60 * 1024 * 1024


class OfficeFileError(JixiaoError):
    """A Word/Excel file that cannot be imported; the message says what, where and how to fix it."""


def damaged(name: str, detail: str = "") -> OfficeFileError:
    """The message for a file whose contents cannot be read."""
    extra = f"（{detail}）" if detail else ""
    return OfficeFileError(f"文件“{name}”已损坏或不完整，无法读取{extra}。请在 Word/WPS/Excel 中打开它；"
                           "若能打开，请“另存为”一个新文件后再导入；若打不开，请找原件。")


@dataclass(frozen=True)
class Line:
    """One paragraph (table None) or one table row (cells by grid column)."""

    cells: tuple[str, ...]
    merged: tuple[bool, ...] = ()
    table: int | None = None
    row: int = 0
    sheet: str | None = None

    def is_merged(self, col: int) -> bool:
        """Whether the cell at `col` continues a vertical merge from the row above."""
        return col < len(self.merged) and self.merged[col]

    def text(self, col: int) -> str:
        """The stripped text at `col` ('' beyond the row's end)."""
        return self.cells[col].strip() if col < len(self.cells) else ""

    @property
    def filled(self) -> list[tuple[int, str]]:
        """(column, text) of the non-empty cells, left to right."""
        return [(i, c.strip()) for i, c in enumerate(self.cells) if c.strip()]

    @property
    def joined(self) -> str:
        """All non-empty texts joined by one space."""
        return " ".join(t for _i, t in self.filled)

    @property
    def where(self) -> str:
        """The position a person finds in the file: 表2 第7行, 工作表“自评表” 第7行, 第3段."""
        if self.sheet is not None:
            return f"工作表“{self.sheet}” 第{self.row}行"
        if self.table is None:
            return f"第{self.row}段"
        return f"表{self.table} 第{self.row}行"


@dataclass
class Document:
    """A file's lines in document order, and its name for messages."""

    name: str
    lines: list[Line] = field(default_factory=list)


def check_cell(text: str, where: str, source: str) -> str:
    """The text, or OfficeFileError when it is longer than any real form cell."""
    if len(text) > MAX_CELL:
        raise OfficeFileError(
            f"文件“{source}”{where}的一个单元格有 {len(text):,} 个字，超过表格单元格的上限 {MAX_CELL:,} 字，"
            "本次没有导入任何内容。请检查该单元格（可能误粘贴了整篇文字），删短后再导入。")
    return text
