"""Issue #15 point 1: no panel changes width because of its text (grade pending, long findings)."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from model.store import Store
from model.tree import leaves
from tests.conftest import make_sample_form
from ui.main_window import MainWindow
from ui.settings import UiSettings

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def test_panel_widths_do_not_follow_their_text(qtbot, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    form = make_sample_form()
    form_id = store.add(form)
    window = MainWindow(store, UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    window.open_form(form_id)
    qtbot.wait(20)
    before = window.splitter.sizes()
    session = window.session
    assert session is not None
    leaf = next(leaves(session.form))
    # A blank actual leaves an item unscored: the grade label says 等级待定 and why.
    session.set_node_field(leaf.id, "actual", None)
    session.set_node_field(leaf.id, "name", "很长的指标名称" * 20)
    qtbot.wait(20)
    assert "等级待定" in window.score_panel.total_label.text()
    assert window.splitter.sizes() == before
    # The navigator's long names do not widen it either.
    session.set_header("project_name", "非常长的项目名称" * 20)
    qtbot.wait(20)
    assert window.splitter.sizes() == before
    window.close()
    store.close()
