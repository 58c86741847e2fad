"""The exchange package format (`jixiao.package/1`): names, manifest layout, safety limits, errors.

A package is a zip holding `manifest.json`, `forms/<uuid>.json` (jixiao.form/1) and optional
`renderings/<name>.pdf|.xlsx`. docs/exchange.md describes it; this module holds the constants
shared by the writer (model/package_write.py) and the checking reader (model/package_read.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from model.errors import JixiaoError

FORMAT = "jixiao.package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
FORMS_DIR = "forms/"
RENDERINGS_DIR = "renderings/"
SUFFIX = ".jxpkg"

UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
FORM_NAME_RE = re.compile(r"forms/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json")
# Renderings carry readable names for people who open the zip by hand: letters (any script),
# digits, _ - ( ) （ ）; no dots inside, so no "..", no hidden files, one known extension.
RENDERING_NAME_RE = re.compile(r"renderings/[\w\-()（）]{1,120}\.(pdf|xlsx)")
SHA256_RE = re.compile(r"[0-9a-f]{64}")
MIN_YEAR, MAX_YEAR = 1990, 2100
# A form saved once a second for thirty years stays far below this; SQLite's INTEGER ends at 2**63-1.
MAX_REVISION = 1_000_000_000

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds a package must stay within; a file beyond any of them is refused before use.

    The defaults are a hundred times what a county unit's year of forms needs (a form is
    10–60 KB of JSON, a rendering well under 1 MB) and small enough that checking a hostile
    file costs a second and a few hundred MB of memory at worst.
    """

    max_package_bytes: int = 64 * MiB
    max_entries: int = 1000
    max_forms: int = 300
    max_total_bytes: int = 256 * MiB
    max_ratio: int = 100
    ratio_floor_bytes: int = 64 * 1024   # small entries compress freely; ratio is checked above this
    max_manifest_bytes: int = 1 * MiB
    max_form_bytes: int = 2 * MiB
    max_rendering_bytes: int = 20 * MiB
    max_string_chars: int = 20_000
    max_json_depth: int = 32


DEFAULT_LIMITS = Limits()


class PackageError(JixiaoError):
    """A package refused: `code` names the check (stable, for tests and logs), str() is Chinese."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class FormEntry:
    """What the manifest says about one form: identity, description, revision and file."""

    id: str
    kind: str
    year: int
    title: str
    revision: int
    profile: str
    unit: str = ""
    # The sign-off state when packed (草稿/待审核/已审核/签字后被修改) and the changes since the last
    # signing, one line each (model/signoff_history.py); informative: the form's own record decides.
    state: str = ""
    changes: tuple[str, ...] = ()

    @property
    def file(self) -> str:
        """The form's entry name inside the zip."""
        return f"{FORMS_DIR}{self.id}.json"

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "kind": self.kind, "year": self.year, "title": self.title,
                "unit": self.unit, "revision": self.revision, "profile": self.profile,
                "file": self.file, "signoff": {"state": self.state, "changes": list(self.changes)}}


@dataclass(frozen=True)
class Manifest:
    """The decoded manifest.json: who made the package, when, and the SHA-256 of every file."""

    program_version: str
    created: str
    unit: str
    forms: tuple[FormEntry, ...]
    files: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {"format": FORMAT, "format_version": FORMAT_VERSION,
                "program_version": self.program_version, "created": self.created, "unit": self.unit,
                "forms": [f.to_json() for f in self.forms], "files": dict(sorted(self.files.items()))}
