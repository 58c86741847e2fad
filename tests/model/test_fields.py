"""Setters of the non-tree parts: each returns the old value, and setting it back restores the form."""
from __future__ import annotations

import pytest

from model.codec import form_to_dict
from model.errors import TreeError
from model.fields import (Absent, set_checklist_item, set_data_cell, set_section_text,
                          set_survey_count)
from model.form import ChecklistItem, DataRow, DataSection, Form, Goal, Group, Leaf


def _basic() -> Form:
    return Form(kind="dept_basic_data", year=2023, basic_data=[
        DataSection("财政供养人员情况(人)", columns=["编制数", "实际在职人数", "控制率"],
                    rows=[DataRow("财政供养人员", [30, 28])]),
        DataSection("厉行节约保障措施", text="严格执行公务接待标准")])


def _eval_form() -> tuple[Form, Leaf]:
    leaf = Leaf(name="立项依据充分性", weight=2, rule={"type": "checklist"}, checklist=[
        ChecklistItem("符合法律法规", 0.3, False, True), ChecklistItem("与部门职责相符", 0.2, True, True)])
    form = Form(kind="evaluation", year=2022, goals=[Goal("目标1", indicators=[
        Group("决策", children=[Group("项目立项", children=[leaf])])])])
    return form, leaf


def test_data_cell_inside_the_row_returns_the_old_number() -> None:
    form = _basic()
    before = form_to_dict(form)
    old = set_data_cell(form, 0, 0, 1, 30)
    assert old == 28 and form.basic_data[0].rows[0].values == [30, 30]
    set_data_cell(form, 0, 0, 1, old)
    assert form_to_dict(form) == before


def test_data_cell_past_the_row_end_is_cut_back_on_undo() -> None:
    form = _basic()
    before = form_to_dict(form)
    old = set_data_cell(form, 0, 0, 2, 0.93)
    assert old == Absent(2) and form.basic_data[0].rows[0].values == [30, 28, 0.93]
    set_data_cell(form, 0, 0, 2, old)
    assert form_to_dict(form) == before
    # Several columns past the end: the padding goes too.
    form.basic_data[0].rows[0].values = [30]
    old = set_data_cell(form, 0, 0, 2, 1.0)
    assert form.basic_data[0].rows[0].values == [30, None, 1.0]
    set_data_cell(form, 0, 0, 2, old)
    assert form.basic_data[0].rows[0].values == [30]


@pytest.mark.parametrize("section, row, column", [(5, 0, 0), (0, 3, 0), (0, 0, -1)])
def test_data_cell_outside_the_table_is_refused(section: int, row: int, column: int) -> None:
    form = _basic()
    with pytest.raises(TreeError):
        set_data_cell(form, section, row, column, 1)
    assert form.basic_data[0].rows[0].values == [30, 28]


def test_section_text_and_refusal_on_a_table() -> None:
    form = _basic()
    assert set_section_text(form, 1, "公务用车统一管理") == "严格执行公务接待标准"
    assert form.basic_data[1].text == "公务用车统一管理"
    with pytest.raises(TreeError, match="是表格"):
        set_section_text(form, 0, "文字")


def test_checklist_item_fields() -> None:
    form, leaf = _eval_form()
    assert set_checklist_item(form, leaf.id, 0, "met", False) is True
    assert leaf.checklist[0].met is False
    assert set_checklist_item(form, leaf.id, 1, "share", 0.25) == 0.2
    assert set_checklist_item(form, leaf.id, 1, "share", 0.2) == 0.25
    with pytest.raises(TreeError):
        set_checklist_item(form, leaf.id, 2, "met", True)
    with pytest.raises(TreeError):
        set_checklist_item(form, leaf.id, 0, "weight", 1)
    group = form.goals[0].indicators[0]
    with pytest.raises(TreeError, match="分组"):
        set_checklist_item(form, group.id, 0, "met", True)


def test_survey_tally_created_and_dropped_again() -> None:
    form, leaf = _eval_form()
    before = form_to_dict(form)
    assert set_survey_count(form, leaf.id, "满意", 12) is None
    assert leaf.survey == {"满意": 12}
    assert set_survey_count(form, leaf.id, "很不满意", 0) is None
    assert leaf.survey == {"满意": 12, "很不满意": 0}  # zero is an answer count, kept
    assert set_survey_count(form, leaf.id, "很不满意", None) == 0
    assert set_survey_count(form, leaf.id, "满意", None) == 12
    assert leaf.survey is None and form_to_dict(form) == before
    with pytest.raises(TreeError, match="很满意"):
        set_survey_count(form, leaf.id, "非常满意", 3)
