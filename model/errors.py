"""Errors the user can cause in the model layer, each with a Chinese message (what, where, fix)."""
from __future__ import annotations

import errno
import re

# The Chinese name of each key of jixiao.form/1 a message may point at (the key follows in brackets).
KEY_NAMES = {
    "schema": "格式名称", "id": "表格编号", "kind": "表格种类", "year": "年度", "title": "标题",
    "money_unit": "金额单位", "header": "表头", "funds": "资金情况", "rows": "行", "spending_plan": "支出计划",
    "goals": "目标列表", "indicators": "指标列表", "children": "下级指标", "stated": "表上填写的数",
    "rules": "评分规则", "basic_data": "基础数据", "name": "名称", "code": "编号", "weight": "分值",
    "score": "得分", "target": "年度指标值", "actual": "实际完成值", "reason": "偏差原因", "rule": "计分规则",
    "type": "规则类型", "checklist": "要点清单", "survey": "满意度调查", "tier": "档次", "initial": "年初预算数",
    "annual": "全年预算数", "executed": "全年执行数", "amount": "金额", "percent": "累计支出百分比",
    "values": "数值", "columns": "列名", "description": "说明", "bands": "档次", "floor": "下限",
    "band": "偏离度", "side": "方向", "weights": "权重", "grades": "等级", "place_rules": "按位置的规则",
    "name_rules": "按名称的规则", "settings": "阈值", "share": "占分值比例", "text": "文字", "label": "时点",
}

# Operating-system errors in the words a user reads (Python's own strerror texts are English).
_OS_REASONS = {
    errno.ENOENT: "文件或文件夹不存在", errno.EACCES: "没有权限", errno.EPERM: "没有权限",
    errno.EISDIR: "这是一个文件夹，不是文件", errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.ENOSPC: "磁盘空间已满", errno.EROFS: "该位置是只读的", errno.EEXIST: "已经存在同名的文件",
    errno.ENAMETOOLONG: "文件名太长", errno.EBUSY: "文件正被其他程序占用", errno.EIO: "磁盘读写出错",
}


def os_reason(exc: OSError) -> str:
    """A Chinese cause for an operating-system error (never the English strerror)."""
    if exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    if getattr(exc, "winerror", None) == 32:  # ERROR_SHARING_VIOLATION: Excel holds the file
        return "文件正被其他程序占用"
    return f"系统错误 {exc.errno}" if exc.errno else "无法读写"


def key_label(key_path: str) -> str:
    """“分值（goals[0].indicators[1].weight）” for a key path: the last key's Chinese name first."""
    if key_path.startswith("（"):
        return key_path
    last = re.sub(r"\[\d+\]$", "", key_path.rsplit(".", 1)[-1])
    name = KEY_NAMES.get(last)
    return f"{name}（{key_path}）" if name else f"“{key_path}”处"


class JixiaoError(Exception):
    """Base of the errors shown to the user; `str(err)` is the full Chinese message."""


class FormFileError(JixiaoError):
    """A form file that cannot be read: names the file, the key path, the problem and the fix."""

    def __init__(self, source: str, key_path: str, problem: str, fix: str) -> None:
        self.source = source
        self.key_path = key_path
        self.problem = problem
        self.fix = fix
        where = f"文件“{source}”" + (f"中{key_label(key_path)}" if key_path else "")
        super().__init__(f"{where}：{problem}。{fix}。")


class StoreError(JixiaoError):
    """The database cannot be used as asked (newer version, damaged, unknown form…)."""


class StaleRevision(StoreError):
    """A save whose base revision is no longer the stored one: someone else saved in between.

    `current` is the stored revision now (None when the form was deleted meanwhile).
    """

    def __init__(self, message: str, current: int | None) -> None:
        super().__init__(message)
        self.current = current


class DatabaseTooNew(StoreError):
    """The database was written by a newer program version."""


class DatabaseDamaged(StoreError):
    """The integrity check failed; `backup` is the newest good backup, if any."""

    def __init__(self, message: str, backup: object | None) -> None:
        super().__init__(message)
        self.backup = backup


class TreeError(JixiaoError):
    """A tree operation that would break the form's structure (e.g. a fourth level)."""
