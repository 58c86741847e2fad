"""LeafDetail: texts, rule override, checklist and survey tally of a leaf, each an undoable command
that updates the form, the Result and the database."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from model.codec import form_to_dict, load_form
from model.form import Leaf
from model.store import Store
from model.tree import leaves
from resources import samples_dir
from tests.ui.helpers import open_session
from ui.leaf_detail import LeafDetail
from ui.editing.session import FormSession


def _panel(qtbot, store: Store, code: str) -> tuple[LeafDetail, FormSession, Leaf]:  # type: ignore[no-untyped-def]
    session = open_session(store, load_form(samples_dir() / "08-seed004_eval.json"))
    panel = LeafDetail(session)
    qtbot.addWidget(panel)
    leaf = next(leaf for leaf in leaves(session.form) if leaf.code == code)
    panel.show_leaf(leaf.id)
    return panel, session, leaf


def _stored(store: Store, session: FormSession, code: str) -> Leaf:
    return next(leaf for leaf in leaves(store.load(session.form.id)) if leaf.code == code)


def _undo_all(session: FormSession) -> None:
    while session.undo_stack.canUndo():
        session.undo_stack.undo()


def test_nothing_chosen_or_a_group_shows_the_hint(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    panel, session, _leaf = _panel(qtbot, memory_store, "A11")
    panel.show_leaf(session.form.goals[0].indicators[0].id)  # 决策, a group
    assert not panel.tabs.isEnabled() and "请在上面的表格中选择" in panel.caption.text()


def test_texts_merge_per_visit_and_reach_the_database(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    panel, session, leaf = _panel(qtbot, memory_store, "A12")
    before = form_to_dict(session.form)
    assert panel.texts["description"].toPlainText().startswith("本指标考察项目申请")
    for text in ("已", "已核实立项文件"):
        panel.texts["basis"].setPlainText(text)
    assert leaf.basis == "已核实立项文件" and session.undo_stack.count() == 1
    assert _stored(memory_store, session, "A12").basis == "已核实立项文件"
    panel.texts["process"].setPlainText("")  # clearing a text removes it
    assert leaf.process is None and session.undo_stack.count() == 2
    _undo_all(session)
    assert form_to_dict(session.form) == before
    assert panel.texts["process"].toPlainText().startswith("综上所述")


def test_checklist_met_gate_and_share_rescore(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    panel, session, leaf = _panel(qtbot, memory_store, "A11")
    before = form_to_dict(session.form)
    table = panel.checklist
    assert table.rowCount() == 5 and panel.tabs.tabText(2) == "评价要点（5）"
    assert session.result.node(leaf.id).computed == Decimal("2.00")
    # Point 1 (30%) not met: 2 − 0.3 × 2 = 1.40.
    table.item(0, 3).setCheckState(Qt.CheckState.Unchecked)
    assert leaf.checklist[0].met is False
    assert session.result.node(leaf.id).computed == Decimal("1.40")
    assert _stored(memory_store, session, "A11").checklist[0].met is False
    # Its share typed as a percent, 50: 2 − 0.5 × 2 = 1.00 (shares now add up to 120%: a warning).
    table.item(0, 1).setText("50")
    assert leaf.checklist[0].share == 0.5 and session.result.node(leaf.id).computed == Decimal("1.00")
    # Made a gate (否决项) while unmet: 0.
    table.item(0, 2).setCheckState(Qt.CheckState.Checked)
    assert leaf.checklist[0].gate is True and session.result.node(leaf.id).computed == Decimal("0.00")
    assert "否决项" in panel.caption.text() or "0.00" in panel.caption.text()
    session.undo_stack.undo()
    assert leaf.checklist[0].gate is False and table.item(0, 2).checkState() == Qt.CheckState.Unchecked
    _undo_all(session)
    assert form_to_dict(session.form) == before
    assert table.item(0, 3).checkState() == Qt.CheckState.Checked and table.item(0, 1).text() == "0.3"
    assert form_to_dict(memory_store.load(session.form.id)) == before
    session.undo_stack.redo()
    assert leaf.checklist[0].met is False and session.result.node(leaf.id).computed == Decimal("1.40")


def test_adding_and_removing_checklist_items(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    panel, session, leaf = _panel(qtbot, memory_store, "A32")
    before = form_to_dict(session.form)
    panel.add_checklist_item()
    assert len(leaf.checklist) == 3 and panel.checklist.rowCount() == 3
    # The new point is not judged yet, so the rule cannot decide.
    assert session.result.node(leaf.id).computed is None
    panel.checklist.item(2, 0).setText("资金分配是否经过集体决策")
    assert leaf.checklist[2].text == "资金分配是否经过集体决策"
    panel.checklist.setCurrentCell(0, 0)
    panel.remove_checklist_item()
    assert [item.text for item in leaf.checklist][1] == "资金分配是否经过集体决策"
    assert len(_stored(memory_store, session, "A32").checklist) == 2
    _undo_all(session)
    assert form_to_dict(session.form) == before and panel.checklist.rowCount() == 2


def test_survey_tally_scores_the_leaf(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    panel, session, leaf = _panel(qtbot, memory_store, "D51")
    before = form_to_dict(session.form)
    for level, count in (("很满意", "12"), ("满意", "5"), ("一般", "2"), ("不满意", "1"), ("很不满意", "0")):
        edit = panel.survey[level]
        edit.setText(count)
        edit.setModified(True)  # as typing does
        edit.editingFinished.emit()
    assert leaf.survey == {"很满意": 12, "满意": 5, "一般": 2, "不满意": 1, "很不满意": 0}
    # (12×1 + 5×0.8 + 2×0.6 + 1×0.3 + 0×0) ÷ 20 = 87.5% < 95%: 0.875 ÷ 0.95 × 4 = 3.684… → 3.68.
    assert session.result.node(leaf.id).computed == Decimal("3.68")
    assert _stored(memory_store, session, "D51").survey == leaf.survey
    errors: list[str] = []
    session.error.connect(errors.append)
    panel.survey["满意"].setText("2.5")
    panel.survey["满意"].setModified(True)
    panel.survey["满意"].editingFinished.emit()
    assert leaf.survey["满意"] == 5 and panel.survey["满意"].text() == "5" and "答卷数" in errors[0]
    _undo_all(session)
    assert form_to_dict(session.form) == before and leaf.survey is None
    assert panel.survey["很满意"].text() == ""


def test_rule_override_type_and_parameters(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    panel, session, leaf = _panel(qtbot, memory_store, "C11")
    before = form_to_dict(session.form)
    editor = panel.rule_editor
    assert editor.type_box.currentData() == "deviation"
    band = editor.inputs["band"]
    assert band.text() == "0.2"
    band.setText("0.1")
    band.editingFinished.emit()
    assert leaf.rule == {"type": "deviation", "band": 0.1, "side": "both"}
    assert _stored(memory_store, session, "C11").rule == leaf.rule
    editor.type_box.setCurrentIndex(editor.type_box.findData("bands"))
    assert leaf.rule == {"type": "bands"}
    editor.inputs["bands"].setText("1:4；0.8:2")
    editor.inputs["bands"].editingFinished.emit()
    assert leaf.rule == {"type": "bands", "bands": [{"min": 1, "score": 4}, {"min": 0.8, "score": 2}]}
    # 100 ÷ 100 = 100% reaches the top band: 4 points.
    assert session.result.node(leaf.id).computed == Decimal("4.00")
    errors: list[str] = []
    session.error.connect(errors.append)
    editor.inputs["bands"].setText("1=4")
    editor.inputs["bands"].editingFinished.emit()
    assert "比率:得分" in errors[0] and editor.inputs["bands"].text() == "1:4；0.8:2"
    editor.type_box.setCurrentIndex(0)  # back to the profile's choice
    assert leaf.rule is None
    _undo_all(session)
    assert form_to_dict(session.form) == before and editor.type_box.currentData() == "deviation"
    assert editor.inputs["band"].text() == "0.2"


def _seed000(qtbot, store):  # type: ignore[no-untyped-def]
    from model.codec import load_form
    from resources import samples_dir
    from tests.ui.helpers import open_session

    session = open_session(store, load_form(samples_dir() / "01-seed000_t1.json"))
    detail = LeafDetail(session)
    qtbot.addWidget(detail)
    detail.show()
    return session, detail


def test_the_tier_is_chosen_in_the_detail_and_applies_at_once(qtbot, memory_store) -> None:  # type: ignore[no-untyped-def]
    """Issue #15 point 16: the 档次 could only be chosen in 评分方式, off-screen at 1366 px."""
    from model.tree import leaves

    session, detail = _seed000(qtbot, memory_store)
    leaf = next(leaf for leaf in leaves(session.form) if leaf.name.startswith("慰问安置"))
    leaf.score = None  # computed, so the 档次 decides the score
    session.set_node_field(leaf.id, "tier", None)
    detail.show_leaf(leaf.id)
    assert detail.tier_row.isVisible() and detail.tier_buttons[""].isChecked()
    assert "建议：达成" in detail.tier_hint.text()
    detail.tier_buttons["部分达成"].click()  # one click, no "click elsewhere" needed
    assert leaf.tier == "部分达成" and session.result.node(leaf.id).score is not None
    detail.tier_buttons["达成"].click()
    assert leaf.tier == "达成" and session.result.node(leaf.id).score == session.result.node(leaf.id).weight
    # A quantitative row has no 档次 row.
    other = next(leaf for leaf in leaves(session.form) if leaf.name.startswith("接受培训人数"))
    detail.show_leaf(other.id)
    assert not detail.tier_row.isVisible()


def test_evidence_on_a_manual_row_says_what_it_does_and_offers_the_computed_score(qtbot, memory_store) -> None:  # type: ignore[no-untyped-def]
    """Issue #15 point 13: a survey tally on a manual-score row changed only the 计算过程, silently."""
    from model.tree import leaves

    session, detail = _seed000(qtbot, memory_store)
    leaf = next(leaf for leaf in leaves(session.form) if leaf.name.startswith("接受培训残疾人或家属满意"))
    detail.show_leaf(leaf.id)
    assert leaf.score == 6 and detail.manual_row.isVisible()  # printed 6, the rule gives 6.67
    assert "按规则计算为 6.67 分" in detail.manual_note.text() and "手动填写的 6.00 分" in detail.manual_note.text()
    steps = session.undo_stack.count()
    detail.use_computed_button.click()
    assert leaf.score is None and session.undo_stack.count() == steps + 1
    assert not detail.manual_row.isVisible()
    # Typed again equal to the computed one: nothing to offer.
    session.set_field("node", (leaf.id, "score"), 6.67, "手动填写得分")
    assert not detail.manual_row.isVisible()
