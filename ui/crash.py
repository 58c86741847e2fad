"""Unexpected errors in the window: written to a log in the data folder and explained in Chinese.

Every committed edit is already in the database (one transaction each), so an internal error loses
at most the edit being made; the user is told so, and where the details are for support.
"""
from __future__ import annotations

import datetime as dt
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

LOG_NAME = "jixiao-errors.log"
Notify = Callable[[str], None]


def write_log(folder: Path, exc: BaseException, tb: TracebackType | None) -> Path | None:
    """Append the traceback to the error log; None when even that fails (never raises)."""
    path = folder / LOG_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"\n=== {dt.datetime.now():%Y-%m-%d %H:%M:%S}\n")
            log.write("".join(traceback.format_exception(type(exc), exc, tb)))
    except OSError:
        return None
    return path


def message_for(log: Path | None) -> str:
    """The Chinese message shown after an internal error."""
    where = f"错误详情已记录在“{log}”，" if log else ""
    return ("程序内部出错，刚才的操作没有完成。此前每一次修改都已保存，不会丢失。"
            f"{where}请把该文件发给技术支持人员。可以继续使用；如果再次出错，请关闭后重新打开程序。")


def install(folder: Path, notify: Notify) -> Callable[..., None]:
    """Make uncaught exceptions (also those raised in Qt slots) log and notify instead of vanishing.

    Returns:
        The hook installed as sys.excepthook (tests call it directly).
    """
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        traceback.print_exception(kind, exc, tb)
        log = write_log(folder, exc, tb)
        try:
            notify(message_for(log))
        except Exception:  # noqa: BLE001 — the error box itself must never take the program down
            pass

    sys.excepthook = hook
    return hook
