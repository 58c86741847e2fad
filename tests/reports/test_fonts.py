"""The parsed-font cache: the same font as a fresh parse, rebuilt when damaged, and rare names print."""
from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from reports import render_pdf
from reports.font_cache import CachedTTFont, cache_file, load_font
from resources import fonts_dir
from tests.reports.conftest import FIXTURES, scored

BODY = fonts_dir() / "uming.ttc"
TITLE = fonts_dir() / "wqy-microhei.ttc"
# Names people and places really use: Extension A (䶮 㛃 㑇), Extension B (𡈼), and rare basic ones.
RARE = "䶮㛃㑇𡈼堃喆犇玥龘"
FACE_TABLES = ("charToGlyph", "charWidths", "hmetrics", "glyphPos", "glyphToChar", "table", "bbox", "flags")


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(folder))
    return folder


@pytest.mark.parametrize("path", [BODY, TITLE], ids=lambda p: p.stem)
def test_a_cached_font_is_the_font_parsed_afresh(path: Path, cache: Path) -> None:
    fresh = load_font("CacheTestFresh", path)
    assert type(fresh) is TTFont and cache_file(path, 0).is_file()
    cached = load_font("CacheTestFresh", path)
    assert isinstance(cached, CachedTTFont)
    # Same attributes as ReportLab's own __init__ sets (a ReportLab upgrade adding one fails here).
    assert set(vars(cached)) == set(vars(fresh))
    for table in FACE_TABLES:
        mine, theirs = getattr(cached.face, table), getattr(fresh.face, table)
        if table in ("hmetrics", "glyphPos"):  # kept as arrays; the same numbers
            mine, theirs = [mine[i] for i in range(len(mine))], list(theirs)
        assert mine == theirs, table
    assert cached.stringWidth("项目资金（万元）1,540,000.00", 9) == fresh.stringWidth("项目资金（万元）1,540,000.00", 9)


def _pdf_bytes(font: TTFont) -> bytes:
    """A one-line PDF; invariant=1 fixes its dates and ids, so two runs compare byte for byte."""
    pdfmetrics.registerFont(font)
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.setFont(font.fontName, 12)
    canvas.drawString(72, 720, f"预算执行率 100.00% {RARE}")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_a_pdf_drawn_with_the_cached_font_is_byte_for_byte_the_same(cache: Path) -> None:
    fresh = _pdf_bytes(load_font("CacheTestSame", BODY))
    cached = load_font("CacheTestSame", BODY)
    assert isinstance(cached, CachedTTFont)
    assert _pdf_bytes(cached) == fresh


def test_a_damaged_cache_is_parsed_again_and_rewritten(cache: Path) -> None:
    load_font("CacheTestDamaged", BODY)
    where = cache_file(BODY, 0)
    good = where.read_bytes()
    where.write_bytes(good[: len(good) // 3])  # a power cut in the middle of writing
    again = load_font("CacheTestDamaged", BODY)
    assert type(again) is TTFont and where.read_bytes() == good
    where.write_bytes(b"not a cache")
    assert type(load_font("CacheTestDamaged", BODY)) is TTFont


def test_an_unwritable_cache_folder_costs_time_not_the_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(blocker / "cache"))
    font = load_font("CacheTestReadOnly", BODY)
    assert type(font) is TTFont and 0x4DAE in font.face.charToGlyph


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_line_of_rare_ideographs_prints_every_character(tmp_path: Path) -> None:
    """Every character of RARE is in the full body font, and each comes out of the PDF again."""
    full = TTFont("RareCheck", str(BODY))
    assert all(ord(ch) in full.face.charToGlyph for ch in RARE)
    form, result = scored(FIXTURES / "seeds" / "seed000_t1.json")
    form.header["project_name"] = f"{RARE}家庭走访"  # a wide cell: the line is not wrapped
    out = tmp_path / "rare.pdf"
    render_pdf(form, result, out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert RARE in text.replace("\n", "")



def test_to_unicode_map_writes_characters_beyond_the_bmp_as_utf16_pairs() -> None:
    from reports.fonts import to_unicode_cmap

    cmap = to_unicode_cmap("AAAAAA+UMingCN-0", [0x20, 0x4E2D, 0x2123C])
    assert "<00> <0020>\n<01> <4E2D>\n<02> <D844DE3C>" in cmap and "<00> <02>" in cmap


def test_warm_up_registers_the_fonts_and_survives_missing_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    from reports import fonts as font_module
    from reports.pdf import warm_up

    warm_up()
    assert {font_module.fonts().body, font_module.fonts().title} <= set(pdfmetrics.getRegisteredFontNames())
    monkeypatch.setattr(font_module, "_cache", {})
    monkeypatch.setattr(font_module, "_BODY", [("NoSuchFont", "no-such-font.ttc", 0)])
    warm_up()  # the export will say in Chinese what is missing; the background thread must not die
    with pytest.raises(FileNotFoundError, match="找不到可嵌入的中文字体"):
        font_module.fonts()
