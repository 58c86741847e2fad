"""The SQLite store: forms, their history and settings, through sqlite-utils.

SQL lives in model/ only: here, in migrations.py (schema upgrades) and in backup.py (copies and
integrity checks); nothing outside model/ touches the database.

One file per user (WAL, synchronous=FULL so a power cut loses no committed edit). Each form is
kept as its `jixiao.form/1` document plus the columns needed to list and search it; every save
is one transaction that bumps the form's revision.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from model import backup, migrations
from model.codec import dumps_form, loads_form
from model.datadir import backups_dir, database_path
from model.errors import DatabaseDamaged, FormFileError, StaleRevision, StoreError, os_reason
from model.form import Form
from model.tree import walk

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True)
class FormSummary:
    """What the navigator and the command line list about a form, without loading it."""

    id: str
    kind: str
    year: int
    unit: str
    title: str
    project: str
    profile: str
    revision: int
    updated_at: str


@dataclass(frozen=True)
class HistoryEntry:
    """One earlier revision kept in form_history; `id` tells apart entries with the same revision."""

    id: int
    form_id: str
    revision: int
    saved_at: str
    reason: str


DELETED = "deleted"  # the history reason of a form's last revision when it was deleted


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# How long a write waits for another program instance (a second window, the command line) that
# is writing the same database, before the user is told to try again.
BUSY_TIMEOUT_MS = 5000

BUSY_MESSAGE = ("数据库正被另一个绩效自评助手窗口或命令行占用（它正在写入），本次操作没有完成，数据未改动。"
                "请稍候几秒再试；如果一直如此，请关闭其他绩效自评助手窗口后重试。")


class _Database(Database):
    """sqlite-utils' Database whose outermost transaction takes the write lock at BEGIN.

    A plain (deferred) BEGIN reads first and upgrades to a write later; in WAL mode that upgrade
    fails at once with "database is locked", without waiting, whenever another instance wrote in
    between. BEGIN IMMEDIATE waits up to BUSY_TIMEOUT_MS for the lock instead, and a timeout
    becomes a Chinese StoreError that changed nothing.
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic() as db:  # a savepoint inside our transaction
                yield db
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _busy_or(exc) from None
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException as exc:
            self.rollback()
            if isinstance(exc, sqlite3.OperationalError):
                raise _busy_or(exc) from None
            raise


def _busy_or(exc: sqlite3.OperationalError) -> Exception:
    """A Chinese StoreError for a lock held by another instance; any other error unchanged."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError(BUSY_MESSAGE)
    return exc


def connect(path: Path | None) -> Database:
    """Open a database file (or memory when path is None) with the project's pragmas."""
    db = _Database(memory=True) if path is None else _Database(path)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    db.conn.isolation_level = None  # transactions only through db.atomic()
    if path is not None:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=ON")
    return db


def _search_text(form: Form) -> str:
    parts = [form.display_title, form.unit, str(form.year), *form.header.values()]
    for goal, node, _depth, _path in walk(form):
        parts.append(node.name)
    parts.extend(g.title for g in form.goals)
    return "\n".join(p for p in parts if p).lower()


class Store:
    """Forms, their revisions and history, and a few settings, in one database."""

    def __init__(self, db: Database, path: Path | None = None, clock: Clock = _now) -> None:
        self.db = db
        self.path = path
        self.clock = clock
        # A Chinese message when open() could not make today's backup (shown, never fatal).
        self.backup_warning: str | None = None

    @classmethod
    def memory(cls, clock: Clock = _now) -> Store:
        """A migrated in-memory store (tests, dry runs)."""
        db = connect(None)
        migrations.migrate(db)
        return cls(db, None, clock)

    @classmethod
    def open(cls, data_dir: Path, clock: Clock = _now) -> Store:
        """Open (or create) the database of a data folder: check, back up, migrate.

        Args:
            data_dir: the data folder; created if missing.
            clock: the time source for timestamps and backup names.

        Returns:
            The open store. Raises DatabaseDamaged (with the newest good backup) when the
            integrity check fails, DatabaseTooNew when a newer program wrote the file.
        """
        data_dir = Path(data_dir)
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"无法创建数据文件夹“{data_dir}”（{os_reason(exc)}）。"
                             "请检查该位置是否可写，或用 --data-dir 指定其他文件夹。") from None
        path = database_path(data_dir)
        existed = path.is_file() and path.stat().st_size > 0
        try:
            db = connect(path)
            if existed:
                _check_integrity(db, path, backups_dir(data_dir))
            version = migrations.check_not_newer(db)
        except sqlite3.DatabaseError as exc:
            raise _open_error(path, exc, backups_dir(data_dir)) from None
        store = cls(db, path, clock)
        try:
            if existed and version < migrations.SCHEMA_VERSION:
                backup.make_backup(db.conn, backups_dir(data_dir), clock(), "migration")
            migrations.migrate(db)
        except (OSError, sqlite3.Error) as exc:
            db.close()
            raise StoreError(f"数据库“{path}”需要升级，但升级前的备份或升级本身没有成功（{_reason(exc)}），"
                             "数据库保持原样未改动。请确认数据文件夹可写、磁盘有足够空间后重新打开。") from None
        try:
            store.daily_backup()
        except (OSError, sqlite3.Error) as exc:
            # A failed daily backup must not lock the user out of the data: open, and say so.
            store.backup_warning = (f"今天的自动备份没有成功（{_reason(exc)}），数据本身未受影响。"
                                    f"请确认备份文件夹“{backups_dir(data_dir)}”可写、磁盘有足够空间。")
        return store

    @classmethod
    def snapshot(cls, data_dir: Path, clock: Clock = _now) -> Store:
        """An in-memory, migrated copy of a data folder's database, or an empty store when it has
        none: a dry run plans against it and creates, backs up and changes nothing on disk."""
        path = database_path(Path(data_dir))
        if not path.is_file():
            return cls.memory(clock)
        db = connect(None)
        try:
            # Without a -wal file nobody has the database open: read it as an immutable file, which
            # creates no -wal/-shm beside it. With one, a plain read-only open uses the files there.
            live = Path(f"{path}-wal").exists()
            source = sqlite3.connect(f"{path.as_uri()}?mode=ro{'' if live else '&immutable=1'}", uri=True)
            try:
                source.backup(db.conn)  # the whole database, as one consistent snapshot
            finally:
                source.close()
            migrations.check_not_newer(db)
            migrations.migrate(db)
        except sqlite3.DatabaseError as exc:
            db.close()
            raise _open_error(path, exc, backups_dir(Path(data_dir))) from None
        return cls(db, None, clock)

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed by SQLite)."""
        self.db.close()

    # -- backups ---------------------------------------------------------------------------------

    def daily_backup(self) -> Path | None:
        """Make today's backup unless one exists; returns its path or None."""
        if self.path is None:
            return None
        folder = backups_dir(self.path.parent)
        now = self.clock()
        if backup.backed_up_on(folder, now.date()):
            return None
        return backup.make_backup(self.db.conn, folder, now, "daily")

    def backup_now(self) -> Path:
        """Make a backup at once (the settings dialog's button)."""
        if self.path is None:
            raise StoreError("内存数据库无法备份")
        return backup.make_backup(self.db.conn, backups_dir(self.path.parent), self.clock(), "manual")

    # -- forms -----------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        """Whether no form is stored."""
        return int(self.db.execute("SELECT COUNT(*) FROM forms").fetchone()[0]) == 0

    def list_forms(self, query: str = "", unit: str | None = None,
                   year: int | None = None) -> list[FormSummary]:
        """Forms ordered by unit, year (newest first) and title; `query` matches any word.

        Args:
            query: words separated by spaces; a form matches when every word is in its title,
                unit, header or indicator names (case-insensitive).
            unit: only this unit; year: only this year.
        """
        sql = ("SELECT id, kind, year, unit, title, project, profile, revision, updated_at FROM forms"
               " WHERE 1=1")
        params: list[object] = []
        for word in query.lower().split():
            sql += " AND instr(search, ?) > 0"
            params.append(word)
        if unit is not None:
            sql += " AND unit = ?"
            params.append(unit)
        if year is not None:
            sql += " AND year = ?"
            params.append(year)
        sql += " ORDER BY unit, year DESC, title, id"
        return [FormSummary(*row) for row in self.db.execute(sql, params).fetchall()]

    def revision(self, form_id: str) -> int | None:
        """The stored revision of a form, or None when it is not stored."""
        row = self.db.execute("SELECT revision FROM forms WHERE id = ?", [form_id]).fetchone()
        return None if row is None else int(row[0])

    def owner(self, form_id: str) -> tuple[str, str] | None:
        """The stored (unit, kind) of a form, or None when it is not stored."""
        row = self.db.execute("SELECT unit, kind FROM forms WHERE id = ?", [form_id]).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def load(self, form_id: str) -> Form:
        """Load a form by id; raises StoreError when there is none."""
        row = self.db.execute("SELECT body FROM forms WHERE id = ?", [form_id]).fetchone()
        if row is None:
            raise StoreError(f"找不到编号为 {form_id} 的表格，它可能已被删除。请在左侧列表中重新选择。")
        return loads_form(row[0], f"数据库中的表格 {form_id}", strict=False)

    def load_each(self, ids: list[str]) -> tuple[list[Form], list[tuple[str, str]]]:
        """Load several forms; one that cannot be read never stops the others.

        Returns:
            The forms read (in order) and, for each one that could not be, (its id, the Chinese reason).
        """
        forms: list[Form] = []
        unreadable: list[tuple[str, str]] = []
        for form_id in ids:
            try:
                forms.append(self.load(form_id))
            except (FormFileError, StoreError) as exc:
                unreadable.append((form_id, str(exc)))
        return forms, unreadable

    def load_body(self, form_id: str) -> str:
        """The stored JSON text of a form (exports copy it verbatim)."""
        row = self.db.execute("SELECT body FROM forms WHERE id = ?", [form_id]).fetchone()
        if row is None:
            raise StoreError(f"找不到编号为 {form_id} 的表格。")
        return str(row[0])

    def add(self, form: Form) -> str:
        """Store a new form (assigning an id when it has none); returns its id."""
        if not form.id:
            form.id = str(uuid.uuid4())
        if self.revision(form.id) is not None:
            raise StoreError(f"表格 {form.id} 已存在，不能重复添加。")
        with self.db.atomic():
            self._write(form, 1, insert=True)
        return form.id

    def load_with_revision(self, form_id: str) -> tuple[Form, int]:
        """A form and the revision it was read at, in one read (the base of the next save)."""
        row = self.db.execute("SELECT body, revision FROM forms WHERE id = ?", [form_id]).fetchone()
        if row is None:
            raise StoreError(f"找不到编号为 {form_id} 的表格，它可能已被删除。请在左侧列表中重新选择。")
        return loads_form(row[0], f"数据库中的表格 {form_id}", strict=False), int(row[1])

    def save(self, form: Form, base: int) -> int:
        """Save an edited form in one transaction; returns its new revision.

        Args:
            form: a stored form (see add), edited.
            base: the revision the edit started from. When another window, an import or the
                command line saved the form since, StaleRevision is raised and nothing is written:
                a later save never silently overwrites an earlier one.
        """
        if not form.id:
            raise StoreError("表格还没有编号，请先添加到数据库。")
        _refuse_locked_edit(form)
        with self.db.atomic():
            current = self.revision(form.id)
            if current is None:
                raise StaleRevision(f"表格 {form.id} 已被删除（可能是在另一个窗口中），本次修改没有保存。", None)
            if current != base:
                raise StaleRevision(
                    f"这张表格已被另一个窗口、导入或命令行改动（第 {base} 版之后已存为第 {current} 版），"
                    "为免覆盖别人的修改，本次修改没有保存。", current)
            self._write(form, current + 1, insert=False)
        return current + 1

    def put_revision(self, form: Form, revision: int, reason: str) -> None:
        """Insert or replace a form at a given revision, keeping the replaced one in history.

        Used by imports, which carry the sender's revision. Call inside `self.db.atomic()` to
        group several forms into one transaction.
        """
        assert form.id
        with self.db.atomic():
            row = self.db.execute("SELECT revision, body FROM forms WHERE id = ?", [form.id]).fetchone()
            if row is not None:
                self.db.execute(
                    "INSERT INTO form_history (form_id, revision, body, saved_at, reason) VALUES (?,?,?,?,?)",
                    [form.id, row[0], row[1], self.clock().isoformat(), reason])
            self._write(form, revision, insert=row is None)

    def save_keeping(self, form: Form, reason: str, base: int | None = None) -> int:
        """Save a form as its next revision, keeping the replaced one in history under `reason`.

        Signing and unlocking use it, so 历史版本 can compare the signed content with later ones.
        `base`, when given, is the revision the change started from: a later one stored since
        raises StaleRevision and nothing is written (as Store.save).
        """
        if not form.id:
            raise StoreError("表格还没有编号，请先添加到数据库。")
        with self.db.atomic():
            current = self.revision(form.id)
            if current is None:
                raise StoreError(f"找不到编号为 {form.id} 的表格，无法保存。")
            if base is not None and current != base:
                raise StaleRevision(f"这张表格已被另一个窗口、导入或命令行改动（第 {base} 版之后已存为第 {current} 版），"
                                    "本次签字或解锁没有保存。请重新打开表格后再做。", current)
            self.put_revision(form, current + 1, reason)
        return current + 1

    def history_entries(self, form_id: str) -> list[HistoryEntry]:
        """Earlier revisions kept for a form, newest first, with their entry ids."""
        return [HistoryEntry(*row) for row in self.db.execute(
            "SELECT id, form_id, revision, saved_at, reason FROM form_history WHERE form_id = ?"
            " ORDER BY id DESC", [form_id]).fetchall()]

    def history_body(self, entry_id: int) -> str:
        """The JSON text kept in one history entry."""
        row = self.db.execute("SELECT body FROM form_history WHERE id = ?", [entry_id]).fetchone()
        if row is None:
            raise StoreError(f"找不到历史版本记录 {entry_id}，它可能已被清理。请重新打开历史版本列表。")
        return str(row[0])

    def deleted_forms(self) -> list[HistoryEntry]:
        """The last entry of each form that was deleted and is not stored now, newest first."""
        rows = self.db.execute(
            "SELECT h.id, h.form_id, h.revision, h.saved_at, h.reason FROM form_history h"
            " WHERE h.id = (SELECT MAX(id) FROM form_history WHERE form_id = h.form_id)"
            " AND h.reason = ? AND h.form_id NOT IN (SELECT id FROM forms) ORDER BY h.id DESC",
            [DELETED]).fetchall()
        return [HistoryEntry(*row) for row in rows]

    def restore_entry(self, entry_id: int) -> int:
        """Put a history entry's body back as the form's next revision; returns that revision.

        The revision it replaces (if the form is stored) goes to history with reason
        "恢复第N版", so a restore can itself be undone; a deleted form comes back under its id.
        """
        with self.db.atomic():
            row = self.db.execute("SELECT form_id, revision, body FROM form_history WHERE id = ?",
                                  [entry_id]).fetchone()
            if row is None:
                raise StoreError(f"找不到历史版本记录 {entry_id}，它可能已被清理。请重新打开历史版本列表。")
            form_id, old_revision, body = str(row[0]), int(row[1]), str(row[2])
            _refuse_locked_restore(self, form_id)
            form = loads_form(body, f"表格 {form_id} 的第 {old_revision} 版", strict=False)
            form.id = form_id  # the row's id wins over whatever the kept document says
            # Above every revision the form ever had, so an exchange package never sees it as older.
            top = self.db.execute(
                "SELECT MAX(r) FROM (SELECT revision AS r FROM forms WHERE id = ?"
                " UNION ALL SELECT revision FROM form_history WHERE form_id = ?)",
                [form_id, form_id]).fetchone()[0]
            revision = int(top or 0) + 1
            self.put_revision(form, revision, f"恢复第{old_revision}版")
        return revision

    def delete(self, form_id: str) -> None:
        """Delete a form, keeping its last revision in history so it can be recovered."""
        with self.db.atomic():
            row = self.db.execute("SELECT revision, body FROM forms WHERE id = ?", [form_id]).fetchone()
            if row is None:
                return
            self.db.execute(
                "INSERT INTO form_history (form_id, revision, body, saved_at, reason) VALUES (?,?,?,?,?)",
                [form_id, row[0], row[1], self.clock().isoformat(), DELETED])
            self.db.execute("DELETE FROM forms WHERE id = ?", [form_id])

    def _write(self, form: Form, revision: int, insert: bool) -> None:
        now = self.clock().isoformat()
        values = {
            "kind": form.kind, "year": form.year, "unit": form.unit, "title": form.display_title,
            "project": form.header.get("project_name", ""), "profile": form.profile_name(),
            "revision": revision, "updated_at": now, "body": dumps_form(form),
            "search": _search_text(form),
        }
        if insert:
            values.update(id=form.id, created_at=now)
            cols = ", ".join(values)
            self.db.execute(f"INSERT INTO forms ({cols}) VALUES ({', '.join('?' * len(values))})",
                            list(values.values()))
        else:
            sets = ", ".join(f"{k} = ?" for k in values)
            self.db.execute(f"UPDATE forms SET {sets} WHERE id = ?", [*values.values(), form.id])

    # -- settings --------------------------------------------------------------------------------

    def get_setting(self, key: str, default: str = "") -> str:
        """A stored setting (unit defaults and the like)."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return default if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting."""
        with self.db.atomic():
            self.db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])


def _refuse_locked_edit(form: Form) -> None:
    """Every editor saves through Store.save: a 已审核 form whose content changed is refused here."""
    from model.signoff import LOCKED_FIX, LOCKED_MESSAGE, is_locked, status

    if is_locked(form) and status(form).modified:  # the fingerprint only for a locked form
        raise StoreError(f"{LOCKED_MESSAGE}，本次修改没有保存。{LOCKED_FIX}。")


def _refuse_locked_restore(store: Store, form_id: str) -> None:
    """Putting an earlier revision back would change a locked form's content: refused, like an edit."""
    from model.signoff import LOCKED_FIX, LOCKED_MESSAGE, is_locked

    if store.revision(form_id) is not None and is_locked(store.load(form_id)):
        raise StoreError(f"{LOCKED_MESSAGE}，不能恢复早先版本。{LOCKED_FIX}。")


def _reason(exc: BaseException) -> str:
    """A short Chinese cause for an OS or SQLite error (their own texts are English)."""
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno == 28 or "full" in text:
        return "磁盘空间已满"
    if isinstance(exc, PermissionError) or "readonly" in text or "read-only" in text:
        return "没有写入权限"
    if isinstance(exc, OSError):
        return "无法写入该位置"
    return "数据库无法写入"


def _open_error(path: Path, exc: sqlite3.DatabaseError, folder: Path) -> StoreError:
    """The Chinese error for a database file that SQLite cannot open or read."""
    text = str(exc).lower()
    if "readonly" in text or "unable to open" in text or path.is_dir():
        # Not damage: the file or its folder cannot be written (SQLite's WAL needs both).
        return StoreError(f"无法打开数据库“{path}”：该位置不可写，或不是一个文件。"
                          "请确认数据文件夹不是只读的（例如光盘、写保护的U盘），"
                          "或用 --data-dir 指定其他文件夹。")
    return DatabaseDamaged(f"数据库文件“{path}”无法读取：它不是本程序的数据库，或已经损坏。",
                           backup.newest_good_backup(folder))


def _check_integrity(db: Database, path: Path, folder: Path) -> None:
    rows = db.execute("PRAGMA integrity_check").fetchall()
    if rows != [("ok",)]:
        db.close()
        raise DatabaseDamaged(
            f"数据库文件“{path}”已损坏（完整性检查未通过）。", backup.newest_good_backup(folder))


def restore_backup(data_dir: Path, source: Path, clock: Clock = _now, reason: str = "damaged") -> Path:
    """Replace the database of a data folder by a backup, keeping the current file aside.

    The store on this folder must be closed. The backup is first copied next to the database, so
    a failed copy (disk full) leaves the current database untouched; a failed swap puts it back.

    Args:
        reason: the word in the aside name, e.g. "damaged" or "before-restore".

    Returns:
        Where the current file was moved (`jixiao.sqlite3.<reason>-<time>`). Raises StoreError,
        with everything as it was, when the backup is unusable or the files cannot be swapped.
    """
    path = database_path(data_dir)
    if not backup.is_healthy(source):
        raise StoreError(f"备份文件“{source.name}”无法读取或已损坏，没有用它恢复，当前数据库保持不变。"
                         "请选择另一份备份。")
    aside = path.with_name(f"{path.name}.{reason}-{clock():%Y%m%d-%H%M%S}")
    staged = path.with_name(f"{path.name}.restoring")
    moved: list[tuple[Path, Path]] = []
    try:
        shutil.copyfile(source, staged)
        for suffix in ("", "-wal", "-shm"):
            p = Path(f"{path}{suffix}")
            if p.exists():
                p.replace(Path(f"{aside}{suffix}"))
                moved.append((Path(f"{aside}{suffix}"), p))
        staged.replace(path)
    except OSError as exc:
        for kept, original in reversed(moved):  # put the current database back as it was
            with contextlib.suppress(OSError):
                kept.replace(original)
        with contextlib.suppress(OSError):
            staged.unlink(missing_ok=True)
        raise StoreError(f"没能用备份“{source.name}”恢复（{_reason(exc)}），当前数据库保持不变。"
                         f"请确认数据文件夹“{path.parent}”可写、磁盘有足够空间后再试。") from None
    return aside


def undo_restore(data_dir: Path, aside: Path) -> None:
    """Put back the database that restore_backup moved aside (the restored copy is discarded)."""
    path = database_path(data_dir)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    for suffix in ("", "-wal", "-shm"):
        kept = Path(f"{aside}{suffix}")
        if kept.exists():
            kept.replace(Path(f"{path}{suffix}"))
