"""Draws the program icon (a green check mark over a small form table) with Pillow.

Run `python installer/make_icon.py` to rewrite resources/icons/jixiao.png and jixiao.ico;
both files are committed, so the build does not depend on this script.
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]

BLUE = (31, 90, 160, 255)
PAPER = (255, 255, 255, 255)
RULE = (160, 180, 205, 255)
GREEN = (34, 160, 80, 255)


def draw_icon(size: int = 1024) -> Image.Image:
    """Return the icon drawn at `size` pixels; drawn large and scaled down for clean edges."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    s = size / 256
    d.rounded_rectangle((8 * s, 8 * s, 248 * s, 248 * s), radius=44 * s, fill=BLUE)
    # The sheet: a table of four rows, header row darker, like a 绩效自评表.
    left, top, right, bottom = 52 * s, 44 * s, 204 * s, 212 * s
    d.rounded_rectangle((left, top, right, bottom), radius=10 * s, fill=PAPER)
    d.rectangle((left, top + 10 * s, right, top + 38 * s), fill=RULE)
    d.rectangle((left, top, right, top + 20 * s), fill=RULE)
    for i in range(1, 4):
        y = top + 38 * s + i * 32 * s
        d.line((left + 12 * s, y, right - 12 * s, y), fill=RULE, width=max(1, round(6 * s)))
    d.line((left + 58 * s, top + 38 * s, left + 58 * s, bottom - 12 * s), fill=RULE,
           width=max(1, round(6 * s)))
    # The check mark overlaps the sheet's lower right corner, so it reads even at 16 px.
    d.line([(112 * s, 160 * s), (150 * s, 198 * s), (222 * s, 104 * s)], fill=(255, 255, 255, 255),
           width=round(46 * s), joint="curve")
    d.line([(112 * s, 160 * s), (150 * s, 198 * s), (222 * s, 104 * s)], fill=GREEN,
           width=round(28 * s), joint="curve")
    return img


def write_icons(target: Path = ICON_DIR) -> tuple[Path, Path]:
    """Write jixiao.png (256 px) and a multi-size jixiao.ico into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    big = draw_icon()
    png = target / "jixiao.png"
    ico = target / "jixiao.ico"
    big.resize((256, 256), Image.Resampling.LANCZOS).save(png, optimize=True)
    big.resize((256, 256), Image.Resampling.LANCZOS).save(ico, sizes=ICO_SIZES)
    return png, ico


if __name__ == "__main__":
    for path in write_icons():
        print(path)
