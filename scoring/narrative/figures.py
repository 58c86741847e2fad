"""Figures a report states — amounts, rates, scores, grades, counts — found in a sentence.

A figure written as a bound (≥30人), a range (90-100分), an ordinal (第3次) or a year is not a
stated fact and is not returned.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Longest units first so 人次 is not read as 人, 万元 not as 万.
MONEY_UNITS = {"亿元": Decimal(100_000_000), "万元": Decimal(10_000), "万": Decimal(10_000), "元": Decimal(1)}
COUNT_UNITS = ("万人次", "万人", "人次", "人月", "户次", "个月", "个百分点", "人", "户", "件", "个", "家", "篇", "次", "名", "所", "项",
               "台", "套", "村", "批", "场", "期", "辆", "册", "处", "间", "座", "课时")
_UNITS = sorted([*MONEY_UNITS, *COUNT_UNITS, "%", "％", "分"], key=len, reverse=True)
_FIGURE = re.compile(r"(?<![\d.A-Za-z])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(" +
                     "|".join(re.escape(u) for u in _UNITS) + ")")
_GRADE = re.compile(r"(?:等级|评级|等次)(?:为|是|评定为|：|:)?\s*[“\"「]?(优秀|优|良好|良|中等|中|合格|差|不合格)"
                    r"|属于\s*[“\"「]?(优秀|优|良好|良|中等|中|差)[”\"」]")
_BOUND_BEFORE = ("≥", "≤", ">", "<", "＞", "＜", "=", "＝", "-", "—", "－", "~", "～", "至", "第", "到", "×", "*", "/",
                 "÷", "小于", "大于", "等于", "低于", "高于", "超过", "不足", "扣除", "扣")
GRADE_NAMES = {"优秀": "优", "良好": "良", "中等": "中", "合格": "中", "不合格": "差"}


@dataclass(frozen=True)
class Figure:
    """A stated figure: kind (money, rate, score, count, grade), value in base units, as written."""

    kind: str
    value: Decimal | None
    text: str
    unit: str
    start: int
    end: int
    places: int
    grade: str | None = None


def _kind(unit: str) -> str:
    if unit in MONEY_UNITS:
        return "money"
    if unit in ("%", "％"):
        return "rate"
    if unit == "分":
        return "score"
    return "count"


def find_figures(sentence: str) -> list[Figure]:
    """Every stated figure of a sentence, in order."""
    out: list[Figure] = []
    for m in _FIGURE.finditer(sentence):
        before = sentence[:m.start()].rstrip()
        if before.endswith(_BOUND_BEFORE) or before.endswith(("以上", "以下")):
            continue
        after = sentence[m.end():m.end() + 2]
        number, unit = m.group(1), m.group(2)
        if unit == "分" and after.startswith(("之", "钟", "别", "配", "析", "类", "项", "成", "布", "解", "管", "批", "期")):
            continue  # 分之/分钟/分别/分配… are words, not scores
        if unit in ("万", "万人") and after.startswith(("元",)):
            continue
        if after.startswith(("-", "—", "～", "~", "至", "/", "／")):
            continue  # the lower end of a range
        try:
            raw = Decimal(number.replace(",", ""))
        except InvalidOperation:
            continue
        places = len(number.split(".")[1]) if "." in number else 0
        kind = _kind(unit)
        if kind == "money":
            value = raw * MONEY_UNITS[unit]
        elif unit.startswith("万"):
            value, unit = raw * 10_000, unit[1:]
        else:
            value = raw
        out.append(Figure(kind, value, m.group(0), unit, m.start(), m.end(), places))
    for m in _GRADE.finditer(sentence):
        word = m.group(1) or m.group(2)
        out.append(Figure("grade", None, word, "", m.start(), m.end(), 0, GRADE_NAMES.get(word, word)))
    out.sort(key=lambda f: f.start)
    return out


def same_figure(stated: Figure, expected: Decimal, scale: Decimal = Decimal(1)) -> bool:
    """Whether a stated figure agrees with a form's value: within one unit of its last written digit.

    `scale` turns the stated value into the expected one's units (万元 → 元 of a form in 元…).
    """
    if stated.value is None:
        return False
    step = Decimal(1).scaleb(-stated.places)
    if stated.kind == "money":
        unit_factor = MONEY_UNITS[stated.unit]
        return abs(stated.value / unit_factor - expected * scale / unit_factor) <= step
    return abs(stated.value - expected * scale) <= step
