"""BasicDataEditor: numbers and texts of the 基础数据表 as commands; the checker's findings follow."""
from __future__ import annotations

from model.codec import form_to_dict, load_form
from model.form import Form
from model.store import Store
from resources import samples_dir
from tests.ui.helpers import open_session
from ui.basic_data_editor import BasicDataEditor

SANGONG = ("basic_data", "经费控制情况(万元)", "“三公”经费")
BUILDINGS = ("basic_data", "楼堂馆所控制情况(2023年完工项目)", "楼堂馆所")
# The sample keeps the paper's mistake: 0 ÷ 0 rates written as 0 (where "—" belongs).
SPENDING = ("basic_data", "经费控制情况(万元)", "公用经费")
PROJECTS = ("basic_data", "经费控制情况(万元)", "项目支出：")
# The sample as the seed wrote it: 0 ÷ 0 rates, 公用经费 18.3 against 3.9 + 8.4 + 3 in 2023, and a
# blank 项目支出 total above filled items.
SAMPLE_FINDINGS = [("TOTAL_BLANK", PROJECTS, "2022年决算数"), ("BASIC_SUM_MISMATCH", SPENDING, "2023年决算数"), ("BASIC_SUM_MISMATCH", SPENDING, "2023年预算数"),
                   ("ZERO_DENOMINATOR", BUILDINGS, "投资概算控制率"), ("ZERO_DENOMINATOR", BUILDINGS, "规模控制率")]


def _sample() -> Form:
    return load_form(samples_dir() / "05-seed003_basic.json")


def _editor(qtbot, store: Store) -> BasicDataEditor:  # type: ignore[no-untyped-def]
    editor = BasicDataEditor(open_session(store, _sample()))
    qtbot.addWidget(editor)
    return editor


def _codes(editor: BasicDataEditor) -> list[tuple[str, tuple[str, ...], str | None]]:
    found = sorted((f.code, f.path, f.field) for f in editor.session.result.findings
                   if f.path[:1] == ("basic_data",))
    return [f for f in found if f not in SAMPLE_FINDINGS]


def test_rows_are_named_as_printed(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, memory_store)
    spending = editor.tables[1]
    assert spending.verticalHeaderItem(0).text() == "“三公”经费"
    assert spending.verticalHeaderItem(10).text() == "残疾人就业保障金"
    assert [spending.horizontalHeaderItem(c).text() for c in range(3)] == ["2022年决算数", "2023年预算数",
                                                                           "2023年决算数"]
    assert spending.item(0, 0).text() == "1.79" and spending.item(1, 0).text() == ""
    assert set(editor.texts) == {3} and _codes(editor) == []
    buildings = editor.tables[2]
    assert "无法计算" in buildings.item(0, 2).toolTip() and "无法计算" in buildings.item(0, 5).toolTip()
    assert buildings.item(0, 1).toolTip() == "" and "规模控制率" in editor.notes[2].text()


def test_a_number_breaking_a_sum_is_marked_and_undone_exactly(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, memory_store)
    session = editor.session
    before = form_to_dict(session.form)
    spending = editor.tables[1]
    # 出国经费 2023年决算数 1: 三公 3 ≠ 公务用车 0 + 出国 1 + 接待 3 = 4.
    spending.item(4, 2).setText("1")
    assert session.form.basic_data[1].rows[4].values == [None, None, 1]
    assert _codes(editor) == [("FUNDS_SUM_MISMATCH", SANGONG, "2023年决算数")]
    assert "= 4" in spending.item(0, 2).toolTip() and spending.item(0, 1).toolTip() == ""
    assert not editor.notes[1].isHidden()
    assert memory_store.load(session.form.id).basic_data[1].rows[4].values == [None, None, 1]
    session.undo_stack.undo()
    assert form_to_dict(session.form) == before and _codes(editor) == []
    assert spending.item(4, 2).text() == "" and spending.item(0, 2).toolTip() == ""
    assert form_to_dict(memory_store.load(session.form.id)) == before


def test_a_head_count_that_breaks_the_written_rate(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, memory_store)
    people = editor.tables[0]
    people.item(0, 1).setText("27")  # 27 ÷ 30 = 90.00%, the form says 控制率 1.0 (100%)
    path = ("basic_data", "财政供养人员情况(人)", "财政供养人员")
    assert _codes(editor) == [("RATE_MISMATCH", path, "控制率")]
    assert "90.00%" in people.item(0, 2).toolTip()
    people.item(0, 2).setText("0.9")
    assert _codes(editor) == []
    assert editor.select_cell(path, "控制率") and (people.currentRow(), people.currentColumn()) == (0, 2)


def test_text_is_refused_in_a_number_cell(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, memory_store)
    errors: list[str] = []
    editor.session.error.connect(errors.append)
    editor.tables[1].item(0, 0).setText("一点七九")
    assert editor.session.form.basic_data[1].rows[0].values[0] == 1.79
    assert editor.tables[1].item(0, 0).text() == "1.79"
    assert "“三公”经费" in errors[0] and "不是数字" in errors[0]


def test_text_section_typing_is_one_undo_step(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, memory_store)
    session = editor.session
    box = editor.texts[3]
    for text in ("严格", "严格执行", "严格执行公务接待标准"):
        box.setPlainText(text)
    assert session.form.basic_data[3].text == "严格执行公务接待标准"
    assert memory_store.load(session.form.id).basic_data[3].text == "严格执行公务接待标准"
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert session.form.basic_data[3].text == "" and box.toPlainText() == ""


def test_rates_show_and_read_as_percents(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, memory_store)
    people = editor.tables[0]
    assert people.item(0, 2).text() == "100%"  # stored as 1.0, printed as 100.00%
    people.item(0, 2).setText("90%")
    assert editor.session.form.basic_data[0].rows[0].values[2] == 0.9
    people.item(0, 2).setText("120")  # a bare number above 1.5 is a percent
    assert editor.session.form.basic_data[0].rows[0].values[2] == 1.2
    assert people.item(0, 2).text() == "120%"


def test_rate_text_helpers() -> None:
    from ui.editing.columns import format_rate, parse_rate

    assert [format_rate(v) for v in (1, 0.8575, 0.9, None)] == ["100%", "85.75%", "90%", ""]
    assert [parse_rate(t) for t in ("100%", "85.5%", "0.9", "120", "")] == [1, 0.855, 0.9, 1.2, None]


def test_a_rate_stored_as_percent_points_shows_as_that_percent(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    """A file written “控制率 100” (points, issue 13) shows 100%, not 10000%; “98.5%” is accepted."""
    form = _sample()
    form.basic_data[0].rows[0].values[2] = 100  # type: ignore[index, union-attr]
    editor = BasicDataEditor(open_session(memory_store, form))
    qtbot.addWidget(editor)
    people = editor.tables[0]
    assert people.item(0, 2).text() == "100%"
    people.item(0, 2).setText("98.5%")
    assert editor.session.form.basic_data[0].rows[0].values[2] == 0.985
    assert ("RATE_MISMATCH", ("basic_data", "财政供养人员情况(人)", "财政供养人员"), "控制率") in _codes(editor)
