"""The narrative report as a neutral structure: headings, paragraphs and tables, no file format.

Built once from the form and its Result (project.py, dept.py, evaluation.py) and drawn by the DOCX
and the PDF writer, so the two files cannot say different things.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Union

PLACEHOLDER_OPEN = "【请填写："


@dataclass(frozen=True)
class Heading:
    """A section heading: level 1 is 一、…, level 2 is （一）…."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    """A body paragraph (first line indented two characters); may hold 【请填写：…】 placeholders."""

    text: str


@dataclass(frozen=True)
class Table:
    """A real table: caption above, a heading row, body rows, relative column widths."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    caption: str | None = None
    merge_first: bool = False  # equal neighbours in the first column share one cell (二级指标 down its rows)

    def first_column_runs(self) -> list[tuple[int, int]]:
        """(first, last) body-row indexes of each run of equal first-column values longer than one."""
        runs, start = [], 0
        for i in range(1, len(self.rows) + 1):
            if i == len(self.rows) or self.rows[i][0] != self.rows[start][0]:
                if i - start > 1:
                    runs.append((start, i - 1))
                start = i
        return runs if self.merge_first else []


Block = Union[Heading, Para, Table]


@dataclass
class Report:
    """Title, blocks in reading order, and the closing lines (unit, date) set right."""

    kind: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    closing: tuple[str, ...] = ()

    def heading(self, text: str, level: int = 1) -> None:
        """Append a heading."""
        self.blocks.append(Heading(text, level))

    def para(self, *texts: str) -> None:
        """Append one paragraph per non-empty text."""
        self.blocks.extend(Para(t) for t in texts if t)

    def table(self, header: tuple[str, ...], rows: Sequence[tuple[str, ...]], widths: tuple[float, ...],
              caption: str | None = None, merge_first: bool = False) -> None:
        """Append a table (nothing when it has no rows)."""
        if rows:
            self.blocks.append(Table(header, tuple(rows), widths, caption, merge_first))

    def text(self) -> str:
        """Every word of the report, in order (for tests and the checker)."""
        lines = [self.title]
        for block in self.blocks:
            if isinstance(block, Table):
                lines.extend(x for x in (block.caption,) if x)
                lines.extend("\t".join(r) for r in (block.header, *block.rows))
            else:
                lines.append(block.text)
        return "\n".join([*lines, *self.closing])


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def printable_text(text: str) -> str:
    """Text without the control characters Word files cannot hold (a stray \\x1f pasted into a name)."""
    return _CONTROL.sub("", text)


def split_placeholders(text: str) -> list[tuple[str, bool]]:
    """The text cut into (piece, is_placeholder) runs, so writers can mark what the user must fill."""
    out: list[tuple[str, bool]] = []
    rest = printable_text(text)
    while PLACEHOLDER_OPEN in rest:
        before, _sep, after = rest.partition(PLACEHOLDER_OPEN)
        inside, closed, tail = after.partition("】")
        if before:
            out.append((before, False))
        out.append((PLACEHOLDER_OPEN + inside + closed, True))
        rest = tail
    if rest:
        out.append((rest, False))
    return out
