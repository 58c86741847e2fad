"""The header fields that say whose form this is (项目名称, 主管部门, 实施单位 …): HEADER_MISSING.

Only the fields that identify the form are required; the signature line (填表人, 联系电话, 填报日期,
单位负责人签字) may be left for the pen, as on paper.
"""
from __future__ import annotations

from collections.abc import Iterator

from model.form import HEADER_LABELS
from scoring.context import Context
from scoring.result import Finding

# Per kind, the fields a finance officer needs to know whose form this is. A tuple of alternatives
# means one of them is enough (a department form names its unit in 单位名称 or 主管部门).
_REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "project_self_eval": (("project_name",), ("department",), ("implementing_unit",)),
    "project_target": (("project_name",), ("unit_name", "department")),
    "dept_self_eval": (("unit_name", "department"),),
    "dept_basic_data": (("unit_name", "department"),),
    "evaluation": (("project_name",), ("implementing_unit", "department"), ("evaluator",)),
}


def check(ctx: Context) -> Iterator[Finding]:
    """HEADER_MISSING for each identifying header field left blank."""
    header = ctx.form.header
    for keys in _REQUIRED.get(ctx.form.kind, ()):
        if any((header.get(k) or "").strip() for k in keys):
            continue
        label = HEADER_LABELS.get(keys[0], keys[0])
        yield ctx.finding(
            "warning", "HEADER_MISSING", ("header", keys[0]),
            f"表头“{label}”没有填写，财政局无法确认这是哪个单位、哪个项目的表。请在表格上方填写{label}。",
            keys[0])
