"""Where a finding is, in the words of the printed form: “资金表 › 年度资金总额 › 全年执行数”.

Shared by the checker panel and the 审核意见 page, so users never see internal keys (funds, header,
annual) or finding codes. Pure Python.
"""
from __future__ import annotations

from model.form import HEADER_LABELS

# The first segment of a non-tree path.
SECTIONS = {"funds": "资金表", "header": "表头", "spending_plan": "资金支出计划", "total": "总分",
            "stated": "原表填写", "basic_data": "基础数据表"}
# Field names as the columns of the printed forms call them.
FIELDS = {"name": "指标名称", "target": "年度指标值", "actual": "实际完成值", "weight": "分值", "score": "得分",
          "reason": "偏差原因分析及改进措施", "description": "指标解释", "criteria": "评价标准", "process": "评价过程",
          "basis": "指标值确定依据", "rule": "评分方式", "tier": "档次", "checklist": "评价要点", "survey": "问卷统计",
          "initial": "年初预算数", "annual": "全年预算数", "executed": "全年执行数", "note": "说明（差异原因）",
          "percent": "累计支出比例", "expected": "预期目标", "achieved": "实际完成情况", "title": "目标名称"}


def place_text(path: tuple[str, ...], field: str | None = None, separator: str = " › ") -> str:
    """A finding's place in Chinese: its section or indicator path, then the field's column name."""
    if not path:
        parts: list[str] = []
    elif path[0] == "header":
        parts = ["表头", *(HEADER_LABELS.get(p, p) for p in path[1:])]
        field = None if field in path[1:] else field  # the header key is the field already
    elif path[0] in SECTIONS:
        parts = [SECTIONS[path[0]], *path[1:]]
    else:
        parts = [p if p else "（未命名指标）" for p in path]
    label = FIELDS.get(field or "", HEADER_LABELS.get(field or "", ""))
    if label and label not in parts:
        parts.append(label)
    return separator.join(p for p in parts if p)
