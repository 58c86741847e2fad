"""Qt's built-in texts in Chinese (walk-through: the 导出交换包 dialog had an English "Cancel")."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox

from ui.translations import install_chinese_translations


def test_standard_buttons_and_text_menus_read_chinese(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    translator = install_chinese_translations(qapp)
    assert translator is not None, "qtbase_zh_CN.qm is missing from PySide6's translations folder"
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        texts = {box.button(b).text().replace("&", "") for b in (QDialogButtonBox.StandardButton.Ok,
                                                                  QDialogButtonBox.StandardButton.Cancel)}
        assert "Cancel" not in " ".join(texts)
        assert any("取消" in t for t in texts)
        # The right-click menu of every text field (QLineEdit/QPlainTextEdit) comes from the same catalogue.
        assert QCoreApplication.translate("QLineEdit", "Select All") != "Select All"
    finally:
        qapp.removeTranslator(translator)


def test_the_file_chooser_has_no_english(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue #15 point 10: “Look in”, “File name”… showed in Qt's own file chooser."""
    from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

    translator = install_chinese_translations(qapp)
    assert translator is not None
    try:
        dialog = QFileDialog(None, "选择文件")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        qtbot.addWidget(dialog)
        from PySide6.QtWidgets import QToolButton

        texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton)]
        texts += [w.toolTip() for w in dialog.findChildren(QToolButton)]
        visible = " ".join(t for t in texts if t)
        for english in ("Look in", "File name", "Files of type", "Open", "Cancel", "Back", "Forward", "Parent",
                        "New Folder", "List View", "Detail View"):
            assert english not in visible, visible
        assert "查看" in visible or "文件名" in visible
    finally:
        qapp.removeTranslator(translator)
