"""One window per data folder: a second start brings the first window forward and exits.

A lock file in the data folder (QLockFile: a lock left by a killed program is recognised and taken
over) decides which start is the first; the first listens on a local socket (QLocalServer, a named
pipe on Windows) named after the folder, and a later start connects to it and asks it to come to
the front. Two windows on one folder would otherwise both save the same form (the store refuses
the stale one, see model/store.py, but the user should not meet that at all).
"""
from __future__ import annotations

import getpass
import hashlib
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from model.datadir import LOCK_NAME

RAISE = b"raise\n"
# How long a second start keeps trying to reach the first (which may still be starting up).
CONNECT_TIMEOUT_S = 5.0


def server_name(data_dir: Path) -> str:
    """The local socket name of a data folder: per user and folder, short enough for every OS."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment: the folder alone still works
        user = ""
    key = f"{user}\n{Path(data_dir).resolve()}".encode("utf-8", "surrogatepass")
    return "jixiao-" + hashlib.sha256(key).hexdigest()[:24]


class FirstInstance(QObject):
    """Held by the first window's process: the lock and the server that hears later starts."""

    def __init__(self, lock: QLockFile | None, server: QLocalServer) -> None:
        super().__init__()
        self.lock = lock
        self.server = server
        self._on_raise: Callable[[], None] | None = None
        server.newConnection.connect(self._accept)

    def on_raise(self, callback: Callable[[], None]) -> None:
        """Call `callback` (bring the window forward) whenever another start asks."""
        self._on_raise = callback

    def _accept(self) -> None:
        # Read each caller at once (it writes right after connecting): no per-socket signal
        # connections or lambdas that could outlive the socket and run on a deleted object.
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket.bytesAvailable() or socket.waitForReadyRead(1000):
                asked = bytes(socket.readAll().data()).startswith(RAISE.strip())
            else:
                asked = False
            socket.abort()
            socket.deleteLater()
            if asked and self._on_raise is not None:
                self._on_raise()

    def release(self) -> None:
        """Stop listening and unlock (at exit; a killed process's lock is taken over as stale)."""
        self.server.close()
        if self.lock is not None:
            self.lock.unlock()


def claim(data_dir: Path, timeout_s: float = CONNECT_TIMEOUT_S) -> FirstInstance | None:
    """Become the data folder's one window, or hand over to the one already running.

    Returns:
        FirstInstance when this process is the first (keep it alive while the window is open);
        None when another window on this folder was asked to come forward (exit quietly).
        When the folder cannot hold a lock file (read-only), the start goes ahead unguarded:
        the store's revision check still refuses any silent overwrite.
    """
    data_dir = Path(data_dir)
    name = server_name(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        return _listen(None, name)
    lock = QLockFile(str(data_dir / LOCK_NAME))
    lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
    deadline = time.monotonic() + timeout_s
    while True:
        if lock.tryLock(0):
            return _listen(lock, name)
        if lock.error() != QLockFile.LockError.LockFailedError:  # cannot write the lock file
            return _listen(None, name)
        if _ask_to_raise(name):
            return None
        if time.monotonic() > deadline:
            # The lock's owner does not answer (hung, or its listen failed): do not block the user.
            return _listen(None, name)
        time.sleep(0.1)


def _listen(lock: QLockFile | None, name: str) -> FirstInstance:
    server = QLocalServer()  # owned by FirstInstance below (kept alive with it)
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    if not server.listen(name):
        QLocalServer.removeServer(name)  # a socket file left by a killed first instance (Unix)
        server.listen(name)
    return FirstInstance(lock, server)


def _ask_to_raise(name: str) -> bool:
    """Tell the running window to come forward; False when nobody listens under that name."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(500):
        return False
    socket.write(RAISE)
    socket.flush()
    socket.waitForBytesWritten(500)
    socket.disconnectFromServer()
    return True


def bring_forward(window: object) -> None:
    """Show a window in front of the others (restored when minimised)."""
    from PySide6.QtCore import Qt

    w = window  # a QMainWindow; typed loosely to keep this module's imports small
    state = w.windowState()  # type: ignore[attr-defined]
    w.setWindowState((state & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)  # type: ignore[attr-defined]
    w.show()  # type: ignore[attr-defined]
    w.raise_()  # type: ignore[attr-defined]
    w.activateWindow()  # type: ignore[attr-defined]
