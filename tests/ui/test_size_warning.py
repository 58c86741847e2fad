"""A big form is said before the window gets slow (issue #11 point 5); the store still opens a form
beyond the file limit that an older version stored (nothing lost)."""
from __future__ import annotations

import pytest

from model.form import Group, Leaf
from model.form_limits import MAX_LEAVES, WARN_LEAVES
from model.store import Store
from tests.conftest import make_sample_form
from ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def _big_form(leaves: int):  # type: ignore[no-untyped-def]
    form = make_sample_form()
    form.goals[0].indicators = [Group(name="产出指标", children=[
        Group(name="数量指标", children=[Leaf(name=f"指标{i}", weight=1) for i in range(leaves)])])]
    return form


def test_opening_a_big_form_warns_once(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    form_id = window.store.add(_big_form(WARN_LEAVES))
    assert window.open_form(form_id)
    assert "末级指标" in window.statusBar().currentMessage() and "变慢" in window.statusBar().currentMessage()


def test_a_small_form_says_nothing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.open_form(window.store.add(make_sample_form()))
    assert "末级指标" not in window.statusBar().currentMessage()


def test_the_store_opens_a_form_beyond_the_file_limit(memory_store: Store) -> None:
    form_id = memory_store.add(_big_form(MAX_LEAVES + 5))
    assert len(memory_store.load(form_id).goals[0].indicators[0].children[0].children) == MAX_LEAVES + 5
