"""What a form document may hold at all: size, nesting, numbers, text (checked before it is read).

One walk over the decoded JSON refuses what no real form has and what would crash scoring,
rendering or the store later: non-finite or huge numbers (Decimal arithmetic ends near 1e26),
lone surrogates (SQLite's UTF-8 encoder refuses them), nesting deeper than MAX_NESTING and more
indicators than the window can recompute on every keystroke. Files and packages share the limits.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any, NoReturn

# The same per-form limit as exchange packages (model/package_format.py Limits.max_form_bytes).
MAX_FORM_BYTES = 2 * 1024 * 1024
# Containers nested deeper than this are refused before anything recurses over them (a real form
# is about a dozen deep; Python's own recursion gives out near a thousand).
MAX_NESTING = 64
# A county project form has 20–300 indicators. Scoring costs ~75 µs a leaf on this VM on every
# edit: 1,000 (~0.1 s) still feels instant, 3,000 (~0.25 s) is the most the window accepts.
WARN_LEAVES = 1000
MAX_LEAVES = 3000
# Any number anywhere in a form (unknown keys too): far above any sum of money in 元, far below
# where Decimal quantize to 0.01 (28 digits) fails.
MAX_NUMBER = 1e15
# C0 control characters other than tab, line feed and carriage return (what a worksheet refuses).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Known keys with tighter bounds: (bound, what to write).
MONEY_BOUND = 1e12
POINTS_BOUND = 1e6


class DocumentProblem(ValueError):
    """One thing the walk refuses: the key path (may be "") and the Chinese problem and fix."""

    def __init__(self, path: str, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.path = path
        self.problem = problem
        self.fix = fix


def _fail(path: str, problem: str, fix: str) -> NoReturn:
    raise DocumentProblem(path, problem, fix)


def parse_float(text: str) -> float:
    """json.loads' parse_float: 1e400 would silently become Infinity."""
    value = float(text)
    if not math.isfinite(value):
        _fail("", f"数字 {text[:30]} 超出了可以计算的范围", "请改为正常大小的数字")
    return value


def reject_constant(name: str) -> NoReturn:
    """json.loads' parse_constant: NaN, Infinity and -Infinity are not JSON numbers."""
    _fail("", f"“{name}”不是一个数字（表格中不允许 NaN、Infinity）", "请改为数字，或删去此项")


def loads_checked(text: str, object_pairs_hook: Any) -> Any:
    """json.loads with non-finite numbers refused (DocumentProblem), other errors as json's own."""
    return json.loads(text, parse_float=parse_float, parse_constant=reject_constant,
                      object_pairs_hook=object_pairs_hook)


def check_document(doc: Any, strict: bool = True) -> None:
    """Refuse deep nesting, huge or non-finite numbers and lone surrogates anywhere in `doc`, and
    (strict: files and packages) control characters no printed form or worksheet can hold.

    Iterative (never hits the recursion limit); raises DocumentProblem naming the key path.
    """
    stack: list[tuple[Any, str, int]] = [(doc, "", 1)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, dict):
            if depth > MAX_NESTING:
                _fail("", f"文件嵌套层数超过 {MAX_NESTING} 层，无法读取", "请检查文件是否损坏")
            for key, item in value.items():
                where = f"{path}.{key}" if path else str(key)
                _check_text(key, where, strict)
                stack.append((item, where, depth + 1))
        elif isinstance(value, list):
            if depth > MAX_NESTING:
                _fail("", f"文件嵌套层数超过 {MAX_NESTING} 层，无法读取", "请检查文件是否损坏")
            stack.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value))
        elif isinstance(value, str):
            _check_text(value, path, strict)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            check_number(value, path, MAX_NUMBER)


def check_number(value: int | float, path: str, bound: float) -> None:
    """Refuse a non-finite number or one whose size is above `bound`."""
    try:
        ok = math.isfinite(value) and abs(value) <= bound
    except OverflowError:  # an int beyond the float range
        ok = False
    if not ok:
        shown = str(value) if isinstance(value, float) or abs(value) < 10 ** 30 else "（极大的整数）"
        _fail(path, f"数字 {shown[:30]} 过大（绝对值上限 {bound:,.0f}）", "请检查是否多写了位数或单位")


def _check_text(text: str, path: str, strict: bool = True) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # "\ud800" in JSON decodes to a lone surrogate, which no UTF-8 file or database can hold.
        _fail(path, "文字中含有无效的字符（不成对的代理字符，如 \\ud800）", "请删去该字符，或重新输入这段文字")
    if strict and _CONTROL.search(text):
        # Found by the property test: a worksheet cannot hold them (openpyxl IllegalCharacterError).
        _fail(path, "文字中含有看不见的控制字符", "请删去该字符（常见于从其他程序复制来的文字），或重新输入这段文字")


def leaf_count(doc: Any) -> int:
    """Indicators without children in a decoded form document (0 when the shape is unexpected)."""
    count = 0
    goals = doc.get("goals") if isinstance(doc, dict) else None
    stack: list[dict[str, Any]] = []
    for goal in goals if isinstance(goals, list) else []:
        nodes = goal.get("indicators") if isinstance(goal, dict) else None
        stack.extend(n for n in (nodes if isinstance(nodes, list) else []) if isinstance(n, dict))
    while stack:
        node = stack.pop()
        children = node.get("children")
        if isinstance(children, list):
            stack.extend(c for c in children if isinstance(c, dict))
        else:
            count += 1
    return count


def check_leaf_count(doc: Any) -> None:
    """Refuse more than MAX_LEAVES indicators (the window rescoring them on each edit gets slow)."""
    count = leaf_count(doc)
    if count > MAX_LEAVES:
        _fail("goals", f"表格有 {count} 个末级指标，超过上限 {MAX_LEAVES}（正常的表格在 300 个以内），"
                       "每次修改都要重新计算，程序会变得很慢",
              "请把表格拆成几张表格，或删去多余的指标")


def size_warning(leaves: int) -> str | None:
    """A Chinese note when a form is big enough to slow the window down, else None."""
    if leaves < WARN_LEAVES:
        return None
    return (f"这张表格有 {leaves} 个末级指标（正常在 300 个以内），每次修改后的重新计算会变慢；"
            f"超过 {MAX_LEAVES} 个时无法保存。建议把表格拆成几张。")
