"""What changed between two versions of a form, in words a user reads (a refused stale save shows it)."""
from __future__ import annotations

from typing import Any

from model.codec import form_to_dict
from model.errors import KEY_NAMES
from model.form import Form


def _flatten(value: Any, path: tuple[Any, ...], out: dict[tuple[Any, ...], Any]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, (*path, key), out)
    elif isinstance(value, list) and value and any(isinstance(v, (dict, list)) for v in value):
        for i, item in enumerate(value):
            _flatten(item, (*path, i), out)
    else:
        out[path] = value


def _label(doc: dict[str, Any], path: tuple[Any, ...]) -> str:
    """“目标1 / 产出指标 / 数量指标 / 残疾人补贴人数 的实际完成值” for a key path of a form document."""
    names: list[str] = []
    node: Any = doc
    for step in path[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict):
            name = node.get("name", node.get("title"))
            if isinstance(name, str) and name:
                names.append(name)
            elif isinstance(step, str) and step in KEY_NAMES:
                names.append(KEY_NAMES[step])
    last = path[-1] if path else ""
    field = KEY_NAMES.get(last, str(last)) if isinstance(last, str) else f"第 {last + 1} 项"
    return f"{' / '.join(names)} 的{field}" if names else field


def _shown(value: Any) -> str:
    if value is None:
        return "（空）"
    text = value if isinstance(value, str) else str(value)
    return f"“{text[:30]}{'…' if len(text) > 30 else ''}”"


def changes(old: Form, new: Form, limit: int = 12) -> list[str]:
    """One line per changed value (“位置：旧 → 新”), at most `limit` lines and a count of the rest."""
    before: dict[tuple[Any, ...], Any] = {}
    after: dict[tuple[Any, ...], Any] = {}
    new_doc = form_to_dict(new)
    _flatten(form_to_dict(old), (), before)
    _flatten(new_doc, (), after)
    lines = []
    for path in [*after, *(p for p in before if p not in after)]:
        if before.get(path) != after.get(path):
            lines.append(f"{_label(new_doc, path)}：{_shown(before.get(path))} → {_shown(after.get(path))}")
    if len(lines) > limit:
        lines = [*lines[:limit], f"……另有 {len(lines) - limit} 处改动"]
    return lines
