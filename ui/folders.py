"""Where file choosers start: the folder last used for that purpose, else the user's documents
(never the program's own folder, never a file name such as "Documents" typed into the box).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from ui.settings import UiSettings


def documents() -> Path:
    """The user's documents folder (我的文档) when it exists, else the home folder.

    Qt names ~/Documents even where it was never made; a file chooser started in a missing folder
    types its name into the file-name box, and that box's completer pop-up then swallows clicks.
    """
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def start_folder(settings: UiSettings | None, key: str, fallback: Path | None = None) -> Path:
    """The last folder used for `key` when it still exists, else `fallback`, else the documents."""
    last = settings.last_folder(key) if settings is not None else None
    if last is not None and last.is_dir():
        return last
    return fallback if fallback is not None else documents()


def remember(settings: UiSettings | None, key: str, chosen: Path) -> None:
    """Remember the folder of a chosen file (or a chosen folder) for the next chooser of `key`."""
    if settings is not None:
        settings.set_last_folder(key, chosen if chosen.is_dir() else chosen.parent)


def export_folder(settings: UiSettings) -> Path:
    """Where exports and reports go unless the user chose another folder: 我的文档/绩效自评导出."""
    return settings.export_dir or documents() / "绩效自评导出"


def nearest_existing(folder: str | Path) -> str:
    """`folder` if it exists, else its nearest existing parent, else the documents: where a chooser
    may start (an export folder not made yet would otherwise be typed into the name box, as above)."""
    path = Path(folder) if str(folder) else documents()
    while not path.is_dir() and path != path.parent:
        path = path.parent
    return str(path if path.is_dir() else documents())
