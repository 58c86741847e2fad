"""Runs installer/check.py's checks on dist/Jixiao-<version>-setup.exe when it has been built.

Building takes about a minute and downloads ~130 MB, so the default test run does not build it:
`make installer` builds and checks; these tests skip (saying so) when no installer is present.
"""
from __future__ import annotations

import shutil

import pytest

from installer import check

INSTALLER = check.default_installer()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not INSTALLER.is_file(),
                       reason=f"{INSTALLER} is not built (run `make installer` to build and check it)"),
    pytest.mark.skipif(shutil.which("7z") is None or shutil.which("osslsigncode") is None,
                       reason="7z/osslsigncode missing (run `make installer-deps`)"),
]


@pytest.fixture(scope="module")
def results() -> dict[str, list[str]]:
    return check.run_checks(INSTALLER)


@pytest.mark.parametrize("name", ["size ≤ 60 MB", "7z lists the needed files",
                                  "Python binaries PSF-signed", "program files match the repository"])
def test_check_passes(results: dict[str, list[str]], name: str) -> None:
    assert results[name] == []
