"""Building an exchange package from stored forms: manifest with checksums, forms, renderings.

The package is built in memory, read back through the checking reader (so the program never
writes a package it would itself refuse), then written atomically. Renderings (PDF/XLSX) come
from a callable the caller passes in, since model/ must not import reports/.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from model.atomic import write_atomic_with
from model.errors import StoreError, os_reason
from model.form import KINDS, Form
from model.package_format import (
    DEFAULT_LIMITS,
    MANIFEST,
    RENDERING_NAME_RE,
    RENDERINGS_DIR,
    SUFFIX,
    UUID_RE,
    FormEntry,
    Limits,
    Manifest,
    PackageError,
)
from model.package_read import read_package
from model.signoff import status
from model.signoff_history import changes_since_signing
from model.version import VERSION

if TYPE_CHECKING:
    from model.store import Store  # annotations only: file naming (safe_name) needs no database

# (form) -> [(file name without folder, bytes)], e.g. [("2024-项目-ab12cd34.pdf", b"%PDF…")]
Renderer = Callable[[Form], Sequence[tuple[str, bytes]]]

MAX_CHANGES = 200  # lines of 签字后的改动 carried per form; the form itself holds every change
_UNSAFE = re.compile(r"[^\w\-()（）]+")


def safe_name(text: str, limit: int = 60) -> str:
    """A file-name part made of letters, digits, _ - and brackets only (others become _)."""
    return _UNSAFE.sub("_", text).strip("_")[:limit] or "未命名"


def package_file_name(forms: Sequence[Form], day: dt.date) -> str:
    """A readable package name: 单位-年度-表格-日期.jxpkg (several forms: "N张表格").

    Args:
        forms: the forms in the package (at least one).
        day: the export date.
    """
    units = sorted({f.unit for f in forms if f.unit})
    unit = units[0] if len(units) == 1 else ("多个单位" if units else "未填单位")
    years = sorted({f.year for f in forms})
    year = str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
    if len(forms) == 1:
        what = forms[0].header.get("project_name") or KINDS.get(forms[0].kind, forms[0].display_title)
    else:
        what = f"{len(forms)}张表格"
    return f"{safe_name(unit)}-{year}-{safe_name(what)}-{day:%Y%m%d}{SUFFIX}"


def build_package_bytes(store: Store, ids: Sequence[str], created: dt.datetime,
                        renderer: Renderer | None = None, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of a package holding the given stored forms.

    Args:
        store: where the forms are; their stored JSON is copied verbatim.
        ids: full form ids (duplicates are ignored).
        created: the time written into the manifest and the zip entries.
        renderer: makes the PDF/XLSX renderings of a form; None for a package without them.
        limits: checked by reading the result back.

    Returns:
        The package bytes. Raises StoreError for an unknown id, PackageError when the result
        would break a limit (e.g. a form with an over-long text).
    """
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise StoreError("没有选择要导出的表格。请至少选择一张表格。")
    files: dict[str, bytes] = {}
    entries: list[FormEntry] = []
    forms: list[Form] = []
    for form_id in ids:
        if not UUID_RE.fullmatch(form_id):
            raise StoreError(f"表格编号“{form_id[:40]}”不是标准编号（小写 UUID），不能放入交换包。请用 export-json "
                             "导出该表格，删去文件中的 \"id\" 一项后重新导入（会分配新编号），再导出交换包。")
        form = store.load(form_id)
        revision = store.revision(form_id)
        assert revision is not None  # load() succeeded, so the row exists
        now = status(form)
        changes = changes_since_signing(store, form) if now.modified else None
        entry = FormEntry(form_id, form.kind, form.year, form.display_title, revision,
                          form.profile_name(), form.unit, now.label,
                          tuple(c.text() for c in changes or ())[:MAX_CHANGES])
        files[entry.file] = store.load_body(form_id).encode("utf-8")
        for name, content in (renderer(form) if renderer else ()):
            full = RENDERINGS_DIR + name
            if not RENDERING_NAME_RE.fullmatch(full) or full in files:
                raise PackageError("bad_name", f"导出文件名“{name}”不合规或重复（程序内部错误）。")
            files[full] = content
        entries.append(entry)
        forms.append(form)
    units = sorted({f.unit for f in forms if f.unit})
    manifest = Manifest(VERSION, created.replace(microsecond=0).isoformat(),
                        units[0] if len(units) == 1 else "、".join(units), tuple(entries),
                        {name: hashlib.sha256(data).hexdigest() for name, data in files.items()})
    data = _zip(manifest, files, created)
    read_package(data, limits)
    return data


def _zip(manifest: Manifest, files: dict[str, bytes], created: dt.datetime) -> bytes:
    buffer = io.BytesIO()
    stamp = (max(created.year, 1980), created.month, created.day, created.hour, created.minute, created.second)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        manifest_text = _json_text(manifest.to_json())
        for name, data in [(MANIFEST, manifest_text.encode("utf-8")), *files.items()]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16  # a plain file, readable by all
            zf.writestr(info, data)
    return buffer.getvalue()


def _json_text(doc: object) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write_package(store: Store, ids: Sequence[str], dest: Path, created: dt.datetime,
                  renderer: Renderer | None = None) -> Path:
    """Build a package and write it atomically to `dest` (a file, or a folder to name it in).

    Returns:
        The path written. Raises StoreError when the destination cannot be written.
    """
    data = build_package_bytes(store, ids, created, renderer)
    dest = Path(dest)
    if dest.is_dir():
        dest = dest / package_file_name([store.load(i) for i in dict.fromkeys(ids)], created.date())
    try:
        write_atomic_with(dest, lambda f: f.write(data))
    except OSError as exc:
        raise StoreError(f"无法写入交换包“{dest}”（{os_reason(exc)}）。"
                         "请确认U盘已插好、未写保护且有足够空间，或换一个位置。") from None
    return dest
