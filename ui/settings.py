"""Typed accessors for the window's preferences (QSettings): geometry, splitters, folders, data folder.

Keys are lower_snake and their defaults live here only. Domain data (unit defaults, default
profile) is kept in the database through `UnitDefaults`, so it travels with the data folder.
"""
from __future__ import annotations

import hashlib

from dataclasses import dataclass, fields
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from model.store import Store

SETTINGS_VERSION = 1


class UiSettings:
    """Preferences of this user on this PC; pass a QSettings (tests use an ini file in tmp_path)."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._s = qsettings if qsettings is not None else QSettings()
        if self._s.value("settings_version") is None:
            self._s.setValue("settings_version", SETTINGS_VERSION)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _str(self, key: str, default: str = "") -> str:
        value = self._s.value(key, default)
        return value if isinstance(value, str) else default

    @property
    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window_geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._s.setValue("window_geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window_state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._s.setValue("window_state", value)

    @property
    def splitter_state(self) -> QByteArray | None:
        return self._bytes("splitter_state")

    @splitter_state.setter
    def splitter_state(self, value: QByteArray) -> None:
        self._s.setValue("splitter_state", value)

    def last_form_id(self, data_dir: Path | None) -> str:
        """The form open at the last exit in this data folder (each folder remembers its own)."""
        return self._str(_per_folder("last_form_id", data_dir))

    def set_last_form_id(self, data_dir: Path | None, value: str) -> None:
        self._s.setValue(_per_folder("last_form_id", data_dir), value)

    @property
    def export_dir(self) -> Path | None:
        value = self._str("export_dir")
        return Path(value) if value else None

    @export_dir.setter
    def export_dir(self, value: Path) -> None:
        self._s.setValue("export_dir", str(value))

    def last_folder(self, key: str) -> Path | None:
        """The folder last used by one file chooser ("summary", "import", "package"…)."""
        value = self._str(f"folders/{key}")
        return Path(value) if value else None

    def set_last_folder(self, key: str, folder: Path) -> None:
        self._s.setValue(f"folders/{key}", str(folder))

    @property
    def data_dir(self) -> Path | None:
        """A data folder chosen in the settings dialog (None: the default one)."""
        value = self._str("data_dir")
        return Path(value) if value else None

    @data_dir.setter
    def data_dir(self, value: Path | None) -> None:
        self._s.setValue("data_dir", str(value) if value else "")

    def sync(self) -> None:
        self._s.sync()


@dataclass
class UnitDefaults:
    """What a new form's header starts with, and the profile new forms use (kept in the database)."""

    unit_name: str = ""
    leader: str = ""
    preparer: str = ""
    phone: str = ""
    default_profile: str = "central-2020"

    @classmethod
    def load(cls, store: Store) -> UnitDefaults:
        found = cls()
        for f in fields(cls):
            setattr(found, f.name, store.get_setting(f"defaults.{f.name}", getattr(found, f.name)))
        return found

    def save(self, store: Store) -> None:
        with store.db.atomic():
            for f in fields(self):
                store.set_setting(f"defaults.{f.name}", getattr(self, f.name))

    def header(self) -> dict[str, str]:
        """Header fields for a new form (the unit goes to 单位名称, 实施单位 and 主管部门 alike)."""
        return {"unit_name": self.unit_name, "implementing_unit": self.unit_name, "department": self.unit_name,
                "leader": self.leader, "preparer": self.preparer, "phone": self.phone}


def _per_folder(key: str, data_dir: Path | None) -> str:
    """A settings key of one data folder: the key plus a short digest of the folder's path."""
    if data_dir is None:
        return key
    digest = hashlib.sha1(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:12]
    return f"{key}_{digest}"
