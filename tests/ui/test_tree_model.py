"""IndicatorTreeModel: Qt's model checks on empty, full and edited trees; cells, flags, marks."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from model.form import Form
from model.store import Store
from tests.ui.helpers import leaf_named, open_session
from ui.editing.session import FormSession
from ui.tree_model import FINDINGS_ROLE, IndicatorTreeModel


@pytest.fixture
def session(qapp, memory_store: Store) -> FormSession:  # type: ignore[no-untyped-def]
    return open_session(memory_store)


def col(model: IndicatorTreeModel, title: str) -> int:
    return [c.title for c in model.columns].index(title)


def test_model_checks_pass_on_an_empty_tree(qtmodeltester, qapp, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = open_session(memory_store, Form(kind="project_self_eval", year=2024))
    model = IndicatorTreeModel(session)
    qtmodeltester.check(model)
    goal = session.add_goal("年度总体目标")
    qtmodeltester.check(model)
    assert model.rowCount() == 1 and model.rowCount(model.index_of(goal)) == 0


def test_model_checks_pass_on_a_full_tree_and_after_every_command(qtmodeltester, session: FormSession) -> None:  # type: ignore[no-untyped-def]
    model = IndicatorTreeModel(session)
    qtmodeltester.check(model)
    goal = session.form.goals[0]
    new = session.add_node(goal.id, 1, name="一级下的指标")
    session.indent(new)
    session.outdent(new)
    session.move_up(new)
    session.move_down(new)
    session.set_node_field(leaf_named(session, "康复训练人数").id, "actual", "90人")
    session.remove_nodes([goal.indicators[1].id, new])
    session.add_goal("目标2")
    session.move_goal(session.form.goals[1].id, 0)
    qtmodeltester.check(model)
    while session.undo_stack.canUndo():
        session.undo_stack.undo()
    qtmodeltester.check(model)


def test_rows_follow_the_form(session: FormSession) -> None:
    model = IndicatorTreeModel(session)
    goal = model.index(0, 0)
    assert goal.data() == "年度总体目标"
    output = model.index(0, 0, goal)
    assert output.data() == "产出指标"
    quantity = model.index(0, 0, output)
    assert [model.index(r, 0, quantity).data() for r in range(model.rowCount(quantity))] == ["康复训练人数", "培训班期数"]
    leaf = model.index(0, 0, quantity)
    assert leaf.siblingAtColumn(col(model, "年度指标值")).data() == "≥100人"
    assert leaf.siblingAtColumn(col(model, "得分")).data() == "16.00"
    assert output.siblingAtColumn(col(model, "得分")).data() == "46.00"  # the 一级 subtotal


def test_typing_an_actual_updates_the_score_cell_and_its_subtotals(session: FormSession, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = IndicatorTreeModel(session)
    leaf = leaf_named(session, "康复训练人数")
    actual = model.index_of(leaf.id, col(model, "实际完成值"))
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(actual, "95人")
    assert model.index_of(leaf.id, col(model, "得分")).data() == "19.00"
    output = session.form.goals[0].indicators[0]
    assert model.index_of(output.id, col(model, "得分")).data() == "49.00"


def test_numbers_accept_full_width_and_refuse_text(session: FormSession) -> None:
    model = IndicatorTreeModel(session)
    leaf = leaf_named(session, "培训班期数")
    weight = model.index_of(leaf.id, col(model, "分值"))
    assert model.setData(weight, "１５")
    assert leaf.weight == 15
    assert model.setData(weight, "12.5")
    assert leaf.weight == 12.5
    errors: list[str] = []
    session.error.connect(errors.append)
    steps = session.undo_stack.count()
    assert not model.setData(weight, "十分")
    assert leaf.weight == 12.5 and session.undo_stack.count() == steps
    assert "不是数字" in errors[0] and "培训班期数" in errors[0]


def test_typing_into_a_computed_score_makes_it_manual_with_the_computed_one_beside(session: FormSession) -> None:
    # Issue #15 point 2: a number typed into 得分 is the manual score at once; Delete goes back.
    model = IndicatorTreeModel(session)
    leaf = leaf_named(session, "康复训练人数")
    score = model.index_of(leaf.id, col(model, "得分"))
    assert score.flags() & Qt.ItemFlag.ItemIsEditable
    assert "实际 80人 ÷ 目标 100人" in score.data(Qt.ItemDataRole.ToolTipRole)
    steps = session.undo_stack.count()
    assert model.setData(score, "18")
    assert leaf.score == 18 and session.undo_stack.count() == steps + 1
    assert session.result.node(leaf.id).score == Decimal("18.00")
    assert score.data() == "18.00（算16）"  # the rule gives 80 ÷ 100 × 20 = 16
    assert score.data(Qt.ItemDataRole.ForegroundRole) is None  # shown as typed, not computed-blue
    assert "手动填写" in score.data(Qt.ItemDataRole.ToolTipRole)
    # One key back: clearing the cell (what Delete does) returns to the computed score.
    assert model.setData(score, "")
    assert leaf.score is None and session.result.node(leaf.id).score == Decimal("16.00")
    assert score.data() == "16.00"
    # Clearing a computed score changes nothing.
    steps = session.undo_stack.count()
    assert model.setData(score, "")
    assert session.undo_stack.count() == steps


def test_cells_with_findings_are_marked_and_say_why(session: FormSession) -> None:
    model = IndicatorTreeModel(session)
    leaf = leaf_named(session, "康复训练人数")
    reason = model.index_of(leaf.id, col(model, "偏差原因分析及改进措施"))
    assert [f.code for f in reason.data(FINDINGS_ROLE)] == ["REASON_MISSING"]
    assert reason.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "没有填写偏差原因" in reason.data(Qt.ItemDataRole.ToolTipRole)
    assert model.setData(reason, "受疫情影响，部分训练推迟到下一年度。")
    assert reason.data(FINDINGS_ROLE) == []
    assert reason.data(Qt.ItemDataRole.BackgroundRole) is None


def test_tier_and_rule_choices_become_leaf_fields(session: FormSession) -> None:
    model = IndicatorTreeModel(session)
    leaf = leaf_named(session, "受益残疾人满意度")
    rule = model.index_of(leaf.id, col(model, "评分方式"))
    assert model.setData(rule, "rule:qualitative")
    assert leaf.rule == {"type": "qualitative"}
    assert model.setData(rule, "tier:部分达成")
    assert leaf.tier == "部分达成"
    assert session.result.node(leaf.id).score == Decimal("6.00")  # floor of the band: 0.6 × 10
    assert "定性：部分达成" in rule.data()


def test_an_edit_refreshes_only_the_rows_whose_scores_or_findings_changed(session: FormSession) -> None:
    """A full refresh of every row cost ~9 ms per keystroke on 300 leaves (bench/bench_edit.py)."""
    model = IndicatorTreeModel(session)
    leaf = leaf_named(session, "康复训练人数")
    quantity = session.form.goals[0].indicators[0].children[0]
    output = session.form.goals[0].indicators[0]
    goal = session.form.goals[0]
    touched: list[tuple[int, int, int]] = []
    model.dataChanged.connect(lambda tl, br, _roles=(): touched.append((model.node_id(tl), tl.column(), br.column())))
    resets: list[str] = []
    model.modelReset.connect(lambda: resets.append("reset"))
    model.layoutChanged.connect(lambda: resets.append("layout"))
    model.setData(model.index_of(leaf.id, col(model, "实际完成值")), "95人")
    ids = {node_id for node_id, _first, _last in touched}
    # The leaf (score 16 → 19), its 二级 and 一级 subtotals and the goal; nothing else, no reset.
    assert ids == {leaf.id, quantity.id, output.id, goal.id} and resets == []
    score = col(model, "得分")
    assert all(first <= score <= last for node_id, first, last in touched if node_id != leaf.id)
    assert model.index_of(output.id, score).data() == "49.00"
    # An edit that changes no score or finding elsewhere touches only its own row.
    touched.clear()
    model.setData(model.index_of(leaf.id, col(model, "指标")), "康复训练人数（人次）")
    assert {node_id for node_id, _f, _l in touched} <= {leaf.id, quantity.id, output.id, goal.id}
    assert leaf.id in {node_id for node_id, _f, _l in touched}


def test_a_finding_that_appears_on_another_row_repaints_that_row(qapp, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    """Checks across rows (duplicates, sums) put findings on rows other than the edited one."""
    import dataclasses

    from scoring.result import Finding
    from model.tree import node_by_id
    from tests.conftest import make_sample_form
    from ui.services.evaluation import evaluate_with_profile as evaluate_form

    ids: dict[str, int] = {}

    def evaluator(f: Form):  # type: ignore[no-untyped-def]
        result = evaluate_form(f)
        if ids and node_by_id(f, ids["counted"]).actual == "100人":  # made up: 人数 row → 满意度 row
            extra = Finding("warning", "TEST", ("x",), "人数与满意度不一致", "actual", ids["other"])
            result = dataclasses.replace(result, findings=(*result.findings, extra), _by_id={}, _groups_by_id={})
        return result

    session = FormSession(memory_store, memory_store.add(make_sample_form()), evaluator=evaluator)
    counted, other = leaf_named(session, "康复训练人数"), leaf_named(session, "受益残疾人满意度")
    ids.update(counted=counted.id, other=other.id)
    model = IndicatorTreeModel(session)
    touched: list[tuple[int, int, int]] = []
    model.dataChanged.connect(lambda tl, br, _roles=(): touched.append((model.node_id(tl), tl.column(), br.column())))
    actual = model.index_of(other.id, col(model, "实际完成值"))
    assert actual.data(Qt.ItemDataRole.BackgroundRole) is None
    session.set_node_field(counted.id, "actual", "100人")
    assert (other.id, 0, len(model.columns) - 1) in touched
    assert actual.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "人数与满意度不一致" in actual.data(Qt.ItemDataRole.ToolTipRole)
    touched.clear()
    session.undo_stack.undo()
    assert (other.id, 0, len(model.columns) - 1) in touched
    assert actual.data(Qt.ItemDataRole.BackgroundRole) is None


def test_a_qualitative_row_waiting_for_its_tier_says_so_in_the_score_cell(session: FormSession) -> None:
    """Walk-through: 明显提高 against 明显提高 showed a blank 得分, the subtotal silently lacked its 15
    points and the 审核 list said nothing; the 档次 is chosen in 评分方式, far right of the tree."""
    from ui.tree_model import PENDING_TIER_TEXT

    model = IndicatorTreeModel(session)
    leaf = leaf_named(session, "受益残疾人满意度")
    rule = model.index_of(leaf.id, col(model, "评分方式"))
    score = model.index_of(leaf.id, col(model, "得分"))
    session.set_node_field(leaf.id, "target", "明显提高")
    session.set_node_field(leaf.id, "actual", "明显提高")
    assert model.setData(rule, "rule:qualitative")
    assert session.result.node(leaf.id).score is None  # no 档次 chosen yet
    assert score.data() == PENDING_TIER_TEXT
    assert score.data(Qt.ItemDataRole.EditRole) == ""  # copying the row gives no score, not the hint
    assert "评分方式" in score.data(Qt.ItemDataRole.ToolTipRole)
    assert model.setData(rule, "tier:达成")
    assert score.data() == f"{session.result.node(leaf.id).score:.2f}"
    assert "选择档次" not in (score.data(Qt.ItemDataRole.ToolTipRole) or "")
