"""ScorePanel: a scored form's figures, and a plain note instead of rows of dashes on unscored kinds."""
from __future__ import annotations

from model.store import Store
from tests.conftest import make_sample_form
from tests.ui.helpers import open_session
from ui.score_panel import UNSCORED_NOTE, ScorePanel


def test_target_form_says_it_is_not_scored_without_dash_rows(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    """Walk-through: a 项目绩效目标表 showed 本表不计分 over 执行率 —, 预算执行率 — — and each 一级 — —."""
    form = make_sample_form()
    form.kind = "project_target"
    session = open_session(memory_store, form)
    panel = ScorePanel()
    qtbot.addWidget(panel)
    panel.show_result(session.form, session.result)
    assert panel.total_label.text() == "本表不计分"
    assert panel.funds_label.text() == UNSCORED_NOTE
    assert panel.rows() == [] and panel.table.isHidden()


def test_scored_form_after_an_unscored_one_shows_its_rows_again(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    target = make_sample_form()
    target.kind = "project_target"
    panel = ScorePanel()
    qtbot.addWidget(panel)
    unscored = open_session(memory_store, target)
    panel.show_result(unscored.form, unscored.result)
    scored = open_session(memory_store)
    panel.show_result(scored.form, scored.result)
    assert not panel.table.isHidden()
    assert panel.total_label.text().startswith("总分 ")
    assert panel.funds_label.text().startswith("执行率 ")
    assert [name for name, _score, _weight in panel.rows()][0] == "预算执行率"


def test_an_incomplete_form_says_its_grade_is_pending(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    form = make_sample_form()
    form.goals[0].indicators[0].children[0].children[0].actual = None  # one weighted leaf unscored
    session = open_session(memory_store, form)
    panel = ScorePanel()
    qtbot.addWidget(panel)
    panel.show_result(session.form, session.result)
    assert session.result.grade is None
    assert panel.total_label.text().endswith("等级待定（尚有未计分项，见审核）")
