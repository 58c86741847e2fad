"""PlanEditor: typed percentages are commands, PLAN_* findings follow live, undo restores exactly."""
from __future__ import annotations

from model.codec import form_to_dict
from model.form import Form, Funds, FundsRow, PlanPoint
from model.store import Store
from tests.ui.helpers import open_session
from ui.plan_editor import PlanEditor


def _target_form() -> Form:
    return Form(kind="project_target", year=2024, money_unit="元",
                header={"project_name": "残疾人康复训练补助项目", "preparer": "张明"},
                funds=Funds(rows=[FundsRow("预算数", annual=400000)]),
                spending_plan=[PlanPoint("3月底", 10.0), PlanPoint("6月底", 40.0), PlanPoint("10月底", 80.0),
                               PlanPoint("12月底", 100.0)])


def _codes(editor: PlanEditor) -> list[str]:
    return sorted(f.code for f in editor.findings())


def test_percent_edit_updates_form_findings_database_and_undo(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = open_session(memory_store, _target_form())
    editor = PlanEditor(session)
    qtbot.addWidget(editor)
    before = form_to_dict(session.form)
    assert [editor.table.horizontalHeaderItem(c).text() for c in range(4)] == ["3月底", "6月底", "10月底", "12月底"]
    assert editor.table.item(0, 1).text() == "40" and _codes(editor) == []
    # 6月底 30% after 3月底 10% is fine; 10月底 typed as 20% drops below 6月底's 40%: not cumulative.
    editor.table.item(0, 2).setText("20%")
    assert session.form.spending_plan[2].percent == 20
    assert _codes(editor) == ["PLAN_NOT_CUMULATIVE"]
    assert "小于前一时点" in editor.table.item(0, 2).toolTip()
    assert editor.notes.text().startswith("【错误】")
    assert memory_store.load(session.form.id).spending_plan[2].percent == 20
    editor.table.item(0, 3).setText("９５")  # full-width, and not reaching 100%
    assert session.form.spending_plan[3].percent == 95
    assert _codes(editor) == ["PLAN_NOT_100", "PLAN_NOT_CUMULATIVE"]
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert form_to_dict(session.form) == before and _codes(editor) == []
    assert editor.table.item(0, 2).text() == "80" and editor.notes.isHidden()
    assert form_to_dict(memory_store.load(session.form.id)) == before
    session.undo_stack.redo()
    assert editor.table.item(0, 2).text() == "20" and _codes(editor) == ["PLAN_NOT_CUMULATIVE"]


def test_text_is_refused_with_a_message(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = open_session(memory_store, _target_form())
    editor = PlanEditor(session)
    qtbot.addWidget(editor)
    errors: list[str] = []
    session.error.connect(errors.append)
    editor.table.item(0, 0).setText("一成")
    assert session.form.spending_plan[0].percent == 10.0 and editor.table.item(0, 0).text() == "10"
    assert "3月底" in errors[0] and "不是数字" in errors[0]
    assert session.undo_stack.count() == 0


def test_a_form_without_plan_shows_the_standard_four_and_creates_them(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    form = _target_form()
    form.spending_plan = None
    session = open_session(memory_store, form)
    editor = PlanEditor(session)
    qtbot.addWidget(editor)
    assert editor.table.columnCount() == 4 and editor.table.item(0, 3).text() == ""
    editor.table.item(0, 3).setText("100")
    assert [p.percent for p in session.form.spending_plan] == [None, None, None, 100]
    assert _codes(editor) == ["PLAN_LEADING_BLANK"]  # three blank quarters before the filled one: asked
    editor.select_cell(("spending_plan", "12月底"))
    assert editor.table.currentColumn() == 3
