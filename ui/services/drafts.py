"""The text of a cell being typed, kept as a draft file so a crash does not lose it.

    DraftFile(folder).save(Draft(...))   written atomically, every couple of seconds while typing
    DraftFile(folder).load() -> Draft | None
    DraftFile(folder).clear()            when the cell is confirmed or the program closes normally

Everything else is saved per keystroke already; only an open cell editor held text nowhere else.
A damaged draft file is ignored (and removed): it can only ever hold one cell's text.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from model.atomic import write_atomic

FILE_NAME = "editing-draft.json"


@dataclass(frozen=True)
class Draft:
    """One cell's unconfirmed text: which form, which row and field. The row is its position path
    (goal, then child indexes): node ids are numbered afresh each time a form is loaded."""

    form_id: str
    row: tuple[int, ...]
    field: str
    text: str
    place: str = ""  # the row's name and column, to show when offering it back


class DraftFile:
    """The draft file in the data folder."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        self._last: Draft | None = None

    def save(self, draft: Draft) -> None:
        """Keep the draft (nothing is written when it did not change since the last save)."""
        if draft == self._last:
            return
        try:
            data = asdict(draft)
            data["row"] = list(draft.row)
            write_atomic(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except OSError:
            return  # a full disk must not interrupt typing; the form itself is saved elsewhere
        self._last = draft

    def load(self) -> Draft | None:
        """The draft left by a crash, or None."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return Draft(str(data["form_id"]), tuple(int(i) for i in data["row"]), str(data["field"]),
                         str(data["text"]), str(data.get("place", "")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            self.clear()
            return None

    def clear(self) -> None:
        """Forget the draft (the cell was confirmed, or the program closed normally)."""
        self._last = None
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass
