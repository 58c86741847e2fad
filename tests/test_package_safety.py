"""Packages (issue #11 point 10): a dry run writes nothing, the entry count comes from the zip's end
record before the directory is read, and the manifest's unit must be the forms' unit."""
from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from main import main
from model import package_read
from model.package_format import PackageError
from model.package_read import read_package
from model.store import Store
from tests.conftest import make_sample_form
from tests.model.package_helpers import good_package, pack, store_with_forms, unpack


def _package(tmp_path: Path) -> Path:
    source = tmp_path / "unit"
    store = Store.open(source)
    store.add(make_sample_form())
    store.close()
    out = tmp_path / "p.jxpkg"
    assert main(["--data-dir", str(source), "export-package", "--all", "--no-renderings", "--out", str(out)]) == 0
    return out


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_dry_run_into_an_empty_folder_creates_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = _package(tmp_path)
    empty = tmp_path / "bureau"
    assert main(["--data-dir", str(empty), "import-package", str(package), "--dry-run"]) == 0
    assert "新增 1 张" in capsys.readouterr().out
    assert not empty.exists()


def test_a_dry_run_on_a_database_changes_no_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = _package(tmp_path)
    bureau = tmp_path / "bureau"
    Store.open(bureau).close()
    before = _tree(bureau)
    assert main(["--data-dir", str(bureau), "import-package", str(package), "--dry-run"]) == 0
    assert "新增 1 张" in capsys.readouterr().out
    assert _tree(bureau) == before


def test_too_many_entries_are_refused_from_the_end_record(monkeypatch: pytest.MonkeyPatch) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        for i in range(5000):
            zf.writestr(f"forms/{i}", b"")
    data = buffer.getvalue()

    def never(*_a: object, **_k: object) -> None:
        raise AssertionError("the zip directory was read")
    monkeypatch.setattr(package_read.zipfile, "ZipFile", never)
    with pytest.raises(PackageError) as err:
        read_package(data)
    assert err.value.code == "too_many_entries" and "5000" in str(err.value)


def test_a_zip64_end_record_is_read_too() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        for i in range(70_000):  # more than 0xFFFF: the count is only in the zip64 record
            zf.writestr(zipfile.ZipInfo(f"e{i}"), b"")
    assert package_read._declared_entries(buffer.getvalue()) == 70_000


def test_a_manifest_unit_unlike_the_forms_is_refused(memory_store: Store) -> None:
    store_with_forms(memory_store)
    manifest, files = unpack(good_package(memory_store))
    manifest["unit"] = "省财政厅（伪造）"
    with pytest.raises(PackageError) as err:
        read_package(pack(manifest, files))
    assert err.value.code == "manifest_mismatch" and "省财政厅（伪造）" in str(err.value)
