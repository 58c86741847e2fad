"""Sign-off in the window: sign through the dialog, the locked banner and editors, unlock with a reason,
签字后被修改 shown, 历史版本 comparing revisions field by field, the bureau's state filter."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QPushButton

from model.signoff import sign
from model.store import Store
from model.tree import leaves
from tests.conftest import make_sample_form
from tests.ui.fake_scoring import fake_evaluate
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.signoff_view import LOCKED_BANNER, SignDialog, UnlockDialog

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")]


@pytest.fixture
def window(sample_window: MainWindow) -> MainWindow:
    """The sample form open in the window (tests/ui/conftest.py)."""
    return sample_window


def _sign_through_dialog(window: MainWindow, monkeypatch: pytest.MonkeyPatch, role: str, name: str,
                         date: str) -> None:
    def fill(dialog: SignDialog) -> int:
        assert dialog.role.currentText() == role  # the dialog proposes the next signer
        dialog.name.setText(name)
        dialog.date.setDate(dialog.date.date().fromString(date, "yyyy-MM-dd"))
        return 1
    monkeypatch.setattr(SignDialog, "exec", fill)
    window.sign_action.trigger()


def _unlock_through_dialog(window: MainWindow, monkeypatch: pytest.MonkeyPatch, reason: str) -> None:
    def fill(dialog: UnlockDialog) -> int:
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        assert not ok.isEnabled()  # no reason, no unlock
        dialog.reason.setPlainText(reason)
        assert ok.isEnabled()
        return 1
    monkeypatch.setattr(UnlockDialog, "exec", fill)
    window.unlock_action.trigger()


def _actual(window: MainWindow, name: str = "康复训练人数") -> str | None:
    assert window.session is not None
    return next(leaf for leaf in leaves(window.session.form) if leaf.name == name).actual


def test_sign_lock_unlock_and_history_in_the_window(window: MainWindow, memory_store: Store,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert window.signoff_banner.isHidden()  # a plain draft has no banner
    assert window.session is not None and window.session.form.id is not None
    form_id = window.session.form.id

    _sign_through_dialog(window, monkeypatch, "填表人", "张明", "2024-03-01")  # the header's 填表人
    assert "待审核" in window.signoff_banner.label.text()
    _sign_through_dialog(window, monkeypatch, "审核人", "王小芳", "2024-03-02")
    assert window.signoff_banner.isVisible()
    assert window.signoff_banner.label.text().startswith(LOCKED_BANNER)
    assert "审核人 王小芳（2024-03-02）" in window.signoff_banner.label.text()
    assert window.statusBar().currentMessage() == "已签字（审核人）。表格状态：已审核。"

    # Locked: every editor is off, and a command that gets through changes nothing.
    editor = window.editor
    assert editor is not None and editor.tree_view is not None
    assert editor.tree_view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert all(edit.isReadOnly() for edit in editor.header_editor.findChildren(QLineEdit))
    assert not any(b.isEnabled() for b in editor.findChildren(QPushButton))
    from ui.editing.commands import EditFieldCommand

    leaf = next(leaf for leaf in leaves(window.session.form) if leaf.name == "康复训练人数")
    revision = memory_store.revision(form_id)
    window.session.push(EditFieldCommand(window.session, "node", (leaf.id, "actual"), "85人", "修改"))
    assert _actual(window) == "80人" and memory_store.revision(form_id) == revision
    assert "已锁定" in window.statusBar().currentMessage()

    _unlock_through_dialog(window, monkeypatch, "审核发现人数填错")
    assert window.signoff_banner.isHidden()
    assert window.editor is not None and window.editor.tree_view is not None
    assert window.editor.tree_view.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
    leaf = next(leaf for leaf in leaves(window.session.form) if leaf.name == "康复训练人数")
    window.session.push(EditFieldCommand(window.session, "node", (leaf.id, "actual"), "85人", "修改"))
    assert _actual(window) == "85人"
    assert window.signoff_banner.label.text().startswith("签字后被修改")

    from ui.history_dialog import HistoryDialog

    dialog = HistoryDialog(memory_store, form_id, window)
    reasons = [dialog.list.topLevelItem(i).text(2) for i in range(dialog.list.topLevelItemCount())]
    assert reasons == ["解锁前（已签字的一版）", "审核人签字前", "填表人签字前"]
    signed = dialog.entry_ids()[0]  # the locked revision, kept when the unlock replaced it
    assert dialog.compare(signed).endswith("年度总体目标 / 产出指标 / 数量指标 / 康复训练人数：实际完成值 80人 → 85人")
    assert "内容相同" in dialog.compare(dialog.entry_ids()[2], signed)  # signing changed no content
    assert dialog.signing.toPlainText().splitlines() == [
        "2024-03-01 填表人 张明 签字", "2024-03-02 审核人 王小芳 签字",
        f"{memory_store.clock().date().isoformat()} 解锁（原因：审核发现人数填错）"]
    dialog.close()


def test_a_refused_signature_says_why_and_changes_nothing(window: MainWindow, memory_store: Store,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr("ui.messages.show_error", lambda _parent, text, *_a, **_k: shown.append(text))

    def as_reviewer(dialog: SignDialog) -> int:
        dialog.role.setCurrentText("审核人")
        dialog.name.setText("王小芳")
        return 1
    monkeypatch.setattr(SignDialog, "exec", as_reviewer)
    assert window.session is not None
    form_id, body = window.session.form.id, memory_store.load_body(str(window.session.form.id))
    window.sign_action.trigger()
    assert shown and "填表人还没有签字" in shown[0]
    assert memory_store.load_body(str(form_id)) == body
    assert window.session is not None and window.session.form.id == form_id  # reopened


def test_a_form_changed_outside_after_signing_opens_locked_and_marked(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                      memory_store: Store) -> None:
    form = make_sample_form()
    sign(form, "填表人", "李小明", "2024-03-01")
    sign(form, "审核人", "王小芳", "2024-03-02")
    next(leaf for leaf in leaves(form) if leaf.name == "培训班期数").actual = "3期"  # edited outside
    form_id = memory_store.add(form)
    window = MainWindow(memory_store, UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)),
                        evaluator=fake_evaluate)
    qtbot.addWidget(window)
    window.open_form(form_id)
    window.show()
    assert window.signoff_banner.label.text().startswith("签字后被修改：已审核的表格内容与签字时不一致")
    assert window.session is not None and window.session.locked


def test_bureau_view_filters_on_the_state(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    from ui.bureau_view import BureauView

    signed = make_sample_form()
    sign(signed, "填表人", "李小明", "2024-03-01")
    sign(signed, "审核人", "王小芳", "2024-03-02")
    memory_store.add(signed)
    memory_store.add(make_sample_form())
    view = BureauView(None, memory_store)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 2
    assert "签字状态：草稿 1 张，已审核 1 张" in view.status.text()
    assert "合计（万元）：全年预算数 80.00、全年执行数 60.00，执行率 75.00%" in view.status.text()
    view.state_filter.setCurrentText("已审核")
    assert [r.state for r in view.visible_rows()] == ["已审核"]
    view.state_filter.setCurrentText("草稿")
    assert [r.state for r in view.visible_rows()] == ["草稿"]
    view.state_filter.setCurrentText("全部状态")
    assert view.model.rowCount() == 2
