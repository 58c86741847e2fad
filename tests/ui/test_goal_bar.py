"""GoalBar: add, rename, remove and move goals as commands; the database and undo follow."""
from __future__ import annotations

from model.codec import form_to_dict
from model.form import Form, Goal, Group, Leaf
from model.store import Store
from tests.ui.helpers import open_session
from ui.goal_bar import GoalBar


def _dept_form() -> Form:
    return Form(kind="dept_self_eval", year=2023, header={"unit_name": "示例县残疾人联合会"}, goals=[
        Goal("目标1", indicators=[Group("产出指标", weight=50, children=[Leaf("培训人数", target="≥100人",
                                                                             actual="100人", weight=50)])]),
        Goal("目标2", indicators=[Group("效益指标", weight=30, children=[Leaf("就业人数", target="≥20人",
                                                                             actual="10人", weight=30)])]),
        Goal("目标3")])


def _titles(bar: GoalBar) -> list[str]:
    """The goal titles of the tabs (each tab adds a few of the goal's words after a space)."""
    return [bar.tabs.tabText(i).split(" ")[0] for i in range(bar.tabs.count())]


def _stored_titles(store: Store, form_id: str) -> list[str]:
    return [g.title for g in store.load(form_id).goals]


def test_add_rename_move_remove_and_undo_all(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = open_session(memory_store, _dept_form())
    bar = GoalBar(session)
    qtbot.addWidget(bar)
    before = form_to_dict(session.form)
    total_before = session.result.total
    assert _titles(bar) == ["目标1", "目标2", "目标3"] and bar.title.text() == "目标1"
    assert not bar.left_button.isEnabled()

    selected: list[int] = []
    bar.goal_selected.connect(selected.append)
    new_id = bar.add_goal()
    assert _titles(bar) == ["目标1", "目标2", "目标3", "目标4"] and bar.current_goal_id() == new_id
    assert selected == [new_id] and not bar.right_button.isEnabled()

    bar.title.setText("提高残疾人就业能力")
    bar.title.editingFinished.emit()
    assert session.form.goals[3].title == "提高残疾人就业能力"
    assert _stored_titles(memory_store, session.form.id)[3] == "提高残疾人就业能力"

    bar.select_goal(session.form.goals[1].id)
    bar.move_current(-1)  # 目标2 moves before 目标1 and stays chosen
    assert _titles(bar)[:2] == ["目标2", "目标1"] and bar.tabs.currentIndex() == 0
    assert _stored_titles(memory_store, session.form.id)[:2] == ["目标2", "目标1"]

    bar.remove_current()  # 目标2 goes with 就业人数 (10 ÷ 20 × 30 = 15 points), so the total drops
    assert _titles(bar) == ["目标1", "目标3", "提高残疾人就业能力"]
    assert session.result.total == total_before - 15
    assert len(memory_store.load(session.form.id).goals) == 3

    for _ in range(4):
        session.undo_stack.undo()
    assert form_to_dict(session.form) == before and session.result.total == total_before
    assert _titles(bar) == ["目标1", "目标2", "目标3"]
    assert form_to_dict(memory_store.load(session.form.id)) == before


def test_empty_title_is_refused(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = open_session(memory_store, _dept_form())
    bar = GoalBar(session)
    qtbot.addWidget(bar)
    errors: list[str] = []
    session.error.connect(errors.append)
    bar.title.setText("  ")
    bar.title.editingFinished.emit()
    assert session.form.goals[0].title == "目标1" and bar.title.text() == "目标1"
    assert "不能为空" in errors[0] and session.undo_stack.count() == 0
