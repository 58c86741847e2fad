"""CROSS_FORM_MISMATCH in the window: the other stored forms of the unit and year are read once per
open, the open form is checked against them on every change, and a click selects the cell."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from model.form import Form, Goal, Group, Leaf
from model.store import Store
from model.tree import leaves
from tests.conftest import make_sample_form
from tests.ui.fake_scoring import fake_evaluate
from ui.main_window import MainWindow
from ui.editing.session import FormSession
from ui.settings import UiSettings

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def _dept_form(unit: str = "示例县残联", year: int = 2024, target: str = "≥120人") -> Form:
    """A department table of the sample form's unit (short name) repeating 康复训练人数 with another target."""
    return Form(kind="dept_self_eval", year=year, header={"unit_name": unit},
                goals=[Goal(title="目标1", indicators=[Group(name="产出指标", children=[
                    Group(name="数量指标", children=[Leaf(name="1、康复训练人数", target=target, actual="80人")])])])])


def _cross(result) -> list:
    return [f for f in result.findings if f.code == "CROSS_FORM_MISMATCH"]


def test_session_adds_cross_findings_and_rechecks_after_each_edit(qtbot) -> None:
    store = Store.memory()
    form_id = store.add(make_sample_form())
    store.add(_dept_form())
    store.add(_dept_form(year=2023, target="≥1人"))        # another year: not compared
    store.add(_dept_form(unit="别的县残联", target="≥2人"))  # another unit: not compared
    session = FormSession(store, form_id, evaluator=fake_evaluate)
    found = _cross(session.result)
    first = next(leaves(session.form))
    assert [(f.node_id, f.field) for f in found] == [(first.id, "target")]
    assert "部门整体支出绩效自评表" in found[0].message and "“≥120人”" in found[0].message
    session.set_node_field(first.id, "target", "≥120人")   # now both tables agree
    assert _cross(session.result) == []
    session.undo_stack.undo()
    assert len(_cross(session.result)) == 1


def test_a_form_without_unit_is_not_compared(qtbot) -> None:
    store = Store.memory()
    form = make_sample_form()
    form.header = {"project_name": "残疾人康复训练补助项目"}
    form_id = store.add(form)
    store.add(_dept_form(unit=""))
    assert _cross(FormSession(store, form_id, evaluator=fake_evaluate).result) == []


def test_window_lists_the_cross_finding_and_a_click_selects_the_target_cell(qtbot, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    try:
        form_id = store.add(make_sample_form())
        store.add(_dept_form())
        settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
        window = MainWindow(store, settings, evaluator=fake_evaluate)
        qtbot.addWidget(window)
        window.show()
        window.open_form(form_id)
        finding = next(f for f in window.findings_panel.findings() if f.code == "CROSS_FORM_MISMATCH")
        window.side_tabs.setCurrentWidget(window.findings_panel)
        window.findings_panel.tree.itemClicked.emit(window.findings_panel.item_for(finding), 0)
        index = window.editor.tree_view.currentIndex()
        assert getattr(index.internalPointer(), "id", None) == finding.node_id
        header = window.editor.tree_view.model().headerData(index.column(), Qt.Orientation.Horizontal,
                                                            Qt.ItemDataRole.DisplayRole)
        assert "指标值" in str(header)
        window.close()
    finally:
        store.close()


def test_a_unit_name_one_typo_away_from_the_others_is_reported_in_the_window(qtbot) -> None:
    store = Store.memory()
    form = make_sample_form()
    form.header["implementing_unit"] = "示例残疾人联合会"   # 县 left out: the other forms say 示例县
    form_id = store.add(form)
    store.add(_dept_form())
    store.add(_dept_form(target="≥2人", unit="示例县残疾人联合会"))
    store.add(_dept_form(unit="别的县残联"))                  # another unit altogether: not loaded
    session = FormSession(store, form_id, evaluator=fake_evaluate)
    found = [f for f in session.result.findings if f.code == "HEADER_UNIT_MISMATCH"]
    assert [(f.path, f.field) for f in found] == [(("header", "implementing_unit"), "implementing_unit")]
    assert "示例残疾人联合会" in found[0].message and _cross(session.result) == []  # never compared by indicator
    session.set_header("implementing_unit", "示例县残疾人联合会")
    assert not [f for f in session.result.findings if f.code == "HEADER_UNIT_MISMATCH"]
    assert _cross(session.result)  # now one unit: the indicators are compared
