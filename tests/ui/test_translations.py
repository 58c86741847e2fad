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
