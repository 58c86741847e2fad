"""Where the user's data lives: the per-user app-data folder, overridable for tests and portability.

Resolved once at start-up (main.py) and passed down; nothing here runs at import time.
"""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "JIXIAO_DATA_DIR"
DB_NAME = "jixiao.sqlite3"


def default_data_dir() -> Path:
    """`$JIXIAO_DATA_DIR` if set, else the per-user data folder (e.g. %LOCALAPPDATA%\\Jixiao)."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("Jixiao", appauthor=False, roaming=False))


def database_path(data_dir: Path) -> Path:
    """The database file inside a data folder."""
    return Path(data_dir) / DB_NAME


def backups_dir(data_dir: Path) -> Path:
    """The folder of automatic backups inside a data folder."""
    return Path(data_dir) / "backups"


# Held (QLockFile, ui/single_instance.py) while a window has the data folder open; the command line
# reads it to refuse a restore under an open window (ui/cli/backup.py).
LOCK_NAME = "jixiao.lock"
