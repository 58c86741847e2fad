"""UI fixtures: a window on a data folder, a tree view on the sample form (the garbage collection
after each test is in tests/conftest.py)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from model.store import Store
from tests.conftest import FakeClock, make_sample_form
from tests.ui.fake_scoring import fake_evaluate
from tests.ui.helpers import open_session
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.tree_view import IndicatorTreeView


@pytest.fixture
def view(qtbot, memory_store: Store) -> IndicatorTreeView:  # type: ignore[no-untyped-def]
    """An indicator tree view on the sample form, shown at a usable size."""
    widget = IndicatorTreeView(open_session(memory_store))
    qtbot.addWidget(widget)
    widget.resize(1000, 500)
    widget.show()
    return widget


@pytest.fixture
def window(qtbot, tmp_path: Path, clock: FakeClock) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A main window on a fresh data folder with the fake evaluator (history, restore, stale saves)."""
    store = Store.open(tmp_path / "data", clock)
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    win = MainWindow(store, settings, evaluator=fake_evaluate, data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    win.show()
    yield win
    win.store.close()


@pytest.fixture
def sample_window(qtbot, tmp_path: Path, memory_store: Store) -> MainWindow:  # type: ignore[no-untyped-def]
    """A main window on a memory store with the sample form open and shown (menus, sign-off)."""
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(memory_store, settings, evaluator=fake_evaluate)
    qtbot.addWidget(window)
    window.open_form(memory_store.add(make_sample_form()))
    window.show()
    return window
