"""HeaderEditor labels (one table with the reports) and the goal boxes per kind."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel

from model.form import Form
from model.store import Store
from reports.blocks import header_label
from tests.conftest import make_sample_form
from tests.ui.helpers import open_session
from ui.header_editor import HeaderEditor


def _label_of(editor: HeaderEditor, key: str) -> QLabel:
    """The QLabel left of a field (the grid holds label, field, label, field per row)."""
    grid = editor.fields[key].parentWidget().layout().itemAt(0).layout()
    index = grid.indexOf(editor.fields[key])
    row, column, _rs, _cs = grid.getItemPosition(index)
    label = grid.itemAtPosition(row, column - 1).widget()
    assert isinstance(label, QLabel)
    return label


def test_extra_header_keys_have_the_reports_chinese_labels(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    form = make_sample_form()
    form.header.update({"client": "示例县财政局", "reviewer": "李华", "team": "第三评价组",
                        "eval_period": "2024年", "unit_code": "101001", "odd_key": "x"})
    editor = HeaderEditor(open_session(memory_store, form))
    qtbot.addWidget(editor)
    expected = {"client": "委托单位", "reviewer": "项目评审人", "team": "评价小组", "eval_period": "评价期间",
                "unit_code": "单位编码"}
    for key, text in expected.items():
        label = _label_of(editor, key)
        assert label.text() == text and "grey" not in label.styleSheet()
        assert header_label(key) == text  # the printed label is the same
        assert editor.fields[key].text() == form.header[key]
    odd = _label_of(editor, "odd_key")
    assert odd.text() == "odd_key" and "grey" in odd.styleSheet()
    assert header_label("odd_key") == "odd_key"


def test_basic_data_form_shows_no_goal_boxes(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    editor = HeaderEditor(open_session(memory_store, Form(kind="dept_basic_data", year=2023,
                                                          header={"unit_name": "示例县残疾人联合会"})))
    qtbot.addWidget(editor)
    editor.show()
    assert editor.fields["unit_name"].isVisible()
    assert not editor.expected.isVisible() and not editor.achieved.isVisible()
    assert not editor.goal_choice.isVisible()


def test_self_evaluation_shows_its_goal_boxes(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    editor = HeaderEditor(open_session(memory_store))
    qtbot.addWidget(editor)
    editor.show()
    assert editor.expected.isVisible() and editor.achieved.isVisible()
    assert editor.expected.toPlainText() == "完成康复训练"
