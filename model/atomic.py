"""Atomic file writes: a crash or a full disk never leaves a half-written file behind."""
from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to `path` through a temporary file in the same folder and a rename."""
    write_atomic_with(path, lambda f: f.write(data))


def write_atomic_with(path: Path, writer: Callable[[BinaryIO], object]) -> None:
    """Let `writer` fill a temporary file, fsync it, then rename it over `path`.

    Args:
        path: the destination.
        writer: called with the open binary file; if it raises, the destination is untouched and
            the temporary file is removed.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            writer(f)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600); an exported file should open for others as any
        # file the user saves does (the replaced file's mode, else the usual 0666 less the umask).
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


@functools.cache
def _umask() -> int:
    """The process umask (read once; setting it back at once is the only portable way to read it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
