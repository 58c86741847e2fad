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
    # Installed last, so asked first: the few file-chooser texts the catalogue leaves English.
    app.installTranslator(_Supplement(translator))
    return translator


# Qt's file chooser texts that qtbase_zh_CN (Qt 6) does not translate ("Look in:" showed in English).
SUPPLEMENT: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Look in:"): "查找范围：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Files of type:"): "文件类型：",
    ("QFileDialog", "Back"): "后退",
    ("QFileDialog", "Forward"): "前进",
    ("QFileDialog", "Parent Directory"): "上一级文件夹",
    ("QFileDialog", "Create New Folder"): "新建文件夹",
    ("QFileDialog", "List View"): "列表",
    ("QFileDialog", "Detail View"): "详细信息",
    ("QFileDialog", "Sidebar"): "侧边栏",
    ("QFileDialog", "Files"): "文件",
}


class _Supplement(QTranslator):
    """Chinese for the SUPPLEMENT texts; everything else falls through to Qt's catalogue."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None is Qt's null string: "no translation here", so the catalogue is asked next.
        return SUPPLEMENT.get((context, source))

    def isEmpty(self) -> bool:
        return False
