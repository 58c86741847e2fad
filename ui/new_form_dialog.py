"""The 新建表格 dialog: a blank form from the profile's skeleton, a 自评表 from a 目标表, or a copy
of last year's form. Builds the Form (model/skeletons.py does the work); the window stores it.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QFormLayout, QLabel,
                               QLineEdit, QRadioButton, QSpinBox, QVBoxLayout, QWidget)

from model.errors import JixiaoError
from model.form import KINDS, Form
from model.skeletons import copy_for_year, new_form, self_eval_from_target
from model.store import Store
from ui.messages import ok_cancel
from ui.settings import UnitDefaults

BLANK, FROM_TARGET, COPY = 0, 1, 2
PROJECT_KINDS = ("project_self_eval", "project_target", "evaluation")


def profile_choices() -> list[tuple[str, str]]:
    """(name, Chinese title) of the shipped scoring profiles."""
    from resources.profile_files import known_profiles, load_profile_data

    out = []
    for name in known_profiles():
        try:
            out.append((name, str(load_profile_data(name).get("title") or name)))
        except (JixiaoError, ValueError):
            continue
    return out or [("central-2020", "财预〔2020〕10号 项目支出绩效自评（默认）")]


def header_for_kind(kind: str, defaults: UnitDefaults, unit: str) -> dict[str, str]:
    """Header fields of a new form: the unit where this kind prints it, and the contact fields."""
    keys = ("department", "implementing_unit") if kind in ("project_self_eval", "evaluation") else ("unit_name",)
    header = {k: v for k, v in defaults.header().items() if k in ("leader", "preparer", "phone")}
    header.update({k: unit for k in keys})
    return header


class NewFormDialog(QDialog):
    """Asks kind, year, unit, project name, profile and how to start; `result_form` is the new form."""

    def __init__(self, store: Store, parent: QWidget | None = None, current: Form | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建表格")
        self.store = store
        self.result_form: Form | None = None
        self.defaults = UnitDefaults.load(store)
        today = today or dt.date.today()

        self.mode_group = QButtonGroup(self)
        modes = QVBoxLayout()
        for mode, text in ((BLANK, "空白表格（带标准一级、二级指标）"), (FROM_TARGET, "由项目绩效目标表生成自评表"),
                           (COPY, "复制上年的表格（保留指标、目标值和分值，清空完成值）")):
            button = QRadioButton(text, self)
            self.mode_group.addButton(button, mode)
            modes.addWidget(button)
        self.mode_group.button(BLANK).setChecked(True)

        self.source = QComboBox(self)
        self.kind = QComboBox(self)
        for key, name in KINDS.items():
            self.kind.addItem(name, key)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        # Self-evaluations are written early in the year about the year before.
        self.year.setValue(today.year - 1)
        self.year.setSuffix(" 年度")
        self.unit = QLineEdit(self.defaults.unit_name, self)
        self.unit.setPlaceholderText("例如：某某县残疾人联合会")
        self.project = QLineEdit(self)
        self.project.setPlaceholderText("例如：残疾人康复救助项目")
        self.profile = QComboBox(self)
        for name, title in profile_choices():
            self.profile.addItem(title, name)
        self._select_data(self.profile, self.defaults.default_profile)
        if current is not None:
            self._select_data(self.kind, current.kind)
            # The unit saved in 设置 wins; the open form's unit only fills in when none is saved.
            self.unit.setText(self.defaults.unit_name or current.unit)

        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b3261e")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("开始方式", modes)
        form.addRow("来源表格", self.source)
        form.addRow("表格类型", self.kind)
        form.addRow("年度", self.year)
        form.addRow("单位名称", self.unit)
        form.addRow("项目名称", self.project)
        form.addRow("评分规则", self.profile)
        buttons = ok_cancel(self, "创建")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.mode_group.idToggled.connect(self._mode_toggled)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.source.currentIndexChanged.connect(self._source_changed)
        self._form_layout = form
        self._mode_changed()

    @staticmethod
    def _select_data(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def mode(self) -> int:
        return self.mode_group.checkedId()

    def _mode_toggled(self, _id: int, on: bool) -> None:
        if on:
            self._mode_changed()

    def _mode_changed(self) -> None:
        mode = self.mode()
        self.source.clear()
        if mode == FROM_TARGET:
            summaries = [s for s in self.store.list_forms() if s.kind == "project_target"]
            self._select_data(self.kind, "project_self_eval")
        elif mode == COPY:
            summaries = self.store.list_forms()
        else:
            summaries = []
        for s in summaries:
            self.source.addItem(f"{s.year}年度 · {s.project or s.title} · {s.unit or '未填单位'}", s.id)
        self.source.setEnabled(mode != BLANK)
        self.kind.setEnabled(mode == BLANK)
        self.problem.setText("数据库中还没有项目绩效目标表，请先导入或新建目标表。"
                             if mode == FROM_TARGET and not summaries else "")
        self._source_changed()

    def _source_changed(self) -> None:
        form_id = self.source.currentData()
        if not isinstance(form_id, str):
            self._kind_changed()
            return
        source = self.store.load(form_id)
        if self.mode() == COPY:
            self._select_data(self.kind, source.kind)
            self.year.setValue(source.year + 1)
            self._select_data(self.profile, source.profile_name())
        else:
            self.year.setValue(source.year)
        self.unit.setText(source.unit)
        self.project.setText(source.header.get("project_name", ""))
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.project.setEnabled(kind in PROJECT_KINDS)
        if kind == "evaluation":
            self._select_data(self.profile, "xinjiang-eval-2022")

    def build(self) -> Form:
        """The new form for the current choices; raises JixiaoError with a Chinese message."""
        from resources.profile_files import load_profile_data

        mode, kind, profile = self.mode(), str(self.kind.currentData()), str(self.profile.currentData())
        unit, project = self.unit.text().strip(), self.project.text().strip()
        if not unit:
            raise JixiaoError("请填写单位名称（表头“单位名称/实施单位”会用到它）。")
        source_id = self.source.currentData()
        if mode != BLANK and not isinstance(source_id, str):
            raise JixiaoError("请先在“来源表格”中选择一张表格。")
        data = load_profile_data(profile)
        if mode == BLANK:
            header = header_for_kind(kind, self.defaults, unit)
            if kind in PROJECT_KINDS:
                if not project:
                    raise JixiaoError("请填写项目名称。")
                header["project_name"] = project
            return new_form(kind, self.year.value(), profile, header, data)
        source = self.store.load(str(source_id))
        made = self_eval_from_target(source, profile, data) if mode == FROM_TARGET \
            else copy_for_year(source, self.year.value())
        made.year = self.year.value()
        made.header.update({k: v for k, v in (("unit_name", unit), ("project_name", project)) if v})
        if mode == COPY and profile != source.profile_name():
            made.rules = profile
        return made

    def accept(self) -> None:
        try:
            self.result_form = self.build()
        except JixiaoError as exc:
            self.problem.setText(str(exc))
            return
        super().accept()
