"""Chinese message boxes: errors, confirmations and information, with Chinese button texts."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, detail: str = "") -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    if detail:
        box.setInformativeText(detail)
    return box


def show_error(parent: QWidget | None, text: str, detail: str = "", title: str = "出错了") -> None:
    """An error the user can act on: `text` says what and where, `detail` how to fix it."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text, detail)
    box.addButton("知道了", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def show_info(parent: QWidget | None, text: str, title: str = "提示") -> None:
    """A plain notice."""
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def confirm(parent: QWidget | None, text: str, yes: str = "确定", no: str = "取消", title: str = "请确认",
            detail: str = "") -> bool:
    """Ask a yes/no question; True when the user chose `yes`."""
    box = _box(parent, QMessageBox.Icon.Question, title, text, detail)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes_button


def ok_cancel(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    """The dialog's OK/取消 buttons, OK named for what it does (创建, 保存 …), wired to accept/reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
