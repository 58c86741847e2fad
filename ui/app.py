"""Starts the window: QApplication, names, fonts, the store (with Chinese dialogs when it cannot be
opened), the sample forms on first start, and the main window; `--screenshot` renders it to a PNG.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
from collections.abc import Callable, MutableMapping
from pathlib import Path

from model.errors import DatabaseDamaged, DatabaseTooNew, JixiaoError
from model.store import Store

ORG_NAME = "Jixiao"
APP_NAME = "绩效自评助手"
# A second start on the same data folder: the first window comes forward instead (ui/single_instance.py).
SECOND_START_NOTICE = "绩效自评助手已经在数据文件夹“{data_dir}”上打开，已把那个窗口切换到前面。"
SCREEN_SIZE = (1366, 728)  # a 1366×768 screen less the Windows task bar
NO_DISPLAY_NOTICE = ("没有检测到图形显示（未设置 DISPLAY 或 WAYLAND_DISPLAY），程序将以无窗口（offscreen）方式运行，"
                     "窗口不会显示在屏幕上。请在桌面环境中启动，或用 xvfb-run 运行；按 Ctrl+C 退出。")


def choose_platform(environ: MutableMapping[str, str], platform: str = sys.platform) -> str | None:
    """On Linux with no display and no QT_QPA_PLATFORM, pick `offscreen` (Qt's xcb plugin would abort).

    Returns:
        The notice to print when the fallback was chosen, else None (environment untouched).
    """
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    environ["QT_QPA_PLATFORM"] = "offscreen"
    return NO_DISPLAY_NOTICE


def quiet_offscreen_notes() -> object:
    """Drop the offscreen plugin's note about size hints (printed for every window, says nothing).

    Returns the handler it replaced (tests put it back).
    """
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    return qInstallMessageHandler(handler)


def install_sigint_quit(app: object) -> object:
    """Ctrl+C in the terminal quits the app cleanly.

    Python runs signal handlers only between bytecodes, and Qt's event loop runs in C++; a timer
    ticking every 200 ms hands control back to Python so the handler gets to run. Returns the timer.
    """
    from PySide6.QtCore import QTimer

    signal.signal(signal.SIGINT, lambda _sig, _frame: app.quit())  # type: ignore[attr-defined]
    timer = QTimer(app)  # type: ignore[arg-type]
    timer.setInterval(200)
    timer.timeout.connect(lambda: None)
    timer.start()
    return timer


def make_app(argv: list[str] | None = None) -> object:
    """The QApplication with names, icon, high-DPI rounding and the CJK font (one per process)."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from resources import resource_path
    from ui.fonts import apply_ui_font, register_bundled_fonts

    existing = QApplication.instance()
    if existing is not None:
        return existing
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    # Fractional scales (125 %, 150 % on Windows laptops) stay sharp instead of being rounded.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv or [sys.argv[0]])
    app.setWindowIcon(QIcon(str(resource_path("icons", "jixiao.png"))))
    apply_ui_font(app, register_bundled_fonts())
    from ui.translations import install_chinese_translations

    app.setProperty("jixiao_translator", install_chinese_translations(app))  # kept alive with the app
    return app


def open_store_interactive(data_dir: Path) -> Store | None:
    """Open the store; on a damaged or too-new database explain in Chinese and offer the way out."""
    from model.store import restore_backup
    from ui.messages import confirm, show_error

    try:
        return Store.open(data_dir)
    except DatabaseTooNew as exc:
        show_error(None, str(exc), "这个数据库是由更新版本的绩效自评助手写入的。请安装最新版本后再打开；"
                   "本程序不会修改它。", title="需要更新程序")
        return None
    except DatabaseDamaged as exc:
        backup = exc.backup if isinstance(exc.backup, Path) else None
        if backup is None:
            show_error(None, str(exc), "没有找到可用的备份。请把数据文件夹复制一份交给维护人员，"
                       f"不要删除它。数据文件夹：{data_dir}", title="数据库已损坏")
            return None
        if not confirm(None, str(exc), yes="用备份恢复", no="退出", title="数据库已损坏",
                       detail=f"可以用最近一份完好的备份恢复：{backup.name}。\n损坏的文件会改名保留，不会删除。"
                              "备份之后的修改将丢失。"):
            return None
        aside = restore_backup(data_dir, backup)
        try:
            store = Store.open(data_dir)
        except JixiaoError as again:
            show_error(None, str(again), "用备份恢复后仍无法打开，请联系维护人员。", title="无法打开数据库")
            return None
        from ui.messages import show_info

        show_info(None, f"已用备份 {backup.name} 恢复。损坏的文件保留为：{aside.name}", title="已恢复")
        return store
    except JixiaoError as exc:
        show_error(None, str(exc), title="无法打开数据库")
        return None


def build_window(data_dir: Path, store: Store | None = None, qsettings: object | None = None) -> object:
    """The main window on a data folder (store opened and seeded); shown by the caller."""
    from model.samples import seed_if_new
    from resources import samples_dir
    from ui.main_window import MainWindow
    from ui.settings import UiSettings

    if store is None:
        store = Store.open(data_dir)
    seed_if_new(store, samples_dir())
    window = MainWindow(store, UiSettings(qsettings), data_dir=data_dir)  # type: ignore[arg-type]
    return window


def _data_dir(args: argparse.Namespace) -> Path:
    from model.datadir import default_data_dir
    from ui.settings import UiSettings

    return Path(args.data_dir) if args.data_dir else (UiSettings().data_dir or default_data_dir())


def take_screenshot(out: Path, data_dir: Path | None = None) -> int:
    """Render the window at 1366×728 with the first project self-evaluation open, write a PNG, exit."""
    from PySide6.QtCore import QSettings

    app = make_app()
    with tempfile.TemporaryDirectory(prefix="jixiao-shot-") as tmp:
        folder = data_dir or Path(tmp) / "data"  # the sample database, never the user's own
        qsettings = QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat)
        window = build_window(folder, qsettings=qsettings)
        window.resize(*SCREEN_SIZE)  # type: ignore[attr-defined]
        window.show()  # type: ignore[attr-defined]
        forms = window.store.list_forms()  # type: ignore[attr-defined]
        pick = next((s for s in forms if s.kind == "project_self_eval"), forms[0] if forms else None)
        if pick is not None:
            window.open_form(pick.id)  # type: ignore[attr-defined]
        for _ in range(3):
            app.processEvents()  # type: ignore[attr-defined]
        ok = window.grab().save(str(out))  # type: ignore[attr-defined]
        window.close()  # type: ignore[attr-defined]
        window.store.close()  # type: ignore[attr-defined]
    if not ok:
        print(f"无法写入截图文件“{out}”，请检查文件夹是否存在且可写。", file=sys.stderr)
        return 1
    print(out)
    return 0


def _warm_up_fonts() -> None:
    """Load the PDF fonts in the background, so the first export does not pause for them."""
    import threading

    def warm() -> None:
        from reports.pdf import warm_up  # imported here too: ReportLab loads off the main thread

        warm_up()

    threading.Thread(target=warm, name="font-warm-up", daemon=True).start()


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window on the chosen database (or take a screenshot and exit)."""
    if getattr(args, "screenshot", None):
        # Rendering needs no screen: the offscreen platform gives the same pixels everywhere.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return take_screenshot(Path(args.screenshot), Path(args.data_dir) if args.data_dir else None)
    notice = choose_platform(os.environ)
    if notice is not None:
        print(notice, file=sys.stderr)
        quiet_offscreen_notes()
    app = make_app()
    install_sigint_quit(app)
    data_dir = _data_dir(args)
    from ui.single_instance import bring_forward, claim

    first = claim(data_dir)
    if first is None:
        print(SECOND_START_NOTICE.format(data_dir=data_dir), file=sys.stderr)
        return 0
    try:
        return _run_window(app, data_dir, lambda window: first.on_raise(lambda: bring_forward(window)))
    finally:
        first.release()


def _run_window(app: object, data_dir: Path, on_shown: Callable[[object], None]) -> int:
    """Open the store and the window, hand the window to `on_shown`, run until it closes."""
    store = open_store_interactive(data_dir)
    if store is None:
        return 1
    window = build_window(data_dir, store)
    on_shown(window)
    from ui import crash
    from ui.messages import show_error

    crash.install(data_dir, lambda text: show_error(window, text, title="程序内部出错"))  # type: ignore[arg-type]
    window.show()  # type: ignore[attr-defined]
    window.restore_last_form()  # type: ignore[attr-defined]
    window.offer_draft()  # type: ignore[attr-defined]  # a cell being typed when the program died
    _warm_up_fonts()
    if store.backup_warning:  # today's backup failed; the data opened fine: say so, do not block
        window.statusBar().showMessage(f"注意：{store.backup_warning}")  # type: ignore[attr-defined]
    try:
        return int(app.exec())  # type: ignore[attr-defined]
    finally:
        window.store.close()  # type: ignore[attr-defined]  # a restore from backup may have replaced it
