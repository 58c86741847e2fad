"""UI test hygiene: collect each test's Qt garbage while that test's objects are still coherent.

Windows built in a test (MainWindow, dialogs) form reference cycles through connected lambdas.
Left to the interpreter's final collection, after hundreds of tests, freeing them crashed the test
process (a segfault after "N passed", so CI failed); collected right after their test they go quietly.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from model.store import Store
from tests.conftest import make_sample_form
from tests.ui.fake_scoring import fake_evaluate
from tests.ui.test_session import open_session
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.tree_view import IndicatorTreeView


@pytest.fixture(autouse=True)
def _collect_qt_garbage() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture
def view(qtbot, memory_store: Store) -> IndicatorTreeView:  # type: ignore[no-untyped-def]
    """An indicator tree view on the sample form, shown at a usable size."""
    widget = IndicatorTreeView(open_session(memory_store))
    qtbot.addWidget(widget)
    widget.resize(1000, 500)
    widget.show()
    return widget


@pytest.fixture
def window(qtbot, tmp_path: Path, memory_store: Store) -> MainWindow:  # type: ignore[no-untyped-def]
    """The main window on a memory store, with the sample form open and shown."""
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(memory_store, settings, evaluator=fake_evaluate)
    qtbot.addWidget(window)
    window.open_form(memory_store.add(make_sample_form()))
    window.show()
    return window
