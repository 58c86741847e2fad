"""The installed PySide6 keeps Python's reference counts right (6.12.0 did not, and aborted).

PySide6 6.12.0 on Python 3.11 returned True from `emit()` and None from a null QVariant without a
reference, so after a few hundred signals CPython freed True and aborted. pyproject.toml excludes
that release; this test fails if a release with the same defect is installed again.
"""
from __future__ import annotations

import sys

from PySide6.QtCore import QModelIndex, QObject, Signal


class _Probe(QObject):
    ping = Signal()


def test_emit_keeps_the_reference_to_true() -> None:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(50):
        probe.ping.emit()
    assert sys.getrefcount(True) >= before


def test_null_variant_keeps_the_reference_to_none() -> None:
    before = sys.getrefcount(None)
    for _ in range(50):
        QModelIndex().data()
    assert sys.getrefcount(None) >= before
