"""CJK fonts for the PDF: registered once, on first use, embedded as subsets (pitfalls.md).

Body text is Song style, titles Hei style. On Windows the system's SimSun/SimHei are used when they
exist and allow embedding; otherwise the fonts bundled in resources/fonts/ (see its README).

Parsing a whole CJK font (cmap and metrics of 27,000-50,000 glyphs) takes ReportLab 0.1-0.3 s per
font at every start; reports/font_cache.py keeps what it parsed, so later starts read it in ~0.02 s.
Nothing is cut from the font: every character it has still prints.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError

from reports.font_cache import load_font
from resources import fonts_dir


@dataclass(frozen=True)
class FontChoice:
    """The registered font names for body text and titles."""

    body: str
    title: str


# (registered name, file, face index in a .ttc) in order of preference.
_BODY = [("JixiaoSimSun", "simsun.ttc", 0), ("JixiaoUMing", "uming.ttc", 0)]
_TITLE = [("JixiaoSimHei", "simhei.ttf", 0), ("JixiaoWQYHei", "wqy-microhei.ttc", 0)]
_cache: dict[str, FontChoice] = {}
# The window warms the fonts in a thread while the user works; an export at that moment waits here.
_lock = threading.Lock()


def _utf16_hex(code: int) -> str:
    """A code point as a ToUnicode CMap writes it: UTF-16BE in hex (a surrogate pair above U+FFFF)."""
    return chr(code).encode("utf-16-be").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's makeToUnicodeCMap, with characters beyond U+FFFF written as UTF-16 pairs.

    ReportLab writes U+2123C as <2123C>, which readers take for U+2123 (℣): the name prints right
    but is copied and searched wrong. Rare names use Extension B ideographs, so ours replaces it.
    """
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
             f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
             f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
             f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
             *(f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)),
             "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = to_unicode_cmap  # read as a module global by TTFont.addObjects


def _candidates(file_name: str) -> list[Path]:
    """Where a font file may be: the Windows font folder (system fonts), then resources/fonts/."""
    windir = os.environ.get("WINDIR")
    system = [Path(windir) / "Fonts" / file_name] if windir else []
    return [*system, fonts_dir() / file_name]


def _register_first(options: list[tuple[str, str, int]]) -> str:
    for name, file_name, face in options:
        if name in pdfmetrics.getRegisteredFontNames():
            return name
        for path in _candidates(file_name):
            if not path.is_file():
                continue
            try:
                # TTFont refuses fonts whose licence bits forbid embedding and CFF-outline fonts.
                pdfmetrics.registerFont(load_font(name, path, face))
            except TTFError:
                continue
            return name
    files = ", ".join(f for _n, f, _i in options)
    raise FileNotFoundError(f"找不到可嵌入的中文字体（{files}）。请重新安装程序，"
                            f"或把字体文件放回“{fonts_dir()}”。")


def fonts() -> FontChoice:
    """Register (first call only) and return the body and title fonts."""
    with _lock:
        if "choice" not in _cache:
            _cache["choice"] = FontChoice(body=_register_first(_BODY), title=_register_first(_TITLE))
        return _cache["choice"]
