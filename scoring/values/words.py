"""Words of the value columns: operators, the 是/否 placeholder, unmeasurable targets, tier words.

Vocabulary only (docs/rules.md §2.3, §2.5); the grammar of one cell that uses it lives in
`scoring/values/grammar.py`, the reading of target and actual in `scoring/values/reading.py`.
"""

from __future__ import annotations

import re
import unicodedata

# Operator written before the number, longest spellings first so 不低于 wins over 低于.
PREFIX_OPS: dict[str, str] = {
    "大于或等于": ">=", "大于等于": ">=", "不低于": ">=", "不少于": ">=", "不小于": ">=",
    "至少": ">=", "达到": ">=", ">=": ">=", "=>": ">=", "≥": ">=", "≧": ">=", "⩾": ">=",
    "超过": ">", "高于": ">", "多于": ">", "大于": ">", ">": ">",
    "小于或等于": "<=", "小于等于": "<=", "不高于": "<=", "不超过": "<=", "不大于": "<=",
    "不多于": "<=", "控制在": "<=", "<=": "<=", "=<": "<=", "≤": "<=", "≦": "<=", "⩽": "<=",
    "低于": "<", "少于": "<", "小于": "<", "<": "<",
    "等于": "=", "=": "=",
}
# Operator written after the number (80%以上, 10万元以内).
SUFFIX_OPS: dict[str, str] = {
    "及以上": ">=", "或以上": ">=", "以上": ">=",
    "及以下": "<=", "或以下": "<=", "以下": "<=", "以内": "<=", "之内": "<=",
}
# 达到 names the level reached: in an actual "达到90%" is a value, not a bound.
VALUE_OP_WORDS = frozenset({"达到"})

# Hedges that do not change the number (约400人, 400余件, 400人左右).
APPROX_PREFIXES = ("大约", "约", "近", "共计", "共", "累计", "合计", "计", "达", "为")
APPROX_SUFFIXES = ("左右", "余", "多")

PLACEHOLDERS = frozenset({"是/否", "是否", "是或否", "有/无", "是/否/", "是\\否", "是、否"})

# Targets that name no measurable level (docs/rules.md §2.5, 101号 asks for measurable values).
NOT_MEASURABLE_EXACT = frozenset({"按要求支出", "全体残疾朋友", "真正实现残联是残疾人的娘家"})
NOT_MEASURABLE_RE = re.compile(r"^(?:进一步|按要求|按照要求|按规定|按照规定)")

ACHIEVED = frozenset({
    "是", "已完成", "完成", "全部完成", "达成", "已达成", "达成预期指标", "达成预期目标",
    "达成年度指标", "达到预期", "达到预期目标", "已达到", "实现", "已实现", "按时完成",
    "已按时完成", "按期完成", "如期完成", "提前完成", "正常开展", "已开展",
})
PARTIAL = frozenset({
    "部分达成", "部分达成年度指标并具有一定效果", "基本完成", "基本实现", "基本达成", "基本达到",
    "部分完成", "部分实现", "部分达到", "一般",
})
NOT_ACHIEVED = frozenset({
    "未完成", "未实现", "无", "无提高", "否", "未达成", "未达成年度指标且效果较差", "未达到",
    "差", "较差", "未开展", "没有", "不合规", "无效", "逾期", "逾期完成", "延期", "延期完成",
    "未按时完成",
})
# For deadlines: words that say when it was done (anything else cannot tell).
ON_TIME = frozenset({"按时完成", "已按时完成", "按期完成", "如期完成", "提前完成", "按时", "按期"})
LATE_OR_UNDONE = frozenset({
    "未完成", "未按时完成", "未按期完成", "逾期", "逾期完成", "延期", "延期完成", "否", "未开展",
})

# Degree words: a weaker wording than the target suggests 部分达成 (有所提高 vs 明显提高).
STRONG_RE = re.compile(r"^(?:明显|显著|大幅|大大|全面|充分|极大|很|非常)")
WEAK_RE = re.compile(r"^(?:有所|略有|稍有|一定程度|基本|部分|较)")
NEGATION_RE = re.compile(r"^(?:未|无|没有|没|不)")

_INVISIBLE_RE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u2060\ufeff]+")
_TRAILING_PUNCT = "。.，,；;！!、"


def normalise_text(text: str) -> str:
    """NFKC (full-width digits and signs to ASCII), no whitespace or control characters, no end stop."""
    s = _INVISIBLE_RE.sub("", unicodedata.normalize("NFKC", text))
    return s.rstrip(_TRAILING_PUNCT).replace("〜", "~")
