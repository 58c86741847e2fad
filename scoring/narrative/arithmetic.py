"""A report's own arithmetic: shares (“306.34万元，占86.19%” of the total before 其中) and parts
larger than their total (“新办628人，其中到期换证1211人”)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from scoring.narrative.figures import Figure


@dataclass(frozen=True)
class Problem:
    """One arithmetic problem in a paragraph: code, the figure, what the arithmetic gives."""

    code: str
    figure: Figure
    expected: str


def _before(figures: list[Figure], pos: int, kinds: tuple[str, ...]) -> Figure | None:
    found = [f for f in figures if f.end <= pos and f.kind in kinds]
    return found[-1] if found else None


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find("。", pos), text.find("\n", pos)) if i >= 0]
    return min(ends) if ends else len(text)


def shares(text: str, figures: list[Figure]) -> tuple[list[Problem], set[int]]:
    """Check each “占P%” against part ÷ total; returns problems and the starts of the checked rates."""
    problems, checked = [], set()
    for f in figures:
        if f.kind != "rate" or f.value is None or not text[:f.start].rstrip().endswith(("占", "占比", "占比为")):
            continue
        part = _before(figures, f.start, ("money", "count"))
        if part is None or part.value is None:
            continue
        mark = text.rfind("其中", 0, part.start)
        base = _before(figures, mark, (part.kind,)) if mark >= 0 else _before(figures, part.start, (part.kind,))
        if base is None or not base.value:
            continue
        share = (part.value / base.value * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        checked.add(f.start)
        if abs(share - f.value) > Decimal(1).scaleb(-max(f.places, 0)):
            problems.append(Problem("NARRATIVE_SHARE_MISMATCH", f, f"{share}%（{part.text} ÷ {base.text}）"))
    return problems, checked


def parts(text: str, figures: list[Figure]) -> list[Problem]:
    """After 其中, a part (or the parts together) larger than the total before it, same unit."""
    problems = []
    start = 0
    while (mark := text.find("其中", start)) >= 0:
        start = mark + 2
        total = _before(figures, mark, ("money", "count"))
        if total is None or total.value is None:
            continue
        end = _sentence_end(text, mark)
        same = [f for f in figures if mark < f.start < end and f.kind == total.kind and f.unit == total.unit
                and f.value is not None]
        over = [f for f in same if f.value is not None and f.value > total.value]
        for f in over:
            problems.append(Problem("NARRATIVE_PART_EXCEEDS_TOTAL", f, f"不大于{total.text}（其中一项不能超过总数）"))
        if not over and len(same) > 1:
            total_parts = sum((f.value for f in same if f.value is not None), Decimal(0))
            if total_parts > total.value * Decimal("1.0001"):
                problems.append(Problem("NARRATIVE_PART_EXCEEDS_TOTAL", same[-1],
                                        f"各项合计{_plain(total_parts, total)}，不应大于{total.text}"))
    return problems


def _plain(value: Decimal, like: Figure) -> str:
    from scoring.narrative.figures import MONEY_UNITS

    factor = MONEY_UNITS.get(like.unit, Decimal(1))
    text = format((value / factor).normalize(), "f")
    return f"{text}{like.unit}"
