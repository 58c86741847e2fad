"""Unexpected errors are logged in the data folder and explained in Chinese; nothing else happens."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ui import crash


def test_hook_logs_and_notifies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    told: list[str] = []
    hook = crash.install(tmp_path, told.append)
    assert sys.excepthook is hook
    try:
        raise ValueError("boom in a slot")
    except ValueError as exc:
        hook(ValueError, exc, exc.__traceback__)
    log = tmp_path / crash.LOG_NAME
    assert "ValueError: boom in a slot" in log.read_text("utf-8")
    assert len(told) == 1 and "已保存" in told[0] and str(log) in told[0]


def test_an_unwritable_log_still_notifies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    told: list[str] = []
    hook = crash.install(blocker / "sub", told.append)
    exc = RuntimeError("x")
    hook(RuntimeError, exc, None)
    assert told and "错误详情" not in told[0] and "程序内部出错" in told[0]


def test_a_failing_notifier_is_swallowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)

    def broken(_text: str) -> None:
        raise RuntimeError("no window")

    hook = crash.install(tmp_path, broken)
    hook(RuntimeError, RuntimeError("y"), None)  # must not raise
    assert (tmp_path / crash.LOG_NAME).exists()
