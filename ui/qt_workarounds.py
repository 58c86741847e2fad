"""Work-arounds for defects of the bundled PySide6 that would crash the program.

PySide6 6.12.0 on Python 3.11: `SignalInstance.emit()` returns `True` without taking a reference,
so every emit from Python drops one reference to `True`; after a few hundred emits CPython
deallocates `True` and aborts ("bool_dealloc: deallocating True or False"). Python 3.12+ makes
`True` immortal, which hides the defect; we do the same by hand when the defect is present.
"""
from __future__ import annotations

import ctypes
import sys

_applied = False


def _emit_drops_true_reference() -> bool:
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    probe.ping.emit()
    dropped = sys.getrefcount(True) < before
    if dropped:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))  # give back what the probe took
    return dropped


def apply_qt_workarounds() -> None:
    """Call once before Qt signals are emitted from Python (idempotent, cheap)."""
    global _applied
    if _applied:
        return
    _applied = True
    if sys.version_info < (3, 12) and _emit_drops_true_reference():
        # Pin True as 3.12 does: a refcount so high that the lost references never matter.
        ctypes.c_ssize_t.from_address(id(True)).value += 1 << 40
