"""Sign-off in the window: the banner over the open form, read-only editors, 签字… and 解锁… dialogs.

The rules live in model/signoff.py and the writes in ui/services/signoff.py; this module only shows
them. A locked form keeps every editor off (item views stop editing, text boxes turn read-only,
buttons and choices off) and the session refuses any command that slips through.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QDateEdit, QDialog,
                               QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QTabBar, QTextEdit, QVBoxLayout, QWidget)

from model.form import Form
from model.signoff import LEADER, MODIFIED, PENDING, PREPARER, REVIEWER, ROLES, Status
from model.store import Store
from ui.messages import ok_cancel
from ui.weak import weak_slot

LOCKED_BANNER = "已审核，内容已锁定"
_STYLES = {  # background, text colour
    "locked": ("#e8f5e9", "#1b5e20"),
    "pending": ("#fff8e1", "#6d4c00"),
    "modified": ("#ffebee", "#b71c1c"),
}


def banner_text(now: Status) -> tuple[str, str]:
    """(text, style key) of the banner; empty text for a plain draft (no banner)."""
    names = "；".join(f"{s.role} {s.name}（{s.date}）" for s in now.signatures)
    if now.modified:
        what = "已审核的表格" if now.locked else "签字后的表格" if now.signatures else "解锁后的表格"
        return (f"{MODIFIED}：{what}内容与签字时不一致（内容指纹不符）。可在“文件 → 历史版本…”查看改动。"
                + (f" 签字：{names}" if names else ""), "modified")
    if now.locked:
        return f"{LOCKED_BANNER}。{names}。如需修改，请点“解锁…”并写明原因。", "locked"
    if now.state == PENDING:
        return f"待审核：{names}。请审核人核对后签字（签字后内容锁定）。", "pending"
    return "", ""


class SignOffBanner(QFrame):
    """A coloured strip over the form: the state, who signed, and the 签字… / 解锁… buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signoff_banner")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.sign_button = QPushButton("签字…", self)
        self.unlock_button = QPushButton("解锁…", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.sign_button)
        layout.addWidget(self.unlock_button)

    def show_status(self, now: Status) -> None:
        """Show the banner for a state (hidden for a plain draft)."""
        text, style = banner_text(now)
        self.setVisible(bool(text))
        if not text:
            return
        background, colour = _STYLES[style]
        self.setStyleSheet(f"#signoff_banner {{ background: {background}; border: 1px solid {colour}; }}"
                           f"#signoff_banner QLabel {{ color: {colour}; font-weight: bold; }}")
        self.label.setText(text)
        self.unlock_button.setVisible(bool(now.signatures))
        self.sign_button.setVisible(not now.locked or all(s.role != LEADER for s in now.signatures))


def set_read_only(root: QWidget) -> None:
    """Turn every editor under `root` off; views and text stay readable, selectable and scrollable."""
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QAbstractItemView):
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            widget.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)):
            widget.setReadOnly(True)
        elif isinstance(widget, (QComboBox, QAbstractButton)) and not isinstance(widget.parent(), QTabBar):
            widget.setEnabled(False)


def role_default_name(form: Form, role: str) -> str:
    """The name a role's field suggests: 填表人 and 单位负责人 from the header, else empty."""
    key = {PREPARER: "preparer", LEADER: "leader"}.get(role)
    return form.header.get(key, "") if key else ""


def next_role(now: Status) -> str:
    """The role that signs next: 填表人, then 审核人, then 单位负责人."""
    if now.state == PENDING and not now.modified:
        return REVIEWER
    if now.locked:
        return LEADER
    return PREPARER


class SignDialog(QDialog):
    """签字: role, name (suggested from the header), date (today)."""

    def __init__(self, form: Form, now: Status, today: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("签字")
        self.form = form
        self.role = QComboBox(self)
        self.role.addItems(list(ROLES))
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("签字人姓名")
        self.date = QDateEdit(QDate.fromString(today, "yyyy-MM-dd"), self)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        note = QLabel("填表人签字后表格待审核；审核人签字后内容锁定，打印不再带“草稿”。"
                      "签字记录和内容指纹保存在表格文件中：在共用电脑上可防止误改、发现改动，但不能代替手写签名和盖章。", self)
        note.setWordWrap(True)
        form_layout = QFormLayout()
        form_layout.addRow("签字身份", self.role)
        form_layout.addRow("姓名", self.name)
        form_layout.addRow("日期", self.date)
        layout = QVBoxLayout(self)
        layout.addLayout(form_layout)
        layout.addWidget(note)
        layout.addWidget(ok_cancel(self, "签字"))
        self._form = form
        self.role.currentTextChanged.connect(weak_slot(self._role_chosen, take=1))
        self.role.setCurrentText(next_role(now))
        self.name.setText(role_default_name(form, self.role.currentText()))
        self.resize(420, 0)

    def _role_chosen(self, role: str) -> None:
        self.name.setText(role_default_name(self._form, role))

    def values(self) -> tuple[str, str, str]:
        """(role, name, YYYY-MM-DD)."""
        return self.role.currentText(), self.name.text(), self.date.date().toString("yyyy-MM-dd")


class UnlockDialog(QDialog):
    """解锁: the reason (required); the form returns to 草稿 and must be signed again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("解锁")
        intro = QLabel("解锁后表格回到草稿，可以修改；原来的签字保留在签字记录中，修改后需要重新签字。"
                       "请写明解锁原因（会记录在表格中，财政局也能看到）：", self)
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText("例如：审核发现培训人数填错")
        self.reason.setFixedHeight(72)
        self.buttons = ok_cancel(self, "解锁")
        ok = self.buttons.button(self.buttons.StandardButton.Ok)
        ok.setEnabled(False)
        self.reason.textChanged.connect(weak_slot(self._reason_changed))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.resize(440, 0)

    def _reason_changed(self) -> None:
        ok = self.buttons.button(self.buttons.StandardButton.Ok)
        ok.setEnabled(bool(self.reason.toPlainText().strip()))


# A write for MainWindow._write_open_form: (form id → new state label, message with {label}).
Write = tuple[Callable[[str], str], str]


def ask_signing(parent: QWidget, form: Form, store: Store) -> Write | None:
    """Ask who signs (SignDialog); the write to run with the form's session closed, or None."""
    from model.signoff import status
    from ui.services.signoff import sign_form, today

    dialog = SignDialog(form, status(form), today(store), parent)
    if not dialog.exec():
        return None
    role, name, date = dialog.values()
    return (lambda form_id: sign_form(store, form_id, role, name, date).label,
            f"已签字（{role}）。表格状态：{{label}}。")


def ask_unlock(parent: QWidget, store: Store) -> Write | None:
    """Ask the reason (UnlockDialog); the write to run with the form's session closed, or None."""
    from ui.services.signoff import unlock_form

    dialog = UnlockDialog(parent)
    if not dialog.exec():
        return None
    reason = dialog.reason.toPlainText()
    return (lambda form_id: unlock_form(store, form_id, reason).label,
            "已解锁，表格回到{label}；原签字保留在签字记录中，修改后请重新签字。")


def history_lines(form: Form) -> list[str]:
    """The sign-off history as lines for 历史版本 (oldest first)."""
    from model.signoff import event_text

    return [event_text(e) for e in (form.signoff.history if form.signoff else [])]

