"""Header facts wherever a form puts them: title lines, paragraphs, label/value cells, the signature line."""
from __future__ import annotations

import re

from model.office.synonyms import key, synonyms
from model.office.values import iso_date

YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
UNIT = re.compile(r"单位\s*[:：]\s*(万元|元)")
_SIGNATURE = re.compile(r"(填表人|填报人|填报日期|填表日期|联系电话|单位负责人签字|单位负责人|负责人)\s*[:：]")
_LEADER_PHONE = re.compile(r"^(?P<name>\D*?)\s*(?P<phone>[\d\-－—()（）]{7,})$")
_UNIT_CODE = re.compile(r"^(?P<code>\d{6,})\s*(?P<name>\D.*)$")


def year_in(text: str) -> int | None:
    """The first year written in a text (2020年, （2020年度）)."""
    match = YEAR.search(text)
    return int(match.group(1)) if match else None


def unit_in(text: str) -> str | None:
    """万元 or 元 when the text says 单位：…"""
    match = UNIT.search(key(text).replace("金额", ""))
    return match.group(1) if match else None


def put_header(header: dict[str, str], name: str, value: str) -> None:
    """Set a header key; 单位负责人及电话 splits into leader and phone; dates become YYYY-MM-DD."""
    value = value.strip()
    if name == "leader":
        match = _LEADER_PHONE.match(value)
        if match:
            header["leader"] = match.group("name").strip()
            header["phone"] = match.group("phone")
            return
    if name == "fill_date":
        value = iso_date(value)
    if value or name not in header:
        header[name] = value


def signature(text: str) -> dict[str, str]:
    """填表人：… 填报日期：… 联系电话：… 单位负责人签字：… written in one cell or paragraph."""
    found: dict[str, str] = {}
    matches = list(_SIGNATURE.finditer(text))
    for n, match in enumerate(matches):
        end = matches[n + 1].start() if n + 1 < len(matches) else len(text)
        name = synonyms().header_key(match.group(1))
        value = text[match.end():end].strip()
        if name and value:
            put_header(found, name, value)
    return found


def labelled(text: str) -> tuple[str, str] | None:
    """"项目名称：残疾人就业保障金" in one cell → ("project_name", "残疾人就业保障金")."""
    parts = re.split(r"[:：]", text, maxsplit=1)
    if len(parts) != 2:
        return None
    name = synonyms().header_key(parts[0])
    return (name, parts[1].strip()) if name else None


def unit_code(text: str) -> tuple[str, str] | None:
    """"762001某某残疾人联合会本级" → ("762001", "某某残疾人联合会本级")."""
    match = _UNIT_CODE.match(text.strip())
    return (match.group("code"), match.group("name").strip()) if match else None
