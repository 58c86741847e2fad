"""The wording of the narrative reports: one TOML file per form kind in resources/report_templates/.

The files are data a county may edit; a broken file gives a Chinese message naming the file and the
sentence, never a traceback. Fields are filled by name ({年度}); a name the program does not supply
stays visible as 【请填写：名称】 rather than failing.
"""
from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from model.errors import JixiaoError
from resources import resource_path


class TemplateError(JixiaoError):
    """A report template file is missing or cannot be read."""


def template_path(kind: str) -> Any:
    """Where the template of a kind lives."""
    return resource_path("report_templates", f"{kind}.toml")


class _Fill(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return f"【请填写：{key}】"


@dataclass(frozen=True)
class Templates:
    """The sentences, headings and table heads of one kind's template."""

    kind: str
    data: dict[str, Any]

    def _raw(self, section: str | None, key: str) -> Any:
        where = self.data if section is None else self.data.get(section, {})
        if key not in where:
            name = key if section is None else f"[{section}] {key}"
            raise TemplateError(f"报告模板“{template_path(self.kind).name}”缺少“{name}”一项。"
                                "请从程序安装包中取回原始模板文件，或补上这一项。")
        return where[key]

    def say(self, key: str, **values: str) -> str:
        """A sentence of [sentences] with its fields filled."""
        return self._fill(self._raw("sentences", key), key, values)

    def head(self, key: str, **values: str) -> str:
        """A heading of [headings]."""
        return self._fill(self._raw("headings", key), key, values)

    def top(self, key: str, **values: str) -> str:
        """A top-level entry (title, closing lines)."""
        return self._fill(self._raw(None, key), key, values)

    def top_table(self, key: str, **values: str) -> str:
        """A text entry of [table] (captions)."""
        return self._fill(self._raw("table", key), key, values)

    def columns(self, key: str) -> tuple[str, ...]:
        """A list of column heads of [table]."""
        value = self._raw("table", key)
        return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)

    def _fill(self, text: Any, key: str, values: dict[str, str]) -> str:
        try:
            return string.Formatter().vformat(str(text), (), _Fill(values))
        except (ValueError, IndexError, KeyError) as exc:
            raise TemplateError(f"报告模板“{template_path(self.kind).name}”中“{key}”一句的花括号写法有误（{exc}）。"
                                "花括号要成对，里面只写名称，如 {年度}。") from None


@lru_cache(maxsize=8)
def _load(kind: str) -> dict[str, Any]:
    path = template_path(kind)
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise TemplateError(f"找不到报告模板“{path}”。请重新安装程序，或把模板文件放回该位置。") from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"报告模板“{path.name}”格式有误（{exc}）。请检查引号和方括号是否成对，"
                            "或从安装包中取回原始文件。") from None


def templates(kind: str) -> Templates:
    """The template of a form kind (read once per process)."""
    return Templates(kind, _load(kind))
