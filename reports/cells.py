"""Small cell constructors and label tables used by every form layout in reports/."""
from __future__ import annotations

from model.form import HEADER_LABELS
from reports.layout import Cell, Fmt, Number

# The header labels live in one table (model/form.py), shared with the editor; this name is kept
# for blocks.py, which looks keys up here after HEADER_LABELS.
EXTRA_HEADER_LABELS: dict[str, str] = HEADER_LABELS


def head(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    """A column heading."""
    return Cell(text=text, style="head", colspan=colspan, rowspan=rowspan)


def label(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    """A row label of the header or funds block."""
    return Cell(text=text, style="label", colspan=colspan, rowspan=rowspan)


def text(value: str | None, colspan: int = 1, rowspan: int = 1, align: str | None = None) -> Cell:
    """Free text as written on the form (None prints as an empty cell)."""
    return Cell(text=value or "", colspan=colspan, rowspan=rowspan, align=align)  # type: ignore[arg-type]


def num(value: Number | None, fmt: Fmt, colspan: int = 1, style: str = "num") -> Cell:
    """A number cell; None prints empty so a blank on the form stays blank."""
    return Cell(value=value, fmt=fmt, colspan=colspan, style=style)  # type: ignore[arg-type]


def dash(colspan: int = 1) -> Cell:
    """A cell that the official form fills with a dash (not applicable)."""
    return Cell(text="—", colspan=colspan, align="center")


def spans(total: int, parts: int) -> list[int]:
    """Split `total` grid columns among `parts` cells as evenly as possible (wider ones first).

    Args:
        total: grid columns available.
        parts: cells to place (at least 1, at most `total`).

    Returns:
        The colspan of each cell; they add up to `total`.
    """
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def fill_date(value: str | None) -> str:
    """Print an ISO date as the forms write it: 2024-10-10 → 2024.10.10."""
    return (value or "").replace("-", ".")
