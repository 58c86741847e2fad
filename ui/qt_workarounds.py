"""Work-arounds for defects of the bundled PySide6 that would crash the program.

PySide6 6.12.0 on Python 3.11: `SignalInstance.emit()` returns `True` without taking a reference,
so every emit from Python drops one reference to `True`; after a few hundred emits CPython
deallocates `True` and aborts ("bool_dealloc: deallocating True or False"). Likewise a null
QVariant handed to Python (`index.data()` of an empty cell) returns `None` without a reference
("none_dealloc"). Python 3.12+ makes these singletons immortal, which hides the defects; we do the
same by hand when a defect is present.
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


def _null_variant_drops_none_reference() -> bool:
    from PySide6.QtCore import QModelIndex

    before = sys.getrefcount(None)
    QModelIndex().data()
    dropped = sys.getrefcount(None) < before
    if dropped:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    return dropped


def apply_qt_workarounds() -> None:
    """Call once before Qt signals are emitted from Python (idempotent, cheap)."""
    global _applied
    if _applied:
        return
    _applied = True
    if sys.version_info >= (3, 12):
        return
    defects = [_emit_drops_true_reference(), _null_variant_drops_none_reference()]
    if any(defects):
        # Pin the singletons as 3.12 does: refcounts so high that lost references never matter.
        for singleton in (True, False, None):
            ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40
