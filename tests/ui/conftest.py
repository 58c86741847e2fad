"""UI test hygiene: collect each test's Qt garbage while that test's objects are still coherent.

Windows built in a test (MainWindow, dialogs) form reference cycles through connected lambdas.
Left to the interpreter's final collection, after hundreds of tests, freeing them crashed the test
process (a segfault after "N passed", so CI failed); collected right after their test they go quietly.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _collect_qt_garbage() -> Iterator[None]:
    yield
    gc.collect()
