"""Registers the bundled CJK font at start-up so Chinese never renders as empty boxes."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from resources import fonts_dir

# Preferred families when the system has them (Windows first), before the bundled one.
_SYSTEM_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "SimSun", "WenQuanYi Micro Hei", "Noto Sans CJK SC")


def register_bundled_fonts(folder: Path | None = None) -> list[str]:
    """Add every *.ttf/*.ttc/*.otf in resources/fonts to Qt; returns the families added."""
    folder = folder or fonts_dir()
    families: list[str] = []
    if not folder.is_dir():
        return families
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in (".ttf", ".ttc", ".otf"):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def apply_ui_font(app: QApplication, bundled: list[str]) -> str:
    """Use a system CJK family when present, else the bundled one; returns the family chosen."""
    available = set(QFontDatabase.families())
    choice = next((f for f in _SYSTEM_FAMILIES if f in available), None) or (bundled[0] if bundled else "")
    if choice:
        font = QFont(app.font())
        font.setFamilies([choice, *bundled])
        app.setFont(font)
    return choice
