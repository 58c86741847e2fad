"""Windows and sessions are freed when let go of, without the garbage collector (no reference cycles).

A cycle (a connected lambda naming `self`, a child keeping its parent) would keep every closed
form's window and session in memory until a full collection; the UI tests once paid 29 s for those.
"""
from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings

from model.store import Store
from model.tree import leaves
from tests.conftest import make_sample_form
from ui.settings import UiSettings


@pytest.fixture
def no_gc() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _delete_later_now() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_an_edited_session_is_freed(qapp, no_gc: None, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    from ui.editing.session import FormSession
    from ui.tree_model import IndicatorTreeModel

    session = FormSession(memory_store, memory_store.add(make_sample_form()))
    model = IndicatorTreeModel(session)
    leaf = next(leaves(session.form))
    session.set_node_field(leaf.id, "actual", "90人")
    session.undo_stack.undo()
    gone = weakref.ref(session), weakref.ref(model)
    del session, model, leaf
    assert [r() for r in gone] == [None, None]


def test_a_closed_main_window_is_freed(qapp, no_gc: None, memory_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    form_id = memory_store.add(make_sample_form())
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(memory_store, settings)
    window.show()
    window.open_form(form_id)
    assert window.session is not None
    leaf = next(leaves(window.session.form))
    window.session.set_node_field(leaf.id, "actual", "90人")
    qapp.processEvents()
    gone = weakref.ref(window), weakref.ref(window.session)
    window.close()
    window.deleteLater()
    _delete_later_now()
    del window, leaf
    assert [r() for r in gone] == [None, None]
