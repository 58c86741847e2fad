"""Window preferences that belong to one data folder are kept per folder."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from ui.settings import UiSettings


def test_last_form_is_remembered_per_data_folder(tmp_path: Path) -> None:
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    first, second = tmp_path / "单位甲", tmp_path / "财政局"
    settings.set_last_form_id(first, "aaaa")
    settings.set_last_form_id(second, "bbbb")
    assert settings.last_form_id(first) == "aaaa"
    assert settings.last_form_id(second) == "bbbb"
    assert settings.last_form_id(tmp_path / "新文件夹") == ""
