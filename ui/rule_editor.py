"""RuleEditor: a leaf's rule override — the type and that type's parameters (docs/form-format.md).

Parameters are typed as text ("0.8, 0.6" for a list, "1:4；0.8:2" for bands) and read here into
the rule object; an empty field leaves the parameter out, so the rule's default applies. A change
becomes one command setting the leaf's `rule` to a new dict (keys this editor does not know kept).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from ui.editing.columns import format_number, parse_number
from ui.weak import weak_slot

RULE_LABELS: tuple[tuple[str, str | None], ...] = (
    ("按评分方案（不指定）", None), ("正向：实际÷目标×分值", "ratio"), ("等于目标", "equal"),
    ("反向R1：超出部分扣分", "reverse_r1"), ("反向R2：目标÷实际×分值", "reverse_r2"),
    ("定性三档", "qualitative"), ("按期完成", "deadline"), ("偏差区间", "deviation"),
    ("质量下限", "quality_floor"), ("满意度问卷", "survey"), ("评价要点清单", "checklist"),
    ("分档计分", "bands"), ("手动打分", "manual"),
)
# type → (parameter key, label, kind, hint); kinds: number, numbers, bands, side, flag.
PARAMETERS: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "qualitative": (("bands", "档次比例", "numbers", "默认 0.8, 0.6：部分达成得 80% 以内，未达成 60% 以内"),),
    "deviation": (("band", "允许偏差", "number", "默认 0.2，即 ±20%"),
                  ("side", "方向", "side", "")),
    "quality_floor": (("floor", "下限", "number", "默认 0.6，低于下限得 0"),),
    "survey": (("weights", "五级系数", "numbers", "默认 1, 0.8, 0.6, 0.3, 0（很满意…很不满意）"),
               ("full_at", "满分线", "number", "默认 0.99"),
               ("scale_below", "折算线", "number", "默认 0.95：低于此线按比例得分")),
    "bands": (("bands", "档次", "bands", "例如 1:4；0.8:2 表示 ≥100% 得 4 分，≥80% 得 2 分"),
              ("below", "最低档以下", "number", "默认 0"),
              ("shares", "档次得分为分值的比例", "flag", "")),
}
SIDES = (("双向（高于或低于都扣分）", "both"), ("只扣低于目标的部分", "below"))
_SPLIT = re.compile(r"[,，、\s]+")


def _numbers(text: str, what: str) -> list[float | int]:
    return [n for part in _SPLIT.split(text.strip()) if part and (n := parse_number(part, what)) is not None]


def _bands(text: str, what: str) -> list[dict[str, Any]]:
    bands = []
    for part in re.split(r"[;；\n]+", text.strip()):
        if not part.strip():
            continue
        low, sep, score = part.replace("：", ":").partition(":")
        if not sep:
            raise ValueError(f"“{part.strip()}”格式不对。{what}每档写成“比率:得分”，例如 1:4；0.8:2。")
        bands.append({"min": parse_number(low, what), "score": parse_number(score, what)})
    return bands


def _show(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "numbers" and isinstance(value, list):
        return ", ".join(format_number(v) for v in value)
    if kind == "bands" and isinstance(value, list):
        return "；".join(f"{format_number(b.get('min'))}:{format_number(b.get('score'))}"
                        for b in value if isinstance(b, dict))
    return format_number(value) if isinstance(value, (int, float)) else str(value)


_READERS: dict[str, Callable[[str, str], Any]] = {
    "number": lambda text, what: parse_number(text, what),
    "numbers": lambda text, what: _numbers(text, what) or None,
    "bands": lambda text, what: _bands(text, what) or None,
}


class RuleEditor(QWidget):
    """Type chooser and parameter fields; emits `rule_changed(dict | None)` for the user's changes."""

    rule_changed = Signal(object)
    invalid = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule: dict[str, Any] | None = None
        self.type_box = QComboBox(self)
        for label, rule_type in RULE_LABELS:
            self.type_box.addItem(label, rule_type)
        self.layout_ = QFormLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addRow("评分方式", self.type_box)
        self.inputs: dict[str, QWidget] = {}
        self._built_type: str | None = "<none>"
        self._filling = False
        self.type_box.currentIndexChanged.connect(self._type_chosen)

    def show_rule(self, rule: dict[str, Any] | None) -> None:
        """Show a leaf's rule (None: the profile decides)."""
        self.rule = rule
        self._filling = True
        rule_type = rule.get("type") if rule else None
        index = self.type_box.findData(rule_type)
        if index < 0:  # a type this program does not know: show it, keep it unless changed
            self.type_box.addItem(f"未知方式“{rule_type}”", rule_type)
            index = self.type_box.count() - 1
        self.type_box.setCurrentIndex(index)
        if rule_type == self._built_type:
            self._fill(rule or {})  # same fields: update in place (a field may be mid-signal)
        else:
            self._build(rule_type, rule or {})
        self._filling = False

    def _fill(self, rule: dict[str, Any], force: bool = False) -> None:
        for key, _label, kind, _hint in PARAMETERS.get(self._built_type or "", ()):
            widget = self.inputs[key]
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(rule.get(key, "both")), 0))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(rule.get(key)))
            elif isinstance(widget, QLineEdit) and (force or not widget.hasFocus()):
                widget.setText(_show(kind, rule.get(key)))

    def _build(self, rule_type: str | None, rule: dict[str, Any]) -> None:
        while self.layout_.rowCount() > 1:
            self.layout_.removeRow(1)
        self.inputs = {}
        self._built_type = rule_type
        for key, label, kind, hint in PARAMETERS.get(rule_type or "", ()):
            widget: QWidget
            if kind == "side":
                box = QComboBox(self)
                for text, side in SIDES:
                    box.addItem(text, side)
                box.setCurrentIndex(max(box.findData(rule.get(key, "both")), 0))
                box.currentIndexChanged.connect(weak_slot(self._params_edited))
                widget = box
            elif kind == "flag":
                check = QCheckBox(self)
                check.setChecked(bool(rule.get(key)))
                check.toggled.connect(weak_slot(self._params_edited))
                widget = check
            else:
                edit = QLineEdit(_show(kind, rule.get(key)), self)
                edit.setPlaceholderText(hint)
                edit.setToolTip(hint)
                edit.editingFinished.connect(self._params_edited)
                widget = edit
            self.inputs[key] = widget
            self.layout_.addRow(label, widget)
        if rule_type is None:
            self.layout_.addRow("", QLabel("按评分方案，由指标所在位置和目标值的写法决定计分方法。", self))

    def _type_chosen(self, _index: int) -> None:
        if self._filling:
            return
        rule_type = self.type_box.currentData()
        self._build(rule_type, {})
        self.rule_changed.emit({"type": rule_type} if rule_type else None)

    def _params_edited(self) -> None:
        if self._filling:
            return
        rule_type = self.type_box.currentData()
        if not rule_type:
            return
        rule = dict(self.rule or {})
        rule["type"] = rule_type
        try:
            for key, label, kind, _hint in PARAMETERS.get(rule_type, ()):
                value = self._read(self.inputs[key], kind, label)
                if value is None:
                    rule.pop(key, None)
                else:
                    rule[key] = value
        except ValueError as exc:
            self.invalid.emit(str(exc))
            self._filling = True
            self._fill(self.rule or {}, force=True)
            self._filling = False
            return
        if rule != self.rule:
            self.rule_changed.emit(rule)

    @staticmethod
    def _read(widget: QWidget, kind: str, label: str) -> Any:
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QCheckBox):
            return True if widget.isChecked() else None
        assert isinstance(widget, QLineEdit)
        return _READERS[kind](widget.text(), f"评分参数“{label}”")
