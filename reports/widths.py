"""Column widths from the content: what must not wrap gets its room, taken from columns with room to spare.

A kind's widths (reports/kinds.py) suit its usual content; a form may hold wider figures (amounts
in 元: 1,540,000.00) or headings. A number must never be broken, and a short column heading
(年度指标值, 实际完成值) should stay on one line; when the kind's width is too narrow for that, the
column grows and the others, which have room beyond their own needs, give it up in proportion.
Measured as the PDF prints (9 pt, full-width characters 1 em); both writers use the result.
"""
from __future__ import annotations

from reports.layout import Sheet
from reports.linebreak import em_measure, widest_piece

CELL_SIZE_PT = 9.0  # the table text size of the PDF (pdf_styles.BODY_SIZE)
CELL_ROOM_PT = 6.0  # the cell's side paddings (2 × 2.5 pt) and a little air
SHORT_HEAD = 6  # a heading of up to this many characters is kept on one line
NUMBER_EM = 0.6  # the widest digit of the fonts a spreadsheet may print numbers in, in em
# The PDF frame width, A4 less 15 mm each side (pdf_styles.MARGIN_LEFT/RIGHT); a test keeps them equal.
FRAME_WIDTH_PT = {False: 595.2756 - 2 * 42.5197, True: 841.8898 - 2 * 42.5197}


def needs(sheet: Sheet) -> list[float]:
    """The least width of each column, in points, that its single-column cells ask for."""
    measure = em_measure(CELL_SIZE_PT)
    need = [0.0] * len(sheet.widths)
    for grid in sheet.grids:
        for _r, c, cell in grid.cells():
            if cell.colspan != 1:
                continue
            text = cell.display
            width = widest_piece(text, measure)
            if cell.value is not None:
                # A number in Excel shows ### when its column is too narrow, and spreadsheet fonts
                # draw digits up to 0.6 em wide: room for that, not only for the PDF's 0.5 em.
                width = max(width, len(text) * CELL_SIZE_PT * NUMBER_EM)
            if cell.style == "head" and "\n" not in text and len(text) <= SHORT_HEAD:
                width = max(width, measure(text))
            need[c] = max(need[c], width + CELL_ROOM_PT)
    return need


def fit_widths(sheet: Sheet) -> list[float]:
    """The sheet's width fractions, changed only as far as its content needs."""
    total = FRAME_WIDTH_PT[sheet.landscape]
    widths = [f * total for f in sheet.widths]
    need = needs(sheet)
    short = {c: need[c] - w for c, w in enumerate(widths) if need[c] > w}
    spare = {c: w - need[c] for c, w in enumerate(widths) if c not in short and w > need[c]}
    if not short or not spare:
        return list(sheet.widths)
    given = min(sum(short.values()), sum(spare.values()))
    factor = given / sum(short.values())
    for c, lack in short.items():
        widths[c] += lack * factor
    pool = sum(spare.values())
    for c, room in spare.items():
        widths[c] -= given * room / pool
    return [w / total for w in widths]
