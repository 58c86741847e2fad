"""Errors the user can cause in the model layer, each with a Chinese message (what, where, fix)."""
from __future__ import annotations


class JixiaoError(Exception):
    """Base of the errors shown to the user; `str(err)` is the full Chinese message."""


class FormFileError(JixiaoError):
    """A form file that cannot be read: names the file, the key path, the problem and the fix."""

    def __init__(self, source: str, key_path: str, problem: str, fix: str) -> None:
        self.source = source
        self.key_path = key_path
        self.problem = problem
        self.fix = fix
        where = f"文件“{source}”" + (f"的 {key_path} 处" if key_path else "")
        super().__init__(f"{where}：{problem}。{fix}。")


class StoreError(JixiaoError):
    """The database cannot be used as asked (newer version, damaged, unknown form…)."""


class DatabaseTooNew(StoreError):
    """The database was written by a newer program version."""


class DatabaseDamaged(StoreError):
    """The integrity check failed; `backup` is the newest good backup, if any."""

    def __init__(self, message: str, backup: object | None) -> None:
        super().__init__(message)
        self.backup = backup


class TreeError(JixiaoError):
    """A tree operation that would break the form's structure (e.g. a fourth level)."""
