"""FormSession: recompute, save and signals after every command, undo and redo; the real engine."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from model.codec import dumps_form
from model.form import Form
from model.store import Store
from tests.conftest import FakeClock
from tests.ui.helpers import leaf_named, open_session
from ui.editing.session import FormSession


def group_score(session: FormSession, *path: str) -> Decimal | None:
    found = [g for g in session.result.groups if g.path == ("年度总体目标", *path)]
    return found[0].score if found else None


@pytest.fixture
def session(qapp, memory_store: Store) -> FormSession:  # type: ignore[no-untyped-def]
    return open_session(memory_store)


def test_sample_scores_as_computed_by_hand(session: FormSession) -> None:
    # 80 ÷ 100 × 20 = 16; the other three leaves full (10, 20, 10); funds 30 ÷ 40 × 10 = 7.5.
    assert session.result.node(leaf_named(session, "康复训练人数").id).score == Decimal("16.00")
    assert group_score(session, "产出指标", "数量指标") == Decimal("26.00")
    assert session.result.total == Decimal("63.50")


def test_editing_an_actual_updates_score_subtotals_total_and_findings_at_once(session: FormSession) -> None:
    leaf = leaf_named(session, "康复训练人数")
    assert any(f.code == "REASON_MISSING" and f.node_id == leaf.id for f in session.result.findings)
    seen: list[Decimal | None] = []
    session.changed.connect(lambda: seen.append(session.result.total))
    session.set_node_field(leaf.id, "actual", "100人")
    assert seen == [Decimal("67.50")]  # already updated when `changed` fires
    assert session.result.node(leaf.id).score == Decimal("20.00")
    assert group_score(session, "产出指标", "数量指标") == Decimal("30.00")
    assert group_score(session, "产出指标") == Decimal("50.00")
    assert not any(f.code == "REASON_MISSING" and f.node_id == leaf.id for f in session.result.findings)


def test_undo_and_redo_restore_values_and_scores_exactly(session: FormSession) -> None:
    leaf = leaf_named(session, "康复训练人数")
    before_json, before_result = dumps_form(session.form), session.result.to_json()
    session.set_node_field(leaf.id, "actual", "50人")
    after_json, after_result = dumps_form(session.form), session.result.to_json()
    assert session.result.node(leaf.id).score == Decimal("10.00")
    session.undo_stack.undo()
    assert (dumps_form(session.form), session.result.to_json()) == (before_json, before_result)
    session.undo_stack.redo()
    assert (dumps_form(session.form), session.result.to_json()) == (after_json, after_result)


def test_every_edit_is_saved_and_reported(session: FormSession, memory_store: Store, clock: FakeClock) -> None:
    messages: list[str] = []
    session.saved.connect(messages.append)
    clock.advance(minutes=5)
    session.set_header("leader", "李华")
    assert messages == ["已保存 09:05:00"]
    assert memory_store.load(session.form.id or "").header["leader"] == "李华"
    session.undo_stack.undo()
    assert "leader" not in memory_store.load(session.form.id or "").header


def test_edit_survives_closing_and_reopening_a_file_database(qapp, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(data_dir)
    session = open_session(store)
    form_id = session.form.id or ""
    session.set_node_field(leaf_named(session, "培训班期数").id, "actual", "1期")
    store.close()
    reopened = FormSession(Store.open(data_dir), form_id)
    assert leaf_named(reopened, "培训班期数").actual == "1期"
    assert reopened.result.node(leaf_named(reopened, "培训班期数").id).score == Decimal("5.00")
    reopened.store.close()


def test_a_failed_save_keeps_the_edit_and_retries(session: FormSession, memory_store: Store,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[str] = []
    session.error.connect(errors.append)
    real_save = memory_store.save

    def broken(form: Form, base: int) -> int:
        raise OSError("磁盘已满")
    monkeypatch.setattr(memory_store, "save", broken)
    session.set_header("leader", "李华")
    assert session.unsaved and session.form.header["leader"] == "李华"
    assert "保存失败" in errors[0]
    monkeypatch.setattr(memory_store, "save", real_save)
    session.set_header("preparer", "王芳")
    assert not session.unsaved
    stored = memory_store.load(session.form.id or "").header
    assert (stored["leader"], stored["preparer"]) == ("李华", "王芳")


def test_typing_in_one_field_merges_but_other_fields_do_not(session: FormSession) -> None:
    typing = object()
    for text in ("李", "李华", "李华华"):
        session.set_header("leader", text, typing=typing)
    assert session.undo_stack.count() == 1
    session.set_header("phone", "0991-5550123", typing=typing)
    session.set_header("leader", "张明")  # no typing token: its own step
    assert session.undo_stack.count() == 3
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.form.header["leader"] == "李华华"
    session.undo_stack.undo()
    assert "leader" not in session.form.header


def test_a_refused_change_reports_and_leaves_no_undo_step(session: FormSession) -> None:
    errors: list[str] = []
    session.error.connect(errors.append)
    first = session.form.goals[0].indicators[0]
    session.indent(first.id)
    assert "无法降级" in errors[0]
    leaf = leaf_named(session, "培训班期数")
    session.add_node(leaf.id)  # a leaf cannot have children
    assert "不能再添加下级" in errors[1]
    assert session.undo_stack.count() == 0


def test_manual_score_starts_from_the_computed_one_and_switches_back(session: FormSession) -> None:
    leaf = leaf_named(session, "康复训练人数")
    session.set_manual_score(leaf.id, True)
    assert leaf.score == 16.0 and session.result.node(leaf.id).manual
    session.set_node_field(leaf.id, "score", 18)
    assert session.result.node(leaf.id).score == Decimal("18.00")
    session.set_manual_score(leaf.id, False)
    assert leaf.score is None and session.result.node(leaf.id).score == Decimal("16.00")


def test_ctrl_s_confirms(session: FormSession) -> None:
    messages: list[str] = []
    session.saved.connect(messages.append)
    session.save_now()
    assert messages == ["已保存 09:00:00"]
