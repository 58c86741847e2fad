"""Start-up: the window on a fresh data folder (samples loaded), and the --screenshot option."""
from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from model.samples import sample_files
from resources import samples_dir
from ui.app import build_window, run_gui

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def test_build_window_seeds_samples(qtbot, tmp_path: Path) -> None:
    window = build_window(tmp_path / "data", qsettings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    try:
        assert len(window.navigator.form_ids()) == len(sample_files(samples_dir())) > 0
        window.restore_last_form()
        assert window.session is not None
    finally:
        window.close()
        window.store.close()


def test_screenshot_writes_a_png_of_the_window(qapp, tmp_path: Path) -> None:
    out = tmp_path / "window.png"
    args = argparse.Namespace(data_dir=None, screenshot=out)
    assert run_gui(args) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 728)
