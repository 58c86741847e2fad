"""Qt's own Chinese texts (standard buttons such as 取消/确定, the right-click menu of text fields,
file dialogs), loaded from the qtbase_zh_CN catalogue that ships with PySide6 and the installer.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

CATALOGUE = "qtbase_zh_CN"


def install_chinese_translations(app: QCoreApplication) -> QTranslator | None:
    """Install Qt's Chinese catalogue into the app; returns the translator (None when it is missing).

    Without it Qt's built-in texts stay English ("Cancel", "Copy", "Select All") in a Chinese program.
    The caller keeps the returned object alive (a translator that is garbage-collected stops working).
    """
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(CATALOGUE, folder):
        return None
    app.installTranslator(translator)
    return translator
