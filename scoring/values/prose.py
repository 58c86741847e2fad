"""Numbers-with-units read out of prose (年度总体目标, 实际完成情况, 偏差原因): “为15名贫困残疾人进行
无障碍改造” gives 15 人 with the words of its clause, so a check can pair it with the indicator or
funds figure it speaks of.

Pure and cached by text: the checker reads the same goal texts on every keystroke.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

# Units a figure in prose is counted in; 名/位 are people (人), 万 multiplies.
_UNITS = ("人次", "户次", "平方米", "平方", "元", "人", "名", "位", "户", "家", "个", "件", "台", "次", "期", "场",
          "所", "项", "条", "套", "篇", "批", "班", "辆")
_SAME = {"名": "人", "位": "人", "平方": "平方米"}
_MENTION_RE = re.compile(
    r"(?<![\d.\-~～至])(?P<num>\d+(?:\.\d+)?)(?P<wan>万)?(?P<about>余|多)?(?P<unit>" + "|".join(_UNITS) + r")(?![/／\d])")
_CLAUSE_SPLIT_RE = re.compile(r"[，,。；;！!？?\n、：:（）()]")
_APPROX_BEFORE = ("近", "约", "大约", "将近", "超过", "逾")
_APPROX_AFTER = ("余", "多", "以上", "左右")
_PER_BEFORE = ("每", "人均", "户均", "平均")  # 每户500元 is a rate, not a total
# Words that tell nothing about which indicator a clause speaks of.
_STOP_WORDS = ("残疾人", "残疾", "全区", "全市", "全县", "全州", "全年", "年度", "进行", "开展", "完成", "实施",
               "项目", "工作", "服务", "我们", "通过", "提供", "为", "对", "的", "和", "及", "其中", "共", "累计",
               "实际", "计划", "预计", "目标", "指标", "人数", "数量", "万元", "元")


@dataclass(frozen=True)
class Mention:
    """One figure in prose: value in base units (元 for money), unit, clause words, approximation."""

    value: Decimal
    unit: str          # 人, 户, 件 … or 元 for money
    text: str          # as written: “15名”, “1.82万人”, “40万元”
    clause: str        # the clause the figure stands in, the figure itself replaced by “|”
    before: str        # the clause text before the figure (keywords such as 预算, 执行)
    approx: bool       # 近400人, 100余件, 30人以上: not an exact figure
    per_unit: bool     # 每户500元: a rate, not a total


def normalise(text: str) -> str:
    """NFKC and no spaces, so full-width digits read as numbers."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def mentions(text: object) -> tuple[Mention, ...]:
    """Every number-with-unit in the text, in order (none for blank or odd data)."""
    if not isinstance(text, str) or not text.strip():
        return ()
    return _mentions(text)


@lru_cache(maxsize=2048)
def _mentions(text: str) -> tuple[Mention, ...]:
    out = []
    for clause in _CLAUSE_SPLIT_RE.split(normalise(text)):
        for m in _MENTION_RE.finditer(clause):
            value = Decimal(m.group("num"))
            unit = m.group("unit")
            if m.group("wan"):
                value *= 10000
            unit = _SAME.get(unit, unit)
            before, after = clause[:m.start()], clause[m.end():]
            approx = bool(m.group("about")) or before.endswith(_APPROX_BEFORE) or after.startswith(_APPROX_AFTER)
            per_unit = any(before.endswith(w) or before[-3:].startswith(w) for w in _PER_BEFORE)
            out.append(Mention(value, unit, m.group(0), f"{before}|{after}", before, approx, per_unit))
    return tuple(out)


def keywords(text: object) -> frozenset[str]:
    """The character pairs of a text that can tell one indicator from another (no numbers, no stop words)."""
    return _keywords(text) if isinstance(text, str) else frozenset()


@lru_cache(maxsize=8192)
def _keywords(text: str) -> frozenset[str]:
    s = normalise(text)
    for word in _STOP_WORDS:
        s = s.replace(word, "|")
    s = re.sub(r"[\d.%％]+|[^\u4e00-\u9fff|]", "|", s)
    return frozenset(s[i:i + 2] for i in range(len(s) - 1) if "|" not in s[i:i + 2])
