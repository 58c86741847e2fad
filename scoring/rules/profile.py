"""A scoring profile (docs/rules.md §0) as a typed value built from its JSON dict; no file reading here.

`Profile.from_dict` validates the dict and raises ProfileError with a Chinese message naming the
bad key; resources/profile_files.py reads the shipped JSON files.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from model.errors import JixiaoError
from scoring.rounding import to_decimal
from scoring.rules.types import RULE_TYPES

REVERSE_TYPES = ("reverse_r1", "reverse_r2")


class ProfileError(JixiaoError, ValueError):
    """A profile dict (shipped file or a form's inline `rules`) that cannot be used.

    A JixiaoError like every error a user can cause, so no caller can mistake it for a program fault;
    ui/services/evaluation.py adds which form it is (FormRulesError).
    """


@dataclass(frozen=True)
class Profile:
    """Rules and thresholds for one family of forms.

    `place_rules` maps a normalised category (二级 key first, then 一级 key, see
    scoring/categories.py) to a rule object; `name_rules` maps a word in a leaf's name (资金到位率)
    to a rule object. Both apply only where the written target fits the rule (engine.py).
    """

    name: str
    title: str = ""
    reverse: str = "reverse_r1"
    grades: tuple[tuple[Decimal, str], ...] = ()
    qualitative_bands: tuple[Decimal, Decimal] = (Decimal("0.8"), Decimal("0.6"))
    place_rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    name_rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    new_form_weights: Mapping[str, Decimal] = field(default_factory=dict)
    settings: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Profile:
        """Build a Profile from its JSON object; raises ProfileError on a bad key or value."""
        if not isinstance(data, Mapping):
            raise ProfileError("评分规则必须是一个对象（JSON 字典），请检查表格的 rules 字段或规则文件")
        name = data.get("name")
        if not isinstance(name, str) or not name:
            raise ProfileError("评分规则缺少名称（name），请在规则中写明，如 \"central-2020\"")
        reverse = data.get("reverse", "reverse_r1")
        if reverse not in REVERSE_TYPES:
            raise ProfileError(f"评分规则“{name}”的 reverse 为“{reverse}”，只能是 reverse_r1 或 reverse_r2")
        return cls(
            name=name,
            title=str(data.get("title", "")),
            reverse=reverse,
            grades=_grades(name, data.get("grades", [])),
            qualitative_bands=_bands(name, data.get("qualitative_bands", [0.8, 0.6])),
            place_rules=_rules(name, "place_rules", data.get("place_rules", {})),
            name_rules=_rules(name, "name_rules", data.get("name_rules", {})),
            new_form_weights=MappingProxyType(
                {str(k): _number(name, f"new_form_weights.{k}", v)
                 for k, v in dict(data.get("new_form_weights", {})).items()}),
            settings=MappingProxyType(dict(data.get("settings", {}))),
        )

    def grade(self, total: Decimal | None) -> str | None:
        """The grade (优/良/中/差) of a total by the profile's bands; None when no total."""
        if total is None:
            return None
        for minimum, label in self.grades:
            if total >= minimum:
                return label
        return None

    def setting(self, key: str, default: Any) -> Any:
        """A threshold from `settings` (e.g. over_target 1.3), or the default."""
        return self.settings.get(key, default)

    @cached_property
    def cache_key(self) -> str:
        """The profile's whole content as text: profiles built apart from equal dicts (a fresh one per
        keystroke from profile_for) share the engine's memoised leaf results, and no id is reused."""
        return repr(self)


_BUILT: dict[str, Profile] = {}


def as_profile(value: Profile | Mapping[str, Any]) -> Profile:
    """Accept a Profile or its dict; the same dict content gives the same Profile object.

    Callers pass the dict on every keystroke, so profiles built once are kept (keyed by content).
    """
    if isinstance(value, Profile):
        return value
    key = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    built = _BUILT.get(key)
    if built is None:
        built = Profile.from_dict(value)
        if len(_BUILT) < 64:  # a handful of profiles exist; never grow without bound
            _BUILT[key] = built
    return built


def _number(profile: str, key: str, value: Any) -> Decimal:
    number = to_decimal(value)
    if number is None:
        raise ProfileError(f"评分规则“{profile}”中 {key} 的值“{value}”不是数字，请改为数字")
    return number


def _grades(profile: str, raw: Any) -> tuple[tuple[Decimal, str], ...]:
    grades = []
    for i, band in enumerate(raw if isinstance(raw, list) else []):
        if not isinstance(band, Mapping) or "grade" not in band:
            raise ProfileError(f"评分规则“{profile}”的第{i + 1}个等级缺少 grade，请写成 {{\"min\": 90, \"grade\": \"优\"}}")
        grades.append((_number(profile, f"grades[{i}].min", band.get("min", 0)), str(band["grade"])))
    # Highest minimum first, so the first band reached is the grade.
    return tuple(sorted(grades, key=lambda g: g[0], reverse=True))


def _bands(profile: str, raw: Any) -> tuple[Decimal, Decimal]:
    if not isinstance(raw, list) or len(raw) != 2:
        raise ProfileError(f"评分规则“{profile}”的 qualitative_bands 应为两个比例，如 [0.8, 0.6]")
    high, low = (_number(profile, "qualitative_bands", v) for v in raw)
    return high, low


def _rules(profile: str, key: str, raw: Any) -> Mapping[str, Mapping[str, Any]]:
    if not isinstance(raw, Mapping):
        raise ProfileError(f"评分规则“{profile}”的 {key} 应为对象")
    out: dict[str, Mapping[str, Any]] = {}
    for place, rule in raw.items():
        if not isinstance(rule, Mapping) or rule.get("type") not in RULE_TYPES:
            raise ProfileError(f"评分规则“{profile}”中 {key}.{place} 的规则类型无效，"
                               f"可用的类型：{'、'.join(RULE_TYPES)}")
        out[str(place)] = MappingProxyType(dict(rule))
    return MappingProxyType(out)


def profile_for(form_rules: str | Mapping[str, Any] | None, name: str,
                load: Callable[[str], Mapping[str, Any]]) -> Profile:
    """The profile a form asks for: its inline `rules` object, else `load(name)` (the loader does the I/O).

    Args:
        form_rules: the form's `rules` value (a name, an inline profile object, or None).
        name: the form's profile name (Form.profile_name()).
        load: reads a shipped profile by name, e.g. resources.profile_files.load_profile_data.
    """
    if isinstance(form_rules, Mapping):
        return Profile.from_dict(form_rules)
    return Profile.from_dict(load(name))
