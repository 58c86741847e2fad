"""Exchange packages at the edges: id collisions across units, zip64 and data descriptors, names
that only differ by case or Unicode form, NUL in names."""
from __future__ import annotations

import hashlib
import io
import json
import sys
import unicodedata
import zipfile

import pytest

from model.package_apply import CONFLICT, NEW, NEWER, apply_plan, plan_import
from model.package_format import PackageError
from model.package_read import read_package
from model.store import Store
from tests.conftest import make_sample_form
from tests.model.package_helpers import dump, good_package, pack, store_with_forms, unpack


@pytest.fixture
def package(memory_store: Store) -> bytes:
    store_with_forms(memory_store)
    return good_package(memory_store)


def _first_id(data: bytes) -> str:
    return str(unpack(data)[0]["forms"][0]["id"])


def test_an_id_taken_by_another_units_form_is_refused_not_replaced(package: bytes) -> None:
    bureau = Store.memory()
    other = make_sample_form()
    other.id = _first_id(package)  # a copied file: same id, another unit
    other.header.update(department="示例县民政局", implementing_unit="示例县民政局")
    bureau.add(other)
    before = dump(bureau)
    plan = plan_import(bureau, read_package(package))
    conflict = plan.items[0]
    assert conflict.action == CONFLICT and plan.items[1].action == NEW
    assert "示例县民政局" in conflict.message and "不会覆盖它" in conflict.message
    assert "拒绝 1 张" in plan.summary() and plan.refused == [conflict]
    written = apply_plan(bureau, plan)
    assert [i.action for i in written] == [NEW]
    assert bureau.load(str(other.id)).unit == "示例县民政局"
    assert bureau.revision(str(other.id)) == 1 and bureau.history_entries(str(other.id)) == []
    assert dump(bureau) != before  # the second, new form did land


def test_an_id_taken_by_another_kind_is_refused(package: bytes) -> None:
    bureau = Store.memory()
    other = make_sample_form()
    other.id, other.kind = _first_id(package), "dept_self_eval"
    bureau.add(other)
    assert plan_import(bureau, read_package(package)).items[0].action == CONFLICT


def test_a_unit_filled_in_later_is_still_a_newer_revision(package: bytes) -> None:
    bureau = Store.memory()
    entry = next(f for f in unpack(package)[0]["forms"] if f["revision"] == 2)
    earlier = make_sample_form()
    earlier.id = entry["id"]
    earlier.header.update(department="", implementing_unit="")  # rev 1 was sent without a unit
    bureau.add(earlier)
    plan = plan_import(bureau, read_package(package))
    assert next(i for i in plan.items if i.item.entry.id == entry["id"]).action == NEWER


class _Unseekable(io.RawIOBase):
    """A pipe-like sink: zipfile then writes data descriptors after each entry."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b: bytes) -> int:  # type: ignore[override]
        self.data += b
        return len(b)


def test_zip64_entries_with_data_descriptors_are_read(package: bytes) -> None:
    manifest, files = unpack(package)
    manifest["files"] = {n: hashlib.sha256(d).hexdigest() for n, d in files.items()}
    sink = _Unseekable()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [("manifest.json", json.dumps(manifest, ensure_ascii=False).encode()), *files.items()]:
            with zf.open(name, "w", force_zip64=True) as f:
                f.write(data)
    raw = bytes(sink.data)
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        # Data descriptors on every entry; the zip64 version mark is only asserted where zipfile
        # writes it (Debian's Python 3.11.2 records version 20 although the entries are zip64).
        assert all(i.flag_bits & 0x8 for i in zf.infolist())
        assert all(i.extract_version >= 45 for i in zf.infolist()) or sys.version_info < (3, 11, 7)
    assert len(read_package(raw).forms) == 2


def test_names_equal_after_unicode_normalisation_are_duplicates(package: bytes) -> None:
    manifest, files = unpack(package)
    composed = "renderings/한글.pdf"
    decomposed = unicodedata.normalize("NFD", composed)  # conjoining jamo: still "word" characters
    assert composed != decomposed
    with pytest.raises(PackageError) as caught:
        read_package(pack(manifest, dict(files, **{composed: b"%PDF-1", decomposed: b"%PDF-2"})))
    assert caught.value.code == "duplicate_entry"


def test_a_file_listed_twice_in_different_case_is_refused(package: bytes) -> None:
    manifest, files = unpack(package)
    name = sorted(n for n in files if n.startswith("forms/"))[0]
    listed = {n: hashlib.sha256(d).hexdigest() for n, d in files.items()}
    listed[name.upper()] = listed[name]
    with pytest.raises(PackageError) as caught:
        read_package(pack(dict(manifest, files=listed), files, rehash=False))
    assert caught.value.code == "missing_file"


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_a_nul_in_a_name_cannot_smuggle_a_second_copy(package: bytes) -> None:
    manifest, files = unpack(package)
    name = sorted(n for n in files if n.startswith("forms/"))[0]
    # zipfile cuts a name at NUL, so this entry reads as a second copy of the form's file.
    with pytest.raises(PackageError) as caught:
        read_package(pack(manifest, dict(files, **{name + "\x00../../evil.exe": b"{}"})))
    assert caught.value.code == "duplicate_entry"
