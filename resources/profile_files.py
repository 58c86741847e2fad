"""Reads the shipped scoring profiles (resources/profiles/<name>.json) as plain dicts.

scoring/ does no file reading; callers do `evaluate(form, load_profile_data(form.profile_name()))`.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from model.errors import JixiaoError
from resources import profiles_dir


class UnknownProfileError(JixiaoError):
    """The form names a profile that is not shipped."""


def known_profiles() -> list[str]:
    """Names of the shipped profiles, sorted."""
    return sorted(p.stem for p in profiles_dir().glob("*.json"))


def load_profile_data(name: str) -> dict[str, Any]:
    """The profile dict of a shipped profile; raises UnknownProfileError naming the known ones."""
    data: dict[str, Any] = json.loads(_read(name))
    return data


@lru_cache(maxsize=16)
def _read(name: str) -> str:
    path = profiles_dir() / f"{name}.json"
    if "/" in name or "\\" in name or not path.is_file():
        known = "、".join(known_profiles()) or "（无）"
        raise UnknownProfileError(f"找不到评分规则“{name}”。可用的评分规则：{known}。"
                                  "请在表格的 rules 字段中改用其中之一。")
    return path.read_text(encoding="utf-8")
