"""FundsEditor and HeaderEditor: edits become commands, rate and score follow at once."""
from __future__ import annotations

from model.store import Store
from tests.ui.helpers import open_session
from ui.funds_editor import FundsEditor
from ui.header_editor import HeaderEditor


def test_funds_edit_updates_rate_and_score(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = open_session(memory_store)
    editor = FundsEditor(session)
    qtbot.addWidget(editor)
    assert (editor.table.item(0, 4).text(), editor.table.item(0, 5).text()) == ("75.00%", "7.50")
    editor.table.item(0, 2).setText("３６")  # full-width digits are accepted
    assert session.form.funds.rows[0].executed == 36
    # 36 ÷ 40 = 90.00%; 90% × 10 = 9.00
    assert (editor.table.item(0, 4).text(), editor.table.item(0, 5).text()) == ("90.00%", "9.00")
    errors: list[str] = []
    session.error.connect(errors.append)
    editor.table.item(0, 1).setText("四十")
    assert session.form.funds.rows[0].annual == 40 and editor.table.item(0, 1).text() == "40"
    assert "全年预算数" in errors[0] and "不是数字" in errors[0]
    session.undo_stack.undo()
    assert editor.table.item(0, 2).text() == "30"


def test_header_typing_is_one_undo_step_per_field_visit(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = open_session(memory_store)
    editor = HeaderEditor(session)
    qtbot.addWidget(editor)
    field = editor.fields["leader"]
    for text in ("李", "李华"):
        field.setText(text)
        field.textEdited.emit(text)
    field.editingFinished.emit()
    field.textEdited.emit("李华明")
    assert session.form.header["leader"] == "李华明" and session.undo_stack.count() == 2
    session.undo_stack.undo()
    assert field.text() == "李华"
    editor.achieved.setPlainText("已完成全年康复训练")
    assert session.form.goals[0].achieved == "已完成全年康复训练"


def test_rule_names_cover_exactly_the_rule_types() -> None:
    from scoring.rules.types import RULE_TYPES
    from ui.editing.columns import RULE_CHOICES, RULE_NAMES
    from ui.rule_editor import RULE_LABELS

    assert set(RULE_NAMES) == set(RULE_TYPES)
    assert {t for _label, t in RULE_LABELS} == {*RULE_TYPES, None}
    assert {t for _label, t in RULE_CHOICES} <= {*RULE_TYPES, None}
