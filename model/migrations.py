"""Schema versions of the database: ordered steps, each run once, in its own transaction.

`PRAGMA user_version` holds the version reached. Released steps are never edited: a change to the
schema is a new step appended here, with a fixture database of the previous version in
tests/fixtures/db/ and a test that migrates it.
"""
from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from model.errors import DatabaseTooNew


def _v1_forms(db: Database) -> None:
    """Forms as JSON documents with the columns used to list and search them; settings."""
    db.execute("""
        CREATE TABLE forms (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            year INTEGER NOT NULL,
            unit TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            project TEXT NOT NULL DEFAULT '',
            profile TEXT NOT NULL DEFAULT '',
            revision INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            body TEXT NOT NULL,
            search TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX forms_unit_year ON forms(unit, year)")
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def _v2_history(db: Database) -> None:
    """Earlier revisions of a form kept when an import replaces it (USB exchange)."""
    db.execute("""
        CREATE TABLE form_history (
            id INTEGER PRIMARY KEY,
            form_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            body TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX form_history_form ON form_history(form_id, revision)")


def _v3_library(db: Database) -> None:
    """The user's own indicator-library entries (model/library.py), one JSON body per name and category."""
    db.execute("""
        CREATE TABLE library (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            level1 TEXT NOT NULL,
            level2 TEXT NOT NULL,
            body TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            UNIQUE (name, level1, level2)
        )""")


STEPS: list[Callable[[Database], None]] = [_v1_forms, _v2_history, _v3_library]
SCHEMA_VERSION = len(STEPS)


def user_version(db: Database) -> int:
    """The schema version recorded in the database file (0 for a new file)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def check_not_newer(db: Database) -> int:
    """Return the version, refusing a database written by a newer program."""
    version = user_version(db)
    if version > SCHEMA_VERSION:
        raise DatabaseTooNew(
            f"数据库由较新版本的绩效自评助手创建（数据格式第 {version} 版，本程序只认识到第 {SCHEMA_VERSION} 版）。"
            "为免损坏数据，本程序不会打开它。请安装最新版本的程序后再打开。")
    return version


def migrate(db: Database) -> list[int]:
    """Run the missing steps in order, each in one transaction with its version bump.

    Args:
        db: the database (autocommit mode, as sqlite-utils opens it).

    Returns:
        The versions reached, in order (empty when already current). A failing step rolls back
        and leaves the database at the previous version.
    """
    done = []
    for version in range(check_not_newer(db) + 1, SCHEMA_VERSION + 1):
        with db.atomic():
            # Another instance starting at the same moment may have run this step while we waited
            # for the write lock (the store's transactions take it at BEGIN): read the version again.
            if user_version(db) >= version:
                continue
            STEPS[version - 1](db)
            db.execute(f"PRAGMA user_version = {version:d}")
        done.append(version)
    return done
