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


@pytest.mark.parametrize(("env", "platform", "chosen"), [
    ({}, "linux", "offscreen"),                                    # Debian, root, no X: fall back
    ({"DISPLAY": ":0"}, "linux", None),                            # a real X display
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", None),             # a Wayland session
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", "xcb"),                  # the user's own choice is kept
    ({}, "win32", None),                                           # Windows always has a screen
])
def test_platform_falls_back_to_offscreen_only_without_any_display(env, platform, chosen) -> None:
    from ui.app import NO_DISPLAY_NOTICE, choose_platform

    environ = dict(env)
    notice = choose_platform(environ, platform)
    assert environ.get("QT_QPA_PLATFORM") == chosen
    assert notice == (NO_DISPLAY_NOTICE if chosen == "offscreen" and not env else None)


def test_program_without_display_starts_and_quits_on_ctrl_c(tmp_path: Path) -> None:
    """`make run` on a machine with no X: a Chinese notice, the window runs offscreen, Ctrl+C exits 0."""
    import os
    import signal
    import subprocess
    import sys
    import time

    repo = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["HOME"] = str(tmp_path)  # QSettings of this run stay in the temporary folder
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    proc = subprocess.Popen([sys.executable, "main.py", "--data-dir", str(tmp_path / "data")], cwd=repo, env=env,
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        deadline = time.monotonic() + 30
        # The database appears once the window is being built; give the event loop a moment after it.
        while not (tmp_path / "data").exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.5)
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=15)
        err = proc.stderr.read() if proc.stderr else ""
    finally:
        if proc.poll() is None:
            proc.kill()
    assert code == 0, err
    assert "没有检测到图形显示" in err and "Traceback" not in err


def test_offscreen_size_hint_notes_are_dropped_others_kept(capsys) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    from ui.app import quiet_offscreen_notes

    previous = quiet_offscreen_notes()
    try:
        qWarning("This plugin does not support propagateSizeHints()")
        qWarning("数据库打开失败")
    finally:
        qInstallMessageHandler(previous)
    err = capsys.readouterr().err
    assert "propagateSizeHints" not in err and "数据库打开失败" in err
