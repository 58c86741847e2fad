"""Checking a rule object's parameters when a form is read (docs/form-format.md lists them).

The scoring rules trust their parameters (`Decimal(str(floor))`); a form whose rule says
`"floor": "x"` or `"bands": "x"` was accepted and then crashed score, render and summary. Here
every parameter a rule reads is checked once, at load, and refused with its key path.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn

from model.form import RULE_TYPES
from model.form_limits import POINTS_BOUND, DocumentProblem

# Parameters that are one number (a fraction or points), by name.
_NUMBERS = ("band", "floor", "full_at", "scale_below", "below")
_SIDES = ("both", "below")
# The longest rules name a form may carry (shipped names are ~20 characters; a name becomes part of
# a file name when the profile is looked up).
MAX_RULES_NAME = 64


def _fail(path: str, problem: str, fix: str) -> NoReturn:
    raise DocumentProblem(path, problem, fix)


def _is_number(value: Any) -> bool:
    """A JSON number, or a numeric string as the shipped profiles sometimes write ("0.6")."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return abs(value) <= POINTS_BOUND
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except (InvalidOperation, ValueError):
            return False
        return number.is_finite() and abs(number) <= Decimal(POINTS_BOUND)
    return False


def _number(value: Any, path: str, label: str) -> None:
    if not _is_number(value):
        _fail(path, f"{label}应是一个数字（绝对值不超过 {POINTS_BOUND:g}），现在是{_shown(value)}",
              "请改为数字，如 0.6，或删去此项用默认值")


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"“{value[:20]}”"
    return text[:40]


def check_rule(rule: dict[str, Any], path: str) -> None:
    """Refuse a rule object whose type is unknown or whose parameters the rule cannot use."""
    kind = rule.get("type")
    if not isinstance(kind, str):
        _fail(f"{path}.type", "规则对象缺少类型", "例如 {\"type\": \"ratio\"}")
    if kind not in RULE_TYPES:
        _fail(f"{path}.type", f"规则类型“{kind[:30]}”不认识", "应为以下之一：" + "、".join(RULE_TYPES))
    for key in _NUMBERS:
        if rule.get(key) is not None:
            _number(rule[key], f"{path}.{key}", f"参数 {key} ")
    side = rule.get("side")
    if side is not None and side not in _SIDES:
        _fail(f"{path}.side", f"参数 side 应为“both”或“below”，现在是{_shown(side)}", "请改为 \"both\" 或 \"below\"")
    if rule.get("shares") is not None and not isinstance(rule["shares"], bool):
        _fail(f"{path}.shares", f"参数 shares 应为 true 或 false，现在是{_shown(rule['shares'])}", "请填写 true 或 false")
    weights = rule.get("weights")
    if weights is not None:
        if not isinstance(weights, list) or len(weights) != 5:
            _fail(f"{path}.weights", "参数 weights 应是五个数字的列表（很满意…很不满意）", "例如 [1, 0.8, 0.6, 0.3, 0]")
        for i, w in enumerate(weights):
            _number(w, f"{path}.weights[{i}]", "满意度权重")
    bands = rule.get("bands")
    if bands is not None:
        _check_bands(bands, kind, f"{path}.bands")


def _check_bands(bands: Any, kind: str, path: str) -> None:
    if not isinstance(bands, list):
        _fail(path, f"参数 bands 应是一个列表，现在是{_shown(bands)}",
              "档次表写成 [{\"min\": 1.0, \"score\": 4}, …]，定性档次写成 [0.8, 0.6]")
    if kind == "bands":
        for i, band in enumerate(bands):
            if not isinstance(band, dict):
                _fail(f"{path}[{i}]", "每一档应是一个对象", "例如 {\"min\": 0.8, \"score\": 2}")
            for key in ("min", "score"):
                _number(band.get(key), f"{path}[{i}].{key}", f"档次的 {key} ")
        return
    if len(bands) != 2:
        _fail(path, "定性档次应是两个比例", "例如 [0.8, 0.6]")
    for i, b in enumerate(bands):
        _number(b, f"{path}[{i}]", "档次比例")


def check_rules(value: Any) -> None:
    """Refuse a form's `rules` (a profile name or an inline profile) that scoring cannot use."""
    if isinstance(value, str):
        if not value.strip() or len(value) > MAX_RULES_NAME or any(c in value for c in '\\/:*?"<>|\0'):
            _fail("rules", f"评分规则名称“{value[:30]}{'…' if len(value) > 30 else ''}”无效"
                           f"（应为不超过 {MAX_RULES_NAME} 个字符、不含 \\ / : * ? \" < > | 的名称）",
                  "例如 \"central-2020\"，或删去此项用默认规则")
        return
    if not isinstance(value, dict):
        return
    name = value.get("name")
    if not isinstance(name, str) or not name:
        _fail("rules.name", "评分规则缺少名称", "请写明规则名称，如 \"central-2020\"")
    for key in ("place_rules", "name_rules"):
        for place, rule in _table(value, key).items():
            if not isinstance(rule, dict):
                _fail(f"rules.{key}.{place}", "规则应是一个对象（{…}）", "例如 {\"type\": \"ratio\"}")
            check_rule(rule, f"rules.{key}.{place}")
    if value.get("reverse") is not None and value["reverse"] not in ("reverse_r1", "reverse_r2"):
        _fail("rules.reverse", f"应为 reverse_r1 或 reverse_r2，现在是{_shown(value['reverse'])}", "请改正或删去此项")
    grades = value.get("grades")
    if grades is not None:
        if not isinstance(grades, list):
            _fail("rules.grades", "等级表应是一个列表", "例如 [{\"min\": 90, \"grade\": \"优\"}]")
        for i, band in enumerate(grades):
            if not isinstance(band, dict) or not isinstance(band.get("grade"), str):
                _fail(f"rules.grades[{i}]", "每个等级应写明 grade", "例如 {\"min\": 90, \"grade\": \"优\"}")
            if band.get("min") is not None:
                _number(band["min"], f"rules.grades[{i}].min", "等级下限")
    if value.get("qualitative_bands") is not None:
        _check_bands(value["qualitative_bands"], "qualitative", "rules.qualitative_bands")
    for key in ("new_form_weights", "settings"):
        for k, v in _table(value, key).items():
            if not (key == "settings" and isinstance(v, bool)):  # switches such as funds_cap
                _number(v, f"rules.{key}.{k}", "该项")


def _table(profile: dict[str, Any], key: str) -> dict[str, Any]:
    """An optional object inside an inline profile ({} when absent)."""
    table = profile.get(key)
    if table is None:
        return {}
    if not isinstance(table, dict):
        _fail(f"rules.{key}", "应是一个对象（{…}）", "请按 docs/form-format.md 改正")
    return table
