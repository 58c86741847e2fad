"""One window per data folder (issue #11 point 1): a second start brings the first window forward."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from model.datadir import LOCK_NAME
from ui.single_instance import claim

REPO = Path(__file__).resolve().parents[2]


def test_a_second_claim_asks_the_first_to_come_forward(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = claim(tmp_path)
    assert first is not None
    raised: list[int] = []
    first.on_raise(lambda: raised.append(1))
    try:
        assert claim(tmp_path, timeout_s=2) is None
        qtbot.waitUntil(lambda: bool(raised), timeout=3000)
        assert claim(tmp_path / "另一个文件夹", timeout_s=1) is not None  # other folders are free
    finally:
        first.release()
    again = claim(tmp_path, timeout_s=1)
    assert again is not None
    again.release()


_HOLDER = """
import sys, time
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from ui.single_instance import claim
first = claim(sys.argv[1])
print("held", flush=True)
time.sleep(60)
"""


def test_a_lock_left_by_a_killed_window_is_taken_over(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(tmp_path)], cwd=REPO, stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"})
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert (tmp_path / LOCK_NAME).exists()
    started = time.monotonic()
    first = claim(tmp_path, timeout_s=3)
    assert first is not None and time.monotonic() - started < 2
    first.release()


@pytest.mark.gui
def test_a_second_program_start_exits_and_raises_the_first_window(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = claim(tmp_path)
    assert first is not None
    raised: list[int] = []
    first.on_raise(lambda: raised.append(1))
    try:
        proc = subprocess.Popen([sys.executable, "main.py", "--data-dir", str(tmp_path)], cwd=REPO, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        qtbot.waitUntil(lambda: bool(raised), timeout=20000)
        _out, err = proc.communicate(timeout=20)
    finally:
        first.release()
    assert proc.returncode == 0 and "已经在数据文件夹" in err
    assert not (tmp_path / "jixiao.sqlite3").exists()  # the second start never opened the database
