"""Helpers for the package tests: a good package taken apart, put back together, and a DB dump."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from typing import Any

from model.form import Form
from model.package_write import build_package_bytes
from model.store import Store

CREATED = dt.datetime(2024, 3, 5, 10, 30, 0)


def second_form() -> Form:
    """Another form of the same unit, different project."""
    from tests.conftest import make_sample_form

    form = make_sample_form()
    form.header["project_name"] = "困难残疾人生活补贴项目"
    return form


def store_with_forms(store: Store) -> list[str]:
    """Add two sample forms (the first saved once more, so at revision 2); return their ids."""
    from tests.conftest import make_sample_form

    first = make_sample_form()
    store.add(first)
    first.goals[0].achieved = "全部完成"
    store.save(first, 1)
    second = second_form()
    store.add(second)
    return [str(first.id), str(second.id)]


def good_package(store: Store) -> bytes:
    """A valid package of the two sample forms."""
    return build_package_bytes(store, [s.id for s in store.list_forms()], CREATED)


def unpack(data: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest (decoded) and the other files of a package."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    return json.loads(files.pop("manifest.json")), files


def pack(manifest: dict[str, Any] | bytes, files: dict[str, bytes], rehash: bool = True) -> bytes:
    """A zip of a manifest and files; with rehash the manifest's checksums are made to fit."""
    if rehash and isinstance(manifest, dict):
        manifest = dict(manifest, files={n: hashlib.sha256(d).hexdigest() for n, d in files.items()})
    raw = manifest if isinstance(manifest, bytes) else json.dumps(manifest, ensure_ascii=False).encode()
    return raw_zip([("manifest.json", raw), *files.items()])


def raw_zip(entries: list[tuple[str | zipfile.ZipInfo, bytes]],
            compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of the entries exactly as given (names are not cleaned)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return buffer.getvalue()


def dump(store: Store) -> list[str]:
    """Every row of every table, as SQL text: equal dumps mean an unchanged database."""
    return list(store.db.conn.iterdump())
