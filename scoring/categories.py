"""Normalising 一级 / 二级 indicator names so rules and checks see one spelling.

Forms write the same category many ways (项目效益指标, 效益指标, 产出指标(30分), 产出数量, 社会效益,
可持续性影响性, 服务对象满意度); the keys here are the short forms listed in scoring/context.py.
"""
from __future__ import annotations

import re
from functools import lru_cache

# (30分) / （20分） as printed after a 一级 name, and codes such as A1 / C11 in front of a name.
_WEIGHT_SUFFIX_RE = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]")
_CODE_PREFIX_RE = re.compile(r"^[A-Za-z]\d*[.、\s]*")
_SPACES_RE = re.compile(r"\s+")

# Order matters: the first key contained in the name wins (成本 before 产出 for 产出成本 at level 2).
_LEVEL1 = (("决策", "决策"), ("过程", "过程"), ("项目管理", "过程"), ("成本", "成本"), ("产出", "产出"),
           ("项目绩效", "产出"), ("满意度", "满意度"), ("效益", "效益"), ("效果", "效益"), ("投入", "投入"))
_LEVEL2 = (("数量", "数量"), ("质量", "质量"), ("时效", "时效"), ("生态环境成本", "生态环境成本"),
           ("经济成本", "经济成本"), ("社会成本", "社会成本"), ("成本", "成本"), ("经济效益", "经济效益"),
           ("社会效益", "社会效益"), ("生态效益", "生态效益"), ("可持续", "可持续影响"), ("满意度", "满意度"),
           ("项目立项", "项目立项"), ("绩效目标", "绩效目标"), ("资金投入", "资金投入"), ("资金管理", "资金管理"),
           ("组织实施", "组织实施"), ("项目效益", "项目效益"))


def clean_name(name: str | None) -> str:
    """The name without the declared weight suffix, code prefix and whitespace."""
    text = _SPACES_RE.sub("", name or "")
    text = _WEIGHT_SUFFIX_RE.sub("", text)
    return _CODE_PREFIX_RE.sub("", text)


@lru_cache(maxsize=1024)
def level1_key(name: str | None) -> str:
    """The 一级 category: 产出, 效益, 满意度, 成本, 决策, 过程, 投入; '' when unknown."""
    text = clean_name(name)
    return next((key for word, key in _LEVEL1 if word in text), "")


@lru_cache(maxsize=1024)
def level2_key(name: str | None) -> str:
    """The 二级 category: 数量, 质量, 时效, 成本, 经济效益, …, 满意度; '' when unknown."""
    text = clean_name(name)
    if text.startswith("服务对象满意度") or text == "满意度":
        return "满意度"
    return next((key for word, key in _LEVEL2 if word in text), "")


def is_cost(level1: str, level2: str) -> bool:
    """Whether a leaf sits under a cost category (bare numbers there are upper limits)."""
    return level1 == "成本" or level2.endswith("成本")
