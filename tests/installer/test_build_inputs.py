"""Pure parts of the build: the Python layout mapping, pins, lock coverage, signature parsing."""
from __future__ import annotations

from pathlib import Path

import pytest

from installer import build, embed_python, signatures, wheels


@pytest.mark.parametrize(("member", "place"), [
    ("cp311/python.exe", "python.exe"),
    ("cp311/python311.dll", "python311.dll"),
    ("cp311/vcruntime140_1.dll", "vcruntime140_1.dll"),
    ("cp311/DLLs/_sqlite3.pyd", "_sqlite3.pyd"),
    ("cp311/DLLs/sqlite3.dll", "sqlite3.dll"),
    ("cp311/Lib/json/decoder.py", "Lib/json/decoder.py"),
    ("cp311/DLLs/_tkinter.pyd", None),
    ("cp311/DLLs/tcl86t.dll", None),
    ("cp311/DLLs/py.ico", None),
    ("cp311/Lib/site-packages/pip/__init__.py", None),
    ("cp311/Lib/tkinter/__init__.py", None),
    ("cp311/Lib/test/test_json.py", None),
    ("cp311/Scripts/pip.exe", None),
    ("cp311/include/Python.h", None),
    ("cp311/", None),
])
def test_embeddable_layout_mapping(member: str, place: str | None) -> None:
    assert embed_python.wanted_member(member) == place


def test_pinned_sha256_is_read_from_the_requirements_file(tmp_path: Path) -> None:
    req = tmp_path / "r.txt"
    req.write_text("# --hash=sha256:commented\nwinpython-embed==3.11.1 --hash=sha256:abc123\n")
    assert embed_python.pinned_sha256(req) == "abc123"
    assert len(embed_python.pinned_sha256()) == 64


def test_lock_covers_every_runtime_dependency() -> None:
    assert wheels.missing_from_lock(wheels.runtime_requirements()) == []
    assert "pip" not in wheels.locked_names()


def test_missing_from_lock_names_the_new_dependency(tmp_path: Path) -> None:
    lock = tmp_path / "lock.txt"
    lock.write_text("pyside6-essentials==6.12.0 --hash=sha256:00\n")
    assert wheels.missing_from_lock(["PySide6_Essentials>=6.7", "docx>=1"], lock) == ["docx>=1"]


def test_installer_name_carries_the_version() -> None:
    assert build.installer_name("1.2.3") == "Jixiao-1.2.3-setup.exe"


def test_app_files_are_the_programs_tracked_sources() -> None:
    files = build.app_files()
    assert "resources/__init__.py" in files
    assert "resources/icons/jixiao.ico" in files
    assert not any(f.startswith(("tests/", "installer/", "bench/")) for f in files)


_PSF_OK = """Current message digest    : 03A6
Calculated message digest : 03A6
Signer's certificate:
\t------------------
\tSigner #0:
\t\tSubject: /C=US/ST=Oregon/L=Beaverton/O=Python Software Foundation/CN=Python Software Foundation
Signature verification: ok
"""


def test_parse_a_verified_psf_signature() -> None:
    result = signatures.parse_osslsigncode(_PSF_OK, 0, Path("python.exe"))
    assert result.signer == "Python Software Foundation"
    assert result.ok_for(signatures.PSF)
    assert not result.ok_for(signatures.MICROSOFT)


def test_a_failed_or_tampered_signature_is_refused() -> None:
    failed = signatures.parse_osslsigncode(_PSF_OK.replace(": ok", ": failed"), 1, Path("a.dll"))
    assert not failed.ok_for(signatures.PSF)
    tampered = _PSF_OK.replace("Calculated message digest : 03A6", "Calculated message digest : FFFF")
    ms = tampered.replace("Python Software Foundation", "Microsoft Corporation").replace(": ok", ": failed")
    assert not signatures.parse_osslsigncode(ms, 1, Path("vcruntime140.dll")).ok_for(signatures.MICROSOFT)
    assert not signatures.parse_osslsigncode("no signature", 1, Path("x.dll")).ok_for(signatures.PSF)


def test_expected_signer_by_file_name() -> None:
    assert signatures.expected_signer("vcruntime140.dll") == signatures.MICROSOFT
    assert signatures.expected_signer("python311.dll") == signatures.PSF
    assert signatures.expected_signer("_ssl.pyd") == signatures.PSF


def test_download_takes_only_the_locked_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wheel of an earlier lock left in the cache must not reach the bundle."""
    from installer import wheels

    lock = tmp_path / "lock.txt"
    lock.write_text("# pins\npyside6-essentials==6.11.3 --hash=sha256:00\n", encoding="utf-8")
    for name in ("pyside6_essentials-6.11.3-cp310-abi3-win_amd64.whl",
                 "pyside6_essentials-6.12.0-cp310-abi3-win_amd64.whl"):
        (tmp_path / name).write_bytes(b"")
    monkeypatch.setattr(wheels.subprocess, "run", lambda *a, **k: None)
    got = wheels.download(tmp_path, lock)
    assert [w.name for w in got] == ["pyside6_essentials-6.11.3-cp310-abi3-win_amd64.whl"]
