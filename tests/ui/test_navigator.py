"""The navigator: 单位 → 年度 → forms, search, selection, score updates."""
from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from model.form import Form
from model.store import Store
from tests.conftest import make_sample_form
from ui.navigator import FORM_ID_ROLE, Navigator

# The offscreen platform warns when a top-level window is shown; harmless.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def _add(store: Store, unit: str, year: int, project: str, kind: str = "project_self_eval") -> str:
    form = make_sample_form()
    form.kind, form.year = kind, year
    form.header.update(department=unit, implementing_unit=unit, project_name=project)
    return store.add(form)


@pytest.fixture
def filled(memory_store: Store) -> dict[str, str]:
    return {"a": _add(memory_store, "甲县残联", 2024, "康复项目"),
            "b": _add(memory_store, "甲县残联", 2023, "培训项目"),
            "c": _add(memory_store, "乙县残联", 2024, "助听器项目", kind="project_target")}


def _tree(nav: Navigator) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    out = []
    for u in range(nav.model.rowCount()):
        unit = nav.model.item(u)
        years = []
        for y in range(unit.rowCount()):
            year = unit.child(y)
            years.append((year.text(), [year.child(f).text() for f in range(year.rowCount())]))
        out.append((unit.text(), years))
    return out


def test_groups_by_unit_then_year_newest_first(qtbot, memory_store: Store, filled: dict[str, str]) -> None:
    nav = Navigator(memory_store, scorer=lambda form_id, rev: ("87.50", "良"))
    qtbot.addWidget(nav)
    assert _tree(nav) == [("乙县残联", [("2024年度", ["助听器项目 · 目标表"])]),
                          ("甲县残联", [("2024年度", ["康复项目 · 自评"]), ("2023年度", ["培训项目 · 自评"])])]
    year = nav.model.item(0).child(0)
    assert [year.child(0, c).text() for c in range(4)] == ["助听器项目 · 目标表", "目标表", "87.50", "良"]
    assert year.child(0).data(FORM_ID_ROLE) == filled["c"]


def test_search_filters_after_a_pause(qtbot, memory_store: Store, filled: dict[str, str]) -> None:
    nav = Navigator(memory_store)
    qtbot.addWidget(nav)
    nav.search.setText("助听器")
    qtbot.waitUntil(lambda: nav.form_ids() == [filled["c"]])
    nav.search.setText("甲县 2023")  # every word must match
    qtbot.waitUntil(lambda: nav.form_ids() == [filled["b"]])
    nav.search.clear()
    qtbot.waitUntil(lambda: len(nav.form_ids()) == 3)


def test_selecting_a_form_emits_its_id(qtbot, memory_store: Store, filled: dict[str, str]) -> None:
    nav = Navigator(memory_store)
    qtbot.addWidget(nav)
    with qtbot.waitSignal(nav.form_activated) as blocker:
        assert nav.select_form(filled["b"])
    assert blocker.args == [filled["b"]]
    assert nav.current_form_id() == filled["b"]
    with qtbot.assertNotEmitted(nav.form_activated):
        nav.select_form(filled["a"], emit=False)
    # Reloading keeps the selection.
    nav.reload()
    assert nav.current_form_id() == filled["a"]


def test_update_scores_changes_one_row(qtbot, memory_store: Store, filled: dict[str, str]) -> None:
    nav = Navigator(memory_store, scorer=lambda form_id, rev: ("50.00", "差"))
    qtbot.addWidget(nav)
    nav.update_scores(filled["a"], "91.00", "优", label="康复项目（改） · 自评")
    row = nav._rows[filled["a"]]
    assert [i.text() for i in row] == ["康复项目（改） · 自评", "项目自评", "91.00", "优"]
    assert nav._rows[filled["b"]][2].text() == "50.00"


def test_empty_store_lists_nothing(qtbot, memory_store: Store) -> None:
    nav = Navigator(memory_store)
    qtbot.addWidget(nav)
    assert nav.model.rowCount() == 0 and nav.current_form_id() is None
    assert isinstance(Form, type)


def test_short_name_drops_the_repeated_year() -> None:
    from ui.navigator import short_name

    assert short_name("2023年度部门整体支出绩效自评表", 2023) == "部门整体支出绩效自评表"
    assert short_name("2019年残疾人康复项目", 2019) == "残疾人康复项目"
    assert short_name("2019年残疾人康复项目", 2020) == "2019年残疾人康复项目"  # another year is information
    assert short_name("2023年", 2023) == "2023年"


def test_quiet_selection_still_tells_the_view(qtbot, memory_store: Store, filled: dict[str, str]) -> None:
    """Walk-through: a quiet select left the old row painted as selected (signals to the view were
    blocked), so two forms looked selected. The view must hear the change; the window must not."""
    nav = Navigator(memory_store)
    qtbot.addWidget(nav)
    nav.select_form(filled["a"])
    selection = nav.view.selectionModel()
    with qtbot.waitSignal(selection.selectionChanged), qtbot.assertNotEmitted(nav.form_activated):
        nav.select_form(filled["b"], emit=False)
    selected_ids = {i.siblingAtColumn(0).data(FORM_ID_ROLE) for i in selection.selectedIndexes()}
    assert selected_ids == {filled["b"]}
    assert len(selection.selectedIndexes()) == 4  # the whole row: name, kind, total, grade
    # After a reload the quiet flag is off again: a click still opens the form.
    nav.reload()
    with qtbot.waitSignal(nav.form_activated) as blocker:
        nav.select_form(filled["a"])
    assert blocker.args == [filled["a"]]


def test_rows_are_told_apart_project_first_kind_as_a_tag_full_title_in_the_tooltip(qtbot, memory_store: Store) -> None:
    """Issue #15 point 6: two forms read “2019年残疾人…”; department forms “部门整体支出…”."""
    from model.codec import load_form
    from resources import samples_dir
    from ui.navigator import full_title, row_label

    ids = {p.name: memory_store.add(load_form(p)) for p in sorted(samples_dir().glob("*.json"))}
    nav = Navigator(memory_store)
    qtbot.addWidget(nav)
    nav.resize(300, 500)
    nav.show()
    labels = {name: nav._rows[form_id][0].text() for name, form_id in ids.items()}
    assert labels["01-seed000_t1.json"] == "2019年残疾人保障金(就业培训) · 自评"
    assert labels["02-seed000_t2.json"] == "2019年残疾人保障金(康复服务) · 自评"
    assert labels["06-seed003_dept.json"] == "部门整体支出自评"
    assert labels["05-seed003_basic.json"] == "部门基础数据表"
    assert labels["04-seed002_p2.json"] == "残疾人临时救助慰问经费 · 目标表"
    # Cut in the middle at 300 px, so the distinguishing ends stay visible; the kind column is hidden.
    assert nav.view.textElideMode() == Qt.TextElideMode.ElideMiddle and nav.view.isColumnHidden(1)
    assert nav.view.indentation() <= 12  # three levels of indentation leave the names their room
    tip = nav._rows[ids["06-seed003_dept.json"]][0].toolTip()
    assert tip.startswith("2023年度部门整体支出绩效自评表\n")
    assert full_title(2023, "2023年度部门整体支出绩效自评表") == "2023年度部门整体支出绩效自评表"
    assert full_title(2020, "项目支出绩效自评表") == "2020年度项目支出绩效自评表"
    assert row_label("evaluation", "2022年自治区项目", 2022) == "自治区项目 · 评价"
