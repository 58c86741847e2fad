"""公文 layout constants shared by the DOCX and the PDF writer (GB/T 9704-2012).

A4; margins 上37 下35 左28 右26 mm; title 方正小标宋简体 二号 (22 pt); headings 黑体 三号 (16 pt,
level 2 楷体_GB2312 as 公文 write 二级标题); body 仿宋_GB2312 三号 (16 pt) at a fixed 28 pt line
spacing; tables one size smaller so a six-column indicator table fits; page number “— 1 —” in
宋体 四号 (14 pt) at the foot.
"""
from __future__ import annotations

PAGE_W_MM = 210.0
PAGE_H_MM = 297.0
TOP_MM = 37.0
BOTTOM_MM = 35.0
LEFT_MM = 28.0
RIGHT_MM = 26.0
FOOTER_MM = 25.0  # distance of the page number's line from the paper's bottom edge (7 mm under the text)

TITLE_FONT = "方正小标宋简体"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
BODY_FONT = "仿宋_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"

# What Word/WPS should use when a 公文 font is not installed (w:altName in the font table).
FALLBACK = {TITLE_FONT: "宋体", HEADING1_FONT: "黑体", HEADING2_FONT: "楷体", BODY_FONT: "仿宋",
            PAGE_NUMBER_FONT: "宋体"}

TITLE_PT = 22.0
BODY_PT = 16.0
TABLE_PT = 12.0
PAGE_NUMBER_PT = 14.0
LINE_PT = 28.0
TITLE_LINE_PT = 36.0
TABLE_LINE_PT = 18.0
INDENT_CHARS = 2


def text_width_mm() -> float:
    """Width of the type area."""
    return PAGE_W_MM - LEFT_MM - RIGHT_MM
