"""Chinese line breaking for table cells, as the official forms are typeset (避头尾).

Rules: closing punctuation (，。、；：！？）》」】” …) never starts a line and is never pushed past the
cell's edge (it goes down with the character before it); opening punctuation (（《「【“) never ends a
line; a number, with its sign and decimals (≥1,540,000.00, 98.5%), and a Latin word are never broken
unless alone they are wider than the cell; a last line of a single character takes one more with it.
The width of a text is measured by the caller (font metrics for the PDF, an estimate for the XLSX).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

Measure = Callable[[str], float]

# Characters that may not start a line (closing marks) and that may not end one (opening marks).
CANNOT_START = frozenset("，。、；：！？）》〉」』】〕］｝”’…‥·・～%％‰,.;:!?)]}> 　")
CANNOT_END = frozenset("（《〈「『【〔［｛“‘([{<")
# A number or a Latin word with what belongs to it: ≥1,540,000.00  98.5%  2021年 is 2021 + 年.
_UNBROKEN = re.compile(r"[≥≤<>=＜＞±+\-−~～]*[0-9A-Za-z][0-9A-Za-z.,:/%‰_'\-−]*")


def tokens(text: str) -> list[str]:
    """The pieces a line may break between (one line of text, without newlines)."""
    pieces: list[str] = []
    i = 0
    while i < len(text):
        match = _UNBROKEN.match(text, i)
        piece = match.group(0) if match else text[i]
        i += len(piece)
        if pieces and (piece[0] in CANNOT_START or pieces[-1][-1] in CANNOT_END):
            pieces[-1] += piece  # keep the closing mark with what it closes, the opening with what follows
        else:
            pieces.append(piece)
    return pieces


def _split_wide(piece: str, width: float, measure: Measure) -> list[str]:
    """A piece wider than the whole cell (a very long number): cut by characters, as a last resort."""
    out, line = [], ""
    for ch in piece:
        if line and measure(line + ch) > width and ch not in CANNOT_START:
            out.append(line)
            line = ""
        line += ch
    return [*out, line] if line else out


def break_line(text: str, width: float, measure: Measure) -> list[str]:
    """One paragraph (no newline) broken into lines no wider than `width` where the rules allow."""
    lines: list[list[str]] = [[]]
    for piece in tokens(text):
        current = "".join(lines[-1])
        if measure(current + piece.rstrip()) <= width:
            lines[-1].append(piece)
            continue
        if lines[-1]:
            lines.append([])
        if measure(piece.rstrip()) > width:
            *full, rest = _split_wide(piece, width, measure)
            lines[-1:] = [*([f] for f in full), [rest]]
        else:
            lines[-1].append(piece)
    # A single character alone on the last line (可持续影响指/标): take one more piece down with it.
    last = [ch for ch in "".join(lines[-1]) if ch not in CANNOT_START and ch not in CANNOT_END]
    if len(lines) >= 2 and len(lines[-2]) >= 2 and len(last) == 1:
        moved = lines[-2].pop()
        if measure("".join([moved, *lines[-1]]).rstrip()) <= width:
            lines[-1].insert(0, moved)
        else:
            lines[-2].append(moved)
    return ["".join(line).rstrip() for line in lines]


def break_text(text: str, width: float, measure: Measure) -> list[str]:
    """A cell's text (newlines kept as breaks) broken into lines no wider than `width`."""
    return [line for paragraph in text.split("\n") for line in break_line(paragraph, width, measure)]


def widest_piece(text: str, measure: Measure) -> float:
    """The width of the widest piece that may not be broken (for choosing column widths)."""
    return max((measure(piece.rstrip()) for line in text.split("\n") for piece in tokens(line)), default=0.0)


def em_measure(size: float) -> Measure:
    """An estimate without a font: full-width characters 1 em, the others half an em."""
    def measure(text: str) -> float:
        return sum(size if unicodedata.east_asian_width(ch) in ("W", "F") else size / 2 for ch in text)
    return measure
