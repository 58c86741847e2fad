"""CJK fonts for the PDF: registered once, on first use, embedded as subsets (pitfalls.md).

Body text is Song style, titles Hei style. On Windows the system's SimSun/SimHei are used when they
exist and allow embedding; otherwise the fonts bundled in resources/fonts/ (see its README).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

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
                pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=face))
            except TTFError:
                continue
            return name
    files = ", ".join(f for _n, f, _i in options)
    raise FileNotFoundError(f"找不到可嵌入的中文字体（{files}）。请重新安装程序，"
                            f"或把字体文件放回“{fonts_dir()}”。")


def fonts() -> FontChoice:
    """Register (first call only) and return the body and title fonts."""
    if "choice" not in _cache:
        _cache["choice"] = FontChoice(body=_register_first(_BODY), title=_register_first(_TITLE))
    return _cache["choice"]
