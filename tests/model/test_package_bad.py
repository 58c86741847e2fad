"""Crafted bad packages: each is refused with its own Chinese message and the database unchanged."""
from __future__ import annotations

import copy
import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

import pytest

from model.package_apply import apply_plan, plan_import
from model.package_format import Limits, PackageError
from model.package_read import read_package
from model.store import Store
from tests.model.package_helpers import dump, good_package, pack, raw_zip, store_with_forms, unpack

Parts = tuple[dict[str, Any], dict[str, bytes]]
SMALL = Limits(max_entries=4, max_forms=1, max_total_bytes=150_000, max_form_bytes=100_000,
               max_rendering_bytes=100_000, ratio_floor_bytes=1000, max_package_bytes=200_000,
               max_string_chars=500, max_json_depth=10)


def _form_name(files: dict[str, bytes]) -> str:
    return sorted(n for n in files if n.startswith("forms/"))[0]


def _edit_form(parts: Parts, change: Callable[[dict[str, Any]], None], rehash: bool = True) -> bytes:
    manifest, files = parts
    name = _form_name(files)
    doc = json.loads(files[name])
    change(doc)
    files[name] = json.dumps(doc, ensure_ascii=False).encode()
    return pack(manifest, files, rehash)


def _edit_manifest(parts: Parts, change: Callable[[dict[str, Any]], None]) -> bytes:
    manifest, files = parts
    change(manifest)
    return pack(manifest, files, rehash=False)


def _add(parts: Parts, name: str, data: bytes, listed: bool = True) -> bytes:
    manifest, files = parts
    files = dict(files, **{name: data})
    if listed:
        return pack(manifest, files)
    return pack(dict(manifest, files={**manifest["files"]}), files, rehash=False)


def _symlink(parts: Parts) -> bytes:
    manifest, files = parts
    info = zipfile.ZipInfo("renderings/link.pdf")
    info.external_attr = 0o120777 << 16
    raw = pack(manifest, dict(files, **{"renderings/link.pdf": b"/etc/passwd"}))
    # Rebuild with the link entry marked as a symlink (pack writes plain files).
    entries: list[tuple[str | zipfile.ZipInfo, bytes]] = []
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        for n in zf.namelist():
            entries.append((info if n == "renderings/link.pdf" else n, zf.read(n)))
    return raw_zip(entries)


def _patch_central(data: bytes, name: str, offset: int, value: bytes) -> bytes:
    """Overwrite bytes of one entry's central-directory record (what readers trust)."""
    out, start = bytearray(data), 0
    while True:
        at = data.find(b"PK\x01\x02", start)
        assert at >= 0, name
        name_len = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + name_len] == name.encode():
            out[at + offset:at + offset + len(value)] = value
            return bytes(out)
        start = at + 4


def _encrypted(parts: Parts) -> bytes:
    data = pack(*parts)
    name = _form_name(parts[1])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        flags = zf.getinfo(name).flag_bits | 0x1
    return _patch_central(data, name, 8, flags.to_bytes(2, "little"))


def _duplicate_entry(parts: Parts) -> bytes:
    manifest, files = parts
    name = _form_name(files)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate we make on purpose
        return raw_zip([("manifest.json", json.dumps(manifest).encode()), *files.items(), (name, files[name])])


def _flip_byte(parts: Parts) -> bytes:
    data = bytearray(pack(*parts))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo(_form_name(parts[1]))
    # Inside the compressed data of the form: past the 30-byte local header and its name.
    at = info.header_offset + 30 + len(info.filename.encode()) + 20
    data[at] ^= 0xFF
    return bytes(data)


def _deep(n: int) -> Any:
    value: Any = "x"
    for _ in range(n):
        value = [value]
    return value


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d.__setitem__(key, value)


def _set_form(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda m: m["forms"][0].__setitem__(key, value)


# (id, builder(parts) -> bytes, limits, expected code, a fragment of the Chinese message)
CASES: list[tuple[str, Callable[[Parts], bytes], Limits | None, str, str]] = [
    ("empty-file", lambda p: b"", None, "not_zip", "无法按 zip 格式读取"),
    ("random-bytes", lambda p: bytes(range(256)) * 40, None, "not_zip", "无法按 zip 格式读取"),
    ("truncated-half", lambda p: pack(*p)[: len(pack(*p)) // 2], None, "not_zip", "未复制完整"),
    ("truncated-tail", lambda p: pack(*p)[:-30], None, "not_zip", "未复制完整"),
    ("flipped-byte", _flip_byte, None, "corrupt_entry", "无法解压"),
    ("traversal", lambda p: _add(p, "../evil.json", b"{}"), None, "traversal", "含“..”"),
    ("traversal-inside", lambda p: _add(p, "forms/../../evil.json", b"{}"), None, "traversal", "跳出"),
    ("absolute", lambda p: _add(p, "/etc/cron.d/evil", b"x"), None, "absolute_path", "绝对路径"),
    ("drive-letter", lambda p: _add(p, "C:/Windows/evil.dll", b"x"), None, "absolute_path", "绝对路径"),
    ("backslash", lambda p: _add(p, "forms\\..\\evil.json", b"x"), None, "absolute_path", "非法字符"),
    ("symlink", _symlink, None, "link", "链接"),
    ("zip-bomb-ratio", lambda p: _add(p, "renderings/bomb.pdf", b"\0" * 90_000), Limits(ratio_floor_bytes=1000, max_ratio=50), "zip_bomb", "压缩比异常"),
    ("total-too-large", lambda p: _add(_add_parts(p, "renderings/a.pdf", _noise(90_000)), "renderings/b.pdf",
                                       _noise(90_000)), Limits(max_total_bytes=150_000), "total_too_large", "总大小"),
    ("entry-too-large", lambda p: _add(p, "renderings/big.pdf", _noise(120_000)), SMALL, "entry_too_large", "过大"),
    ("package-too-large", lambda p: _add(p, "renderings/big.pdf", _noise(250_000)), Limits(max_package_bytes=200_000),
     "package_too_large", "交换包过大"),
    ("too-many-entries", lambda p: _add(_add_parts(p, "renderings/a.pdf", b"1"), "renderings/b.pdf", b"2"),
     Limits(max_entries=4), "too_many_entries", "文件数"),
    ("duplicate-entry", _duplicate_entry, None, "duplicate_entry", "重名"),
    ("case-duplicate", lambda p: _add(_add_parts(p, "renderings/A.pdf", b"1"), "renderings/a.pdf", b"2"), None,
     "duplicate_entry", "重名"),
    ("unknown-file", lambda p: _add(p, "setup.exe", b"MZ"), None, "bad_name", "不认识的文件"),
    ("unknown-folder", lambda p: _add(p, "other/", b""), None, "bad_name", "不认识的文件夹"),
    ("hidden-rendering", lambda p: _add(p, "renderings/.x.pdf", b"1"), None, "bad_name", "不认识的文件"),
    ("encrypted", _encrypted, None, "encrypted", "加密"),
    ("bzip2", lambda p: raw_zip([("manifest.json", json.dumps(p[0]).encode()), *p[1].items()], zipfile.ZIP_BZIP2),
     None, "compression", "压缩方式"),
    ("no-manifest", lambda p: raw_zip(list(p[1].items())), None, "no_manifest", "缺少清单文件"),
    ("manifest-not-json", lambda p: pack(b"{format: jixiao", p[1], rehash=False), None, "bad_manifest", "不是有效的 JSON"),
    ("manifest-not-utf8", lambda p: pack("清单".encode("gbk"), p[1], rehash=False), None, "bad_manifest", "UTF-8"),
    ("manifest-a-list", lambda p: pack(b"[]", p[1], rehash=False), None, "bad_manifest", "应是一个对象"),
    ("unknown-format", lambda p: _edit_manifest(p, _set("format", "other.zip")), None, "unknown_format",
     "不是本程序的交换包"),
    ("newer-version", lambda p: _edit_manifest(p, _set("format_version", 2)), None, "newer_version", "请先升级本程序"),
    ("version-zero", lambda p: _edit_manifest(p, _set("format_version", 0)), None, "bad_version", "无法识别"),
    ("version-text", lambda p: _edit_manifest(p, _set("format_version", "1")), None, "bad_version", "版本号"),
    ("duplicate-key", lambda p: pack(json.dumps(p[0])[:-1].encode() + b', "format": "jixiao.package"}', p[1],
                                     rehash=False), None, "duplicate_key", "出现了两次"),
    ("wrong-checksum", lambda p: _edit_manifest(p, lambda m: m["files"].__setitem__(_form_name(p[1]), "0" * 64)),
     None, "checksum", "校验值不符"),
    ("tampered-form", lambda p: _edit_form(p, _set("year", 2023), rehash=False), None, "checksum", "被改动过"),
    ("bad-sha-format", lambda p: _edit_manifest(p, lambda m: m["files"].__setitem__(_form_name(p[1]), "abc")),
     None, "bad_manifest", "SHA-256"),
    ("listed-missing", lambda p: _edit_manifest(p, lambda m: m["files"].__setitem__("renderings/x.pdf", "a" * 64)),
     None, "missing_file", "找不到"),
    ("unlisted-file", lambda p: _add(p, "renderings/extra.pdf", b"%PDF", listed=False), None, "unlisted_file",
     "没有列在清单中"),
    ("form-file-not-in-forms-list", lambda p: _edit_manifest(p, lambda m: m["forms"].pop()), None, "unlisted_file",
     "不在清单的表格列表中"),
    ("forged-year", lambda p: _edit_manifest(p, _set_form("year", 2020)), None, "manifest_mismatch", "清单可能被改动过"),
    ("forged-title", lambda p: _edit_manifest(p, _set_form("title", "另一张表")), None, "manifest_mismatch", "不一致"),
    ("forged-id", lambda p: _edit_form(p, _set("id", "00000000-0000-4000-8000-000000000000")), None,
     "manifest_mismatch", "“id”"),
    ("duplicate-ids", lambda p: _edit_manifest(p, lambda m: m["forms"].append(copy.deepcopy(m["forms"][0]))), None,
     "duplicate_id", "出现了两次"),
    ("revision-zero", lambda p: _edit_manifest(p, _set_form("revision", 0)), None, "bad_revision", "1 到 1000000000"),
    # Past SQLite's INTEGER: was an OverflowError traceback when the plan was applied.
    ("revision-2**63", lambda p: _edit_manifest(p, _set_form("revision", 2**63)), None, "bad_revision", "版本号"),
    ("revision-2**63-1", lambda p: _edit_manifest(p, _set_form("revision", 2**63 - 1)), None, "bad_revision",
     "1 到 1000000000"),
    ("revision-bool", lambda p: _edit_manifest(p, _set_form("revision", True)), None, "bad_revision", "版本号"),
    ("revision-missing", lambda p: _edit_manifest(p, lambda m: m["forms"][0].pop("revision")), None, "bad_revision",
     "版本号"),
    ("id-not-uuid", lambda p: _edit_manifest(p, _set_form("id", "../../x")), None, "bad_manifest", "UUID"),
    ("unknown-kind", lambda p: _edit_manifest(p, _set_form("kind", "budget")), None, "bad_manifest", "类型"),
    ("year-out-of-range", lambda p: _edit_manifest(p, _set_form("year", 99999)), None, "bad_manifest", "年度"),
    ("too-many-forms", lambda p: pack(*p), Limits(max_forms=1), "too_many_forms", "超过上限"),
    ("oversize-string-form", lambda p: _edit_form(p, lambda d: d["header"].__setitem__("purpose", _varied_text(30_000))),
     None, "string_too_long", "一段文字长达 30000 字"),
    ("oversize-string-manifest", lambda p: _edit_manifest(p, _set("unit", _varied_text(30_000))), None, "string_too_long",
     "manifest.json"),
    ("deep-manifest", lambda p: _edit_manifest(p, _set("extra", _deep(50))), None, "too_deep", "嵌套层数"),
    ("form-wrong-schema", lambda p: _edit_form(p, _set("schema", "jixiao.form/9")), None, "bad_form", "格式版本"),
    ("form-nan", lambda p: pack(p[0], {**p[1], _form_name(p[1]): p[1][_form_name(p[1])].replace(
        b'"year": 2024', b'"year": NaN', 1)}), None, "bad_form", "不是有效的 JSON"),
    ("form-weight-text", lambda p: _edit_form(p, lambda d: d["funds"].__setitem__("weight", "十")), None, "bad_form",
     "funds.weight"),
]


def _varied_text(n: int) -> str:
    """Chinese-looking text that does not compress a hundredfold (a real long paragraph)."""
    return "".join(chr(0x4E00 + b * 7 % 0x5000) for b in _noise(n))


def _noise(n: int) -> bytes:
    """Incompressible bytes (a simple LCG: deterministic, no ratio trigger)."""
    out, x = bytearray(), 12345
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(x >> 16 & 0xFF)
    return bytes(out)


def _add_parts(parts: Parts, name: str, data: bytes) -> Parts:
    return parts[0], dict(parts[1], **{name: data})


@pytest.fixture
def parts(memory_store: Store) -> Parts:
    store_with_forms(memory_store)
    return unpack(good_package(memory_store))


@pytest.mark.parametrize(("case", "build", "limits", "code", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_bad_package_is_refused_and_database_unchanged(
        memory_store: Store, case: str, build: Callable[[Parts], bytes], limits: Limits | None,
        code: str, fragment: str) -> None:
    store_with_forms(memory_store)
    parts = unpack(good_package(memory_store))
    data = build(parts)
    before = dump(memory_store)
    with pytest.raises(PackageError) as caught:
        package = read_package(data, limits or Limits())
        apply_plan(memory_store, plan_import(memory_store, package))
    assert caught.value.code == code, str(caught.value)
    assert fragment in str(caught.value)
    assert dump(memory_store) == before


def test_at_least_thirty_distinct_bad_packages() -> None:
    assert len(CASES) >= 30
    assert len({c[3] for c in CASES}) >= 25  # many different checks, not one check thirty times


def test_the_unmodified_parts_make_a_good_package(parts: Parts) -> None:
    # The builders above start from a good package: without the damage it is accepted.
    package = read_package(pack(*parts))
    assert len(package.forms) == 2


def test_a_lying_size_header_cannot_inflate_past_the_limit(parts: Parts) -> None:
    manifest, files = parts
    big = b"\0" * 500_000
    data = pack(manifest, dict(files, **{"renderings/x.pdf": big}))
    data = _patch_central(data, "renderings/x.pdf", 24, (1000).to_bytes(4, "little"))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.getinfo("renderings/x.pdf").file_size == 1000  # the lie is in place
    with pytest.raises(PackageError) as caught:
        read_package(data)
    assert caught.value.code == "corrupt_entry"
