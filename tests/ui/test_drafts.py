"""Issue #15 point 11: the text of a cell being typed is kept as a draft and offered back after a crash."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit

from model.store import Store
from tests.conftest import make_sample_form
from tests.ui.helpers import leaf_named
from ui.main_window import DRAFT_INTERVAL_MS, MainWindow
from ui.services.drafts import Draft, DraftFile
from ui.settings import UiSettings

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def _window(qtbot, store: Store, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(store, settings, data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    window.show()
    return window


def _type_without_confirming(window: MainWindow, text: str) -> None:
    tree = window.editor.tree_view  # type: ignore[union-attr]
    leaf = leaf_named(window.session, "培训班期数")  # type: ignore[arg-type]
    tree.select_cell(leaf.id, "actual")
    tree.setFocus()
    tree.edit(tree.currentIndex())
    editor = tree.indexWidget(tree.currentIndex())
    assert isinstance(editor, QLineEdit)
    editor.setText(text)


def test_a_cell_being_typed_survives_a_crash(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(tmp_path / "data")
    form_id = store.add(make_sample_form())
    window = _window(qtbot, store, tmp_path)
    window.open_form(form_id)
    _type_without_confirming(window, "≥3期（含线上）")
    assert DRAFT_INTERVAL_MS <= 2000
    qtbot.waitUntil(lambda: (tmp_path / "data" / "editing-draft.json").exists(), timeout=DRAFT_INTERVAL_MS + 2000)
    draft = DraftFile(tmp_path / "data").load()
    assert draft is not None and draft.text == "≥3期（含线上）" and draft.field == "actual"
    assert "培训班期数" in draft.place and "实际完成值" in draft.place
    # The process dies here: nothing confirmed the cell, so the stored form still has the old value.
    assert leaf_named_in(store, form_id) == "2期"
    window._draft_timer.stop()
    # Next start: the draft is offered and, when accepted, put back as one undoable edit.
    asked: list[str] = []
    monkeypatch.setattr("ui.messages.confirm", lambda _parent, text, **_kw: asked.append(text) or True)
    again = _window(qtbot, store, tmp_path / "again")
    again.drafts = DraftFile(tmp_path / "data")
    assert again.offer_draft()
    assert asked and "≥3期（含线上）" in asked[0]
    assert leaf_named_in(store, form_id) == "≥3期（含线上）"
    assert again.session is not None and again.session.undo_stack.count() == 1
    assert DraftFile(tmp_path / "data").load() is None  # offered once only
    store.close()


def leaf_named_in(store: Store, form_id: str) -> str | None:
    form = store.load(form_id)
    return next(leaf.actual for g in form.goals for one in g.indicators for two in one.children
                for leaf in two.children if leaf.name == "培训班期数")


def test_a_normal_close_confirms_the_cell_and_leaves_no_draft(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(tmp_path / "data")
    form_id = store.add(make_sample_form())
    window = _window(qtbot, store, tmp_path)
    window.open_form(form_id)
    _type_without_confirming(window, "4期")
    window.keep_draft()
    assert DraftFile(tmp_path / "data").load() is not None
    window.close()
    assert DraftFile(tmp_path / "data").load() is None
    assert leaf_named_in(store, form_id) == "4期"
    store.close()


def test_a_damaged_draft_file_is_ignored(tmp_path: Path) -> None:
    drafts = DraftFile(tmp_path)
    drafts.path.write_text("{不是 JSON", encoding="utf-8")
    assert drafts.load() is None and not drafts.path.exists()
    drafts.save(Draft("f", (0, 1, 0, 1), "actual", "x"))
    assert drafts.load() == Draft("f", (0, 1, 0, 1), "actual", "x")


def test_a_tree_cell_being_typed_is_confirmed_when_the_keyboard_goes_elsewhere(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from tests.ui.helpers import open_session
    from ui.tree_view import IndicatorTreeView

    view = IndicatorTreeView(open_session(memory_store))
    qtbot.addWidget(view)
    elsewhere = QLineEdit()
    qtbot.addWidget(elsewhere)
    view.show()
    leaf = leaf_named(view.session, "培训班期数")
    view.select_cell(leaf.id, "actual")
    view.edit(view.currentIndex())
    editor = view.indexWidget(view.currentIndex())
    assert isinstance(editor, QLineEdit)
    editor.setText("3期")
    QApplication.instance().focusChanged.emit(editor, elsewhere)
    assert leaf.actual == "3期" and view.state() != view.State.EditingState
    view.detach()
