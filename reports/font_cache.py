"""A parsed TrueType font kept on disk, so that a start does not parse the whole CJK font again.

ReportLab's TTFontFace holds the font's metrics (cmap, widths, glyph offsets, table directory) and
the font file's bytes, from which it cuts the subset embedded in each PDF. The metrics are pickled
into the user's cache folder, keyed by the font file (size, hash of its head and tail), ReportLab's
version and the face index; the file itself is mapped only when a PDF is saved, and only the pages
holding the glyphs used are read. A missing, stale or damaged cache is rebuilt silently; a cache
folder that cannot be written costs only the time saved.
"""
from __future__ import annotations

import hashlib
import mmap
import os
import pickle
import tempfile
from array import array
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.rl_config import unShapedFontGlob
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

CACHE_ENV = "JIXIAO_CACHE_DIR"
FORMAT = 5  # bump when the cached state changes shape
_EDGE = 1 << 16  # bytes hashed at each end of the font file
# Not pickled: the file's bytes (mapped again on demand) and a lambda (rebuilt from unitsPerEm).
_TRANSIENT = ("_ttf_data", "_pdfScale")
_NEEDED = ("charToGlyph", "charWidths", "_later", "table", "unitsPerEm", "name")
# Unpickled on first use: hmetrics and glyphPos when a subset is cut, glyphToChar for shaping only.
_LATER = ("hmetrics", "glyphPos", "glyphToChar")


def cache_dir() -> Path:
    """`$JIXIAO_CACHE_DIR` if set, else the per-user cache folder (e.g. %LOCALAPPDATA%\\Jixiao\\Cache)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("Jixiao", appauthor=False))


def cache_file(path: Path, face: int) -> Path:
    """Where the parsed state of `path`'s face is kept (a name that changes with the font file)."""
    digest = hashlib.sha256(f"{FORMAT}|{reportlab.Version}|{face}|".encode())
    with path.open("rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        digest.update(str(size).encode())
        digest.update(fh.read(_EDGE))
        fh.seek(max(0, size - _EDGE))
        digest.update(fh.read(_EDGE))
    return cache_dir() / f"font-{path.stem}-{digest.hexdigest()[:24]}.pickle"


def load_font(name: str, path: Path, face: int = 0) -> TTFont:
    """A ReportLab TTFont for face `face` of `path`, from the cache when it holds it.

    Raises:
        TTFError: as ReportLab's TTFont, when the font cannot be embedded (parsed fresh only).
    """
    where = cache_file(path, face)
    state = _read(where)
    if state is not None:
        return CachedTTFont(name, CachedFace(state, path))
    font = TTFont(name, str(path), subfontIndex=face)
    _write(where, font.face)
    return font


def _read(where: Path) -> dict[str, Any] | None:
    try:
        # Our own file in the user's own folder, written by _write.
        state = _unpack(pickle.loads(where.read_bytes()))
    except Exception:  # noqa: BLE001 — missing, truncated by a power cut, or from another version
        return None
    if not isinstance(state, dict) or not all(key in state for key in _NEEDED):
        return None
    return state


def _pack(state: dict[str, Any]) -> dict[str, Any]:
    """What every start needs as arrays (pickle reads them as one block); the rest for later.

    Layout needs charToGlyph and charWidths; hmetrics and glyphPos serve only to cut the subset
    when the PDF is saved, so they stay pickled until then (as glyphToChar, used by shaping only).
    """
    out = {k: v for k, v in state.items() if k not in _LATER}
    for key in ("charToGlyph", "charWidths"):
        table = state[key]
        values = list(table.values())
        kind = "d" if all(type(v) is float for v in values) else "q" if all(type(v) is int for v in values) else ""
        if kind:  # mixed types stay as they are, so the PDF comes out byte for byte the same
            out[key] = ("map", array("q", table.keys()), array(kind, values))
    later = {key: state[key] for key in _LATER}
    metrics = state["hmetrics"]
    if all(isinstance(a, (int, float)) and type(b) is int for a, b in metrics):
        # Two arrays unpickle at once; 27,000-50,000 tuples took 15 ms a font when the PDF was saved.
        later["hmetrics"] = ("pairs", array("d", [a for a, _b in metrics]), array("q", [b for _a, b in metrics]))
    if all(type(v) is int for v in state["glyphPos"]):
        later["glyphPos"] = array("q", state["glyphPos"])
    out["_later"] = {key: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) for key, value in later.items()}
    return out


class TableWindow:
    """Slices of one table of the mapped font file, read when asked (makeSubset slices glyf)."""

    def __init__(self, data: Any, start: int, length: int) -> None:
        self.data, self.start, self.length = data, start, length

    def __getitem__(self, part: slice) -> bytes:
        begin, end, _step = part.indices(self.length)
        return bytes(self.data[self.start + begin:self.start + end])

    def __len__(self) -> int:
        return self.length


class Pairs:
    """hmetrics as ReportLab reads it, (advance, lsb) by glyph, from two arrays (ReportLab int()s both)."""

    def __init__(self, first: array[float], second: array[int]) -> None:
        self.first, self.second = first, second

    def __getitem__(self, index: int) -> tuple[float, int]:
        return self.first[index], self.second[index]

    def __len__(self) -> int:
        return len(self.first)


def _unpack(state: dict[str, Any]) -> dict[str, Any]:
    out = dict(state)
    for key, value in state.items():
        if isinstance(value, tuple) and value[:1] == ("map",):
            out[key] = dict(zip(value[1].tolist(), value[2].tolist()))
    return out


def _write(where: Path, face: TTFontFace) -> None:
    state = _pack({k: v for k, v in vars(face).items() if k not in _TRANSIENT})
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where.parent, prefix=where.stem, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, where)  # whole or not at all: a reader never sees half a cache
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass  # a read-only or full disk: the next start parses the font again


class CachedFace(TTFontFace):
    """A TTFontFace restored from the cache; the font file is mapped when a subset is cut."""

    def __init__(self, state: dict[str, Any], path: Path) -> None:  # noqa: D107 — no parsing here
        self.__dict__.update(state)
        self.font_path = path
        per_em = float(state["unitsPerEm"])
        self._pdfScale = (lambda x: x) if per_em == 1000 else (lambda x: x * 1000 / per_em)

    def __getattr__(self, name: str) -> Any:
        """The tables kept for later (_LATER), unpickled on first use."""
        later = self.__dict__.get("_later", {})
        if name not in later:
            raise AttributeError(name)
        value = pickle.loads(later[name])
        if isinstance(value, tuple) and value[:1] == ("pairs",):
            value = Pairs(value[1], value[2])
        self.__dict__[name] = value
        return value

    def get_table(self, tag: str) -> Any:
        """A table of the font file; the glyph table (17 MB in UMing) as a window, not a copy."""
        if tag != "glyf":
            return super().get_table(tag)
        pos, length = self.get_table_pos(tag)
        return TableWindow(self._ttf_data, pos, length)

    @property
    def _ttf_data(self) -> Any:
        """The font file's bytes (mapped, so only the pages read count), on first use."""
        data = self.__dict__.get("_mapped")
        if data is None:
            with open(self.font_path, "rb") as fh:
                try:
                    data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
                except (OSError, ValueError):
                    data = fh.read()
            self.__dict__["_mapped"] = data
        return data


class CachedTTFont(TTFont):
    """TTFont.__init__ without parsing: the same attributes, the face given (tests compare them)."""

    def __init__(self, name: str, face: CachedFace) -> None:  # noqa: D107
        self.fontName = name
        self.face = face
        self.encoding = TTEncoding()
        self.state: WeakKeyDictionary[Any, Any] = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        # As TTFont: the setter keeps it False unless uharfbuzz is installed.
        self.shapable = not any(fnmatch(name, glob) for glob in unShapedFontGlob)
