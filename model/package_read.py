"""Reading an exchange package safely: every check before any form is handed to the caller.

Nothing here touches the database. The order is: file size, zip directory (names, kinds of entry,
declared sizes, ratios), manifest (format, version, fields), checksums, then each form through the
jixiao.form/1 codec. Any failure raises PackageError with a Chinese message naming the problem.
"""
from __future__ import annotations

import hashlib
import io
import json
import stat
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from model.codec import DuplicateKey, form_from_dict, unique_keys
from model.errors import FormFileError, os_reason
from model.form import KINDS, Form
from model.package_format import (
    DEFAULT_LIMITS,
    FORM_NAME_RE,
    FORMAT,
    FORMAT_VERSION,
    FORMS_DIR,
    MANIFEST,
    MAX_REVISION,
    MAX_YEAR,
    MIN_YEAR,
    RENDERING_NAME_RE,
    RENDERINGS_DIR,
    SHA256_RE,
    UUID_RE,
    FormEntry,
    Limits,
    Manifest,
    PackageError,
)

_FIX_ASK = "请让发送方用本程序重新导出交换包"


@dataclass(frozen=True)
class PackagedForm:
    """One form of a verified package: the manifest entry, the form and its exact JSON text."""

    entry: FormEntry
    form: Form
    body: str


@dataclass(frozen=True)
class Package:
    """A verified package: its manifest, its forms (manifest order) and rendering names."""

    manifest: Manifest
    forms: tuple[PackagedForm, ...]
    renderings: tuple[str, ...]


def _fail(code: str, message: str) -> NoReturn:
    raise PackageError(code, message)


def read_package(source: Path | bytes, limits: Limits = DEFAULT_LIMITS) -> Package:
    """Read and verify a package file (or its bytes).

    Args:
        source: the .jxpkg path, or the whole file as bytes.
        limits: the safety limits (tests pass smaller ones).

    Returns:
        The verified package. Raises PackageError (code + Chinese message) on any problem.
    """
    data = _read_bytes(source, limits)
    declared = _declared_entries(data)
    if declared is not None and declared > limits.max_entries:
        # zipfile would first read the whole directory: 500,000 empty entries took 4 s and 357 MB.
        _fail("too_many_entries", f"交换包内的文件数（{declared}）超过上限 {limits.max_entries}，"
                                  "不是正常的交换包。" + _FIX_ASK + "。")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        _fail("not_zip", "文件不是有效的交换包：无法按 zip 格式读取，可能已损坏或未复制完整。"
                         "请重新复制该文件；若仍不行，" + _FIX_ASK + "。")
    with zf:
        infos = _check_directory(zf, limits)
        raw_manifest = _read_entry(zf, infos[MANIFEST], limits.max_manifest_bytes)
        manifest = _parse_manifest(raw_manifest, limits)
        _check_unit(manifest)
        _check_files(manifest, infos)
        contents = {name: _read_entry(zf, info, _entry_limit(name, limits))
                    for name, info in infos.items() if name != MANIFEST}
    for name, content in contents.items():
        if hashlib.sha256(content).hexdigest() != manifest.files[name]:
            _fail("checksum", f"交换包中的文件“{name}”校验值不符：文件在复制途中损坏或被改动过。"
                              "请重新复制该文件；若仍不行，" + _FIX_ASK + "。")
    forms = tuple(_read_form(entry, contents[entry.file], limits) for entry in manifest.forms)
    renderings = tuple(sorted(n for n in contents if n.startswith(RENDERINGS_DIR)))
    return Package(manifest, forms, renderings)


def _read_bytes(source: Path | bytes, limits: Limits) -> bytes:
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        try:
            if not path.is_file():
                _fail("not_file", f"“{path}”不是一个文件。请选择扩展名为 .jxpkg 的交换包文件。")
            if path.stat().st_size > limits.max_package_bytes:
                _fail("package_too_large", _too_large_message(path.stat().st_size, limits))
            with path.open("rb") as f:
                # Read one byte past the limit: the file may grow between stat and read.
                data = f.read(limits.max_package_bytes + 1)
        except OSError as exc:
            _fail("unreadable", f"无法读取交换包“{path.name}”（{os_reason(exc)}）。"
                                "请确认U盘已插好、文件未被其他程序占用。")
    if len(data) > limits.max_package_bytes:
        _fail("package_too_large", _too_large_message(len(data), limits))
    return data


def _too_large_message(size: int, limits: Limits) -> str:
    return (f"交换包过大（{size // (1024 * 1024)} MB，上限 {limits.max_package_bytes // (1024 * 1024)} MB），"
            "不是本程序生成的正常交换包。请确认选择的文件是否正确。")


def _check_directory(zf: zipfile.ZipFile, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    """Check every entry's name, kind and sizes; return the file entries by name."""
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        _fail("too_many_entries", f"交换包内的文件数（{len(infos)}）超过上限 {limits.max_entries}，"
                                  "不是正常的交换包。" + _FIX_ASK + "。")
    files: dict[str, zipfile.ZipInfo] = {}
    seen_folded: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        _check_name(name)
        folded = unicodedata.normalize("NFKC", name).casefold()
        if folded in seen_folded:
            # Windows folders ignore case and macOS normalises Unicode: two such names would
            # overwrite each other when someone extracts the zip by hand.
            _fail("duplicate_entry", f"交换包内有重名文件“{name}”，无法确定以哪一个为准。" + _FIX_ASK + "。")
        seen_folded.add(folded)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            _fail("link", f"交换包内的“{name}”是一个链接（快捷方式），交换包不允许含链接。" + _FIX_ASK + "。")
        if info.flag_bits & 0x1:
            _fail("encrypted", f"交换包内的“{name}”被加密，本程序不读取加密的文件。" + _FIX_ASK + "。")
        if info.is_dir():
            if name not in (FORMS_DIR, RENDERINGS_DIR):
                _fail("bad_name", f"交换包内有不认识的文件夹“{name}”。" + _FIX_ASK + "。")
            continue
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            _fail("compression", f"交换包内的“{name}”使用了本程序不支持的压缩方式。" + _FIX_ASK + "。")
        if not (name == MANIFEST or FORM_NAME_RE.fullmatch(name) or RENDERING_NAME_RE.fullmatch(name)):
            _fail("bad_name", f"交换包内有不认识的文件“{name}”（只允许 manifest.json、forms/编号.json、"
                              "renderings/名称.pdf 或 .xlsx）。" + _FIX_ASK + "。")
        limit = _entry_limit(name, limits)
        if info.file_size > limit:
            _fail("entry_too_large", f"交换包内的“{name}”过大（{info.file_size} 字节，上限 {limit} 字节）。"
                                     + _FIX_ASK + "。")
        if info.file_size > limits.ratio_floor_bytes and \
                info.file_size > limits.max_ratio * max(info.compress_size, 1):
            _fail("zip_bomb", f"交换包内的“{name}”压缩比异常（解压后是压缩时的 "
                              f"{info.file_size // max(info.compress_size, 1)} 倍），可能是恶意文件，已拒绝。"
                              "请勿使用来历不明的文件。")
        total += info.file_size
        if total > limits.max_total_bytes:
            _fail("total_too_large", f"交换包解压后总大小超过上限 {limits.max_total_bytes // (1024 * 1024)} MB，"
                                     "可能是恶意文件，已拒绝。请勿使用来历不明的文件。")
        files[name] = info
    if MANIFEST not in files:
        _fail("no_manifest", "交换包中缺少清单文件 manifest.json，无法核对内容。" + _FIX_ASK + "。")
    return files


_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"


def _declared_entries(data: bytes) -> int | None:
    """The entry count the zip's end record declares (zip64 too), read without the directory.

    None when there is no end record (zipfile then says it is not a zip).
    """
    tail_start = max(0, len(data) - (22 + 0xFFFF))
    at = data.rfind(_EOCD, tail_start)
    if at < 0 or at + 22 > len(data):
        return None
    count = int.from_bytes(data[at + 10:at + 12], "little")
    locator = at - 20
    if count == 0xFFFF and locator >= 0 and data[locator:locator + 4] == _ZIP64_LOCATOR:
        offset = int.from_bytes(data[locator + 8:locator + 16], "little")
        if data[offset:offset + 4] == _ZIP64_EOCD:
            count = int.from_bytes(data[offset + 32:offset + 40], "little")
    return count


def _check_unit(manifest: Manifest) -> None:
    """The manifest's unit is the forms' unit (or their units joined by 、), as the writer puts it."""
    units = sorted({e.unit for e in manifest.forms if e.unit})
    expected = "、".join(units)
    if manifest.unit != expected:
        _fail("manifest_mismatch", f"清单中的单位“{manifest.unit[:40]}”与包内表格的单位“{expected[:80] or '（未填）'}”"
                                   "不一致，清单可能被改动过。" + _FIX_ASK + "。")


def _check_name(name: str) -> None:
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":") or "\x00" in name:
        _fail("absolute_path", f"交换包内的文件名“{name}”是绝对路径或含非法字符，可能试图写到别处，已拒绝。"
                               "请勿使用来历不明的文件。")
    if ".." in name.split("/"):
        _fail("traversal", f"交换包内的文件名“{name}”含“..”，试图跳出交换包的文件夹，已拒绝。"
                           "请勿使用来历不明的文件。")


def _entry_limit(name: str, limits: Limits) -> int:
    if name == MANIFEST:
        return limits.max_manifest_bytes
    if name.startswith(FORMS_DIR):
        return limits.max_form_bytes
    return limits.max_rendering_bytes


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Decompress one entry, never more than `limit` bytes whatever its header claims."""
    try:
        with zf.open(info) as f:
            data = f.read(limit + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ValueError, OSError, EOFError,
            NotImplementedError, RuntimeError) as exc:
        _fail("corrupt_entry", f"交换包内的“{info.filename}”无法解压（{_zip_reason(exc)}），文件可能已损坏或"
                               "未复制完整。请重新复制该文件；若仍不行，" + _FIX_ASK + "。")
    if len(data) > limit or len(data) != info.file_size:
        _fail("corrupt_entry", f"交换包内的“{info.filename}”解压后的大小与记录不符，文件可能已损坏或被改动。"
                               + _FIX_ASK + "。")
    return data


def _zip_reason(exc: BaseException) -> str:
    text = str(exc)
    if "CRC" in text or isinstance(exc, zlib.error):
        return "校验码错误"
    if "truncated" in text.lower() or isinstance(exc, EOFError):
        return "数据不完整"
    return "数据损坏"


# -- manifest ------------------------------------------------------------------------------------

def _load_json(raw: bytes, where: str, limits: Limits, code: str) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        _fail(code, f"{where}不是 UTF-8 编码的文字。" + _FIX_ASK + "。")
    try:
        doc = json.loads(text, object_pairs_hook=unique_keys, parse_constant=_no_constant)
    except RecursionError:
        _fail("too_deep", f"{where}嵌套层数过多，可能是恶意文件，已拒绝。")
    except DuplicateKey as exc:
        _fail("duplicate_key", f"{where}中键“{exc.key}”出现了两次，无法确定以哪一个为准，可能被改动过。"
                               + _FIX_ASK + "。")
    except ValueError as exc:
        where_in = f"（第 {exc.lineno} 行第 {exc.colno} 列）" if isinstance(exc, json.JSONDecodeError) else ""
        _fail(code, f"{where}不是有效的 JSON{where_in}，文件可能已损坏。" + _FIX_ASK + "。")
    _check_strings(doc, where, limits, 0)
    return doc


def _no_constant(name: str) -> NoReturn:
    raise ValueError(name)


def _check_strings(value: Any, where: str, limits: Limits, depth: int) -> None:
    """Refuse over-long strings (keys too) and deep nesting anywhere in a decoded document."""
    if depth > limits.max_json_depth:
        _fail("too_deep", f"{where}嵌套层数超过 {limits.max_json_depth} 层，可能是恶意文件，已拒绝。")
    if isinstance(value, str):
        if len(value) > limits.max_string_chars:
            _fail("string_too_long", f"{where}中有一段文字长达 {len(value)} 字（上限 {limits.max_string_chars} 字），"
                                     "不是正常的表格内容。请发送方缩短该内容后重新导出。")
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_strings(k, where, limits, depth + 1)
            _check_strings(v, where, limits, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _check_strings(v, where, limits, depth + 1)


def _parse_manifest(raw: bytes, limits: Limits) -> Manifest:
    doc = _load_json(raw, "清单文件 manifest.json ", limits, "bad_manifest")
    if not isinstance(doc, dict):
        _fail("bad_manifest", "清单文件 manifest.json 的内容应是一个对象。" + _FIX_ASK + "。")
    if doc.get("format") != FORMAT:
        _fail("unknown_format", f"交换包格式“{str(doc.get('format'))[:40]}”不是本程序的交换包（应为 {FORMAT}）。"
                                "请确认选择的是本程序导出的 .jxpkg 文件。")
    version = doc.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        _fail("bad_version", "清单文件缺少交换包格式版本号（format_version）。" + _FIX_ASK + "。")
    if version > FORMAT_VERSION:
        _fail("newer_version", f"该交换包由更新版本的程序生成（格式版本 {version}，本程序支持 {FORMAT_VERSION}）。"
                               "请先升级本程序再导入。")
    if version != FORMAT_VERSION:
        _fail("bad_version", f"交换包格式版本 {version} 无法识别（本程序支持 {FORMAT_VERSION}）。" + _FIX_ASK + "。")
    texts = {key: _text(doc, key) for key in ("program_version", "created", "unit")}
    files = doc.get("files")
    if not isinstance(files, dict):
        _fail("bad_manifest", "清单文件缺少文件校验值列表（files）。" + _FIX_ASK + "。")
    for name, digest in files.items():
        if not isinstance(digest, str) or not SHA256_RE.fullmatch(digest):
            _fail("bad_manifest", f"清单文件中“{name}”的校验值格式不对（应为 64 位 SHA-256）。" + _FIX_ASK + "。")
    raw_forms = doc.get("forms")
    if not isinstance(raw_forms, list):
        _fail("bad_manifest", "清单文件缺少表格列表（forms）。" + _FIX_ASK + "。")
    if len(raw_forms) > limits.max_forms:
        _fail("too_many_forms", f"交换包含 {len(raw_forms)} 张表格，超过上限 {limits.max_forms}。"
                                "请分成几个交换包导出。")
    entries = tuple(_form_entry(item, i) for i, item in enumerate(raw_forms))
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            _fail("duplicate_id", f"清单中表格编号 {entry.id} 出现了两次，无法确定以哪一份为准。" + _FIX_ASK + "。")
        seen.add(entry.id)
    return Manifest(texts["program_version"], texts["created"], texts["unit"], entries, dict(files))


def _text(doc: dict[str, Any], key: str, where: str = "清单文件") -> str:
    value = doc.get(key)
    if not isinstance(value, str):
        _fail("bad_manifest", f"{where}中缺少“{key}”或它不是文字。" + _FIX_ASK + "。")
    return value


def _form_entry(item: Any, index: int) -> FormEntry:
    where = f"清单文件 forms[{index}]"
    if not isinstance(item, dict):
        _fail("bad_manifest", f"{where} 应是一个对象。" + _FIX_ASK + "。")
    form_id = _text(item, "id", where)
    if not UUID_RE.fullmatch(form_id):
        _fail("bad_manifest", f"{where} 的表格编号“{form_id[:40]}”格式不对（应为小写 UUID）。" + _FIX_ASK + "。")
    kind = _text(item, "kind", where)
    if kind not in KINDS:
        _fail("bad_manifest", f"{where} 的表格类型“{kind[:40]}”无法识别。请升级本程序，或" + _FIX_ASK + "。")
    year, revision = item.get("year"), item.get("revision")
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        _fail("bad_manifest", f"{where} 的年度应是 {MIN_YEAR}–{MAX_YEAR} 之间的整数。" + _FIX_ASK + "。")
    if isinstance(revision, bool) or not isinstance(revision, int) or not 1 <= revision <= MAX_REVISION:
        _fail("bad_revision", f"{where}（编号 {form_id}）的版本号应是 1 到 {MAX_REVISION} 之间的整数，"
                              f"现在是“{str(revision)[:20]}”。"
                              + _FIX_ASK + "。")
    if item.get("file") != f"{FORMS_DIR}{form_id}.json":
        _fail("bad_manifest", f"{where} 的文件名应为 forms/{form_id}.json。" + _FIX_ASK + "。")
    state, changes = _signoff_note(item.get("signoff"), where)
    return FormEntry(form_id, kind, year, _text(item, "title", where), revision,
                     _text(item, "profile", where), _text(item, "unit", where), state, changes)


def _signoff_note(value: Any, where: str) -> tuple[str, tuple[str, ...]]:
    """The optional sign-off note of a manifest entry (absent in packages of older programs)."""
    if value is None:
        return "", ()
    changes = value.get("changes") if isinstance(value, dict) else None
    state = value.get("state") if isinstance(value, dict) else None
    if not isinstance(state, str) or not isinstance(changes, list) or not all(isinstance(c, str) for c in changes):
        _fail("bad_manifest", f"{where} 的签字说明（signoff）格式不对。" + _FIX_ASK + "。")
    return state, tuple(changes)


def _check_files(manifest: Manifest, infos: dict[str, zipfile.ZipInfo]) -> None:
    """The manifest's checksums cover every entry and only entries present; forms have files."""
    present = set(infos) - {MANIFEST}
    listed = set(manifest.files)
    for name in sorted(listed - present):
        _fail("missing_file", f"清单中列出的“{name}”在交换包中找不到，交换包不完整。"
                              "请重新复制该文件；若仍不行，" + _FIX_ASK + "。")
    for name in sorted(present - listed):
        _fail("unlisted_file", f"交换包中的“{name}”没有列在清单中，来历不明，已拒绝整个交换包。" + _FIX_ASK + "。")
    form_files = {e.file for e in manifest.forms}
    for name in sorted(n for n in present if n.startswith(FORMS_DIR)):
        if name not in form_files:
            _fail("unlisted_file", f"交换包中的表格文件“{name}”不在清单的表格列表中。" + _FIX_ASK + "。")


# -- forms ---------------------------------------------------------------------------------------

def _read_form(entry: FormEntry, raw: bytes, limits: Limits) -> PackagedForm:
    where = f"表格文件 {entry.file} "
    doc = _load_json(raw, where, limits, "bad_form")
    try:
        form = form_from_dict(doc, entry.file)
    except FormFileError as exc:
        _fail("bad_form", f"交换包中的表格有误：{exc}")
    except RecursionError:
        _fail("too_deep", f"{where}嵌套层数过多，可能是恶意文件，已拒绝。")
    actual = {"id": form.id, "kind": form.kind, "year": form.year, "title": form.display_title,
              "unit": form.unit, "profile": form.profile_name()}
    for key, value in actual.items():
        if value != getattr(entry, key):
            _fail("manifest_mismatch", f"清单中表格 {entry.id} 的“{key}”与表格文件内容不一致"
                                       f"（清单：{str(getattr(entry, key))[:40]}，文件：{str(value)[:40]}），"
                                       "清单可能被改动过。" + _FIX_ASK + "。")
    return PackagedForm(entry, form, raw.decode("utf-8"))
