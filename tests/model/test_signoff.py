"""The sign-off record: state machine, fingerprint, JSON round trip, old files read as 草稿."""
from __future__ import annotations

import json

import pytest

from model import signoff
from model.codec import dumps_form, form_to_dict, loads_form
from model.errors import FormFileError
from model.form import Form, Leaf
from model.signoff import APPROVED, DRAFT, MODIFIED, PENDING, SignOffError, sign, status, unlock
from model.tree import leaves
from tests.conftest import make_sample_form


def _leaf(form: Form, name: str) -> Leaf:
    return next(leaf for leaf in leaves(form) if leaf.name == name)


def test_old_file_without_record_reads_as_an_unmodified_draft() -> None:
    form = loads_form(dumps_form(make_sample_form()))
    s = status(form)
    assert (s.state, s.modified, s.locked, s.label) == (DRAFT, False, False, DRAFT)
    assert "signoff" not in form_to_dict(form)


def test_preparer_then_reviewer_locks_and_leader_may_sign_after() -> None:
    form = make_sample_form()
    assert sign(form, "填表人", "李小明", "2024-03-01").state == PENDING
    s = sign(form, "审核人", "王小芳", "2024-03-02")
    assert (s.state, s.locked, s.modified) == (APPROVED, True, False)
    assert sign(form, "单位负责人", "赵小强", "2024-03-03").state == APPROVED
    assert [(x.role, x.name, x.date) for x in status(form).signatures] == [
        ("填表人", "李小明", "2024-03-01"), ("审核人", "王小芳", "2024-03-02"), ("单位负责人", "赵小强", "2024-03-03")]
    with pytest.raises(SignOffError, match="已锁定"):
        signoff.check_writable(form)
    with pytest.raises(SignOffError, match="已锁定"):
        sign(form, "填表人", "李小明", "2024-03-04")


def test_reviewer_cannot_sign_a_draft_nor_content_changed_since_the_preparer_signed() -> None:
    form = make_sample_form()
    with pytest.raises(SignOffError, match="填表人还没有签字"):
        sign(form, "审核人", "王小芳", "2024-03-02")
    sign(form, "填表人", "李小明", "2024-03-01")
    _leaf(form, "康复训练人数").actual = "90人"
    assert status(form).label == MODIFIED
    with pytest.raises(SignOffError, match="又被修改过"):
        sign(form, "审核人", "王小芳", "2024-03-02")
    sign(form, "填表人", "李小明", "2024-03-03")  # re-signing takes the new content
    assert status(form).label == PENDING


def test_an_edited_body_shows_modified_and_the_fingerprint_ignores_the_record() -> None:
    form = make_sample_form()
    before = signoff.body_fingerprint(form)
    sign(form, "填表人", "李小明", "2024-03-01")
    assert signoff.body_fingerprint(form) == before
    sign(form, "审核人", "王小芳", "2024-03-02")
    text = dumps_form(form).replace('"80人"', '"85人"')  # edited outside the program
    edited = loads_form(text)
    s = status(edited)
    assert (s.state, s.modified, s.label) == (APPROVED, True, MODIFIED)
    assert not signoff.is_final(edited) and signoff.is_final(form)


def test_unlock_needs_a_reason_and_keeps_the_signatures_as_history() -> None:
    form = make_sample_form()
    with pytest.raises(SignOffError, match="无需解锁"):
        unlock(form, "改人数", "2024-03-05")
    sign(form, "填表人", "李小明", "2024-03-01")
    sign(form, "审核人", "王小芳", "2024-03-02")
    with pytest.raises(SignOffError, match="解锁原因"):
        unlock(form, "   ", "2024-03-05")
    assert unlock(form, "审核发现培训人数填错", "2024-03-05").state == DRAFT
    assert form.signoff is not None
    assert [signoff.event_text(e) for e in form.signoff.history] == [
        "2024-03-01 填表人 李小明 签字", "2024-03-02 审核人 王小芳 签字", "2024-03-05 解锁（原因：审核发现培训人数填错）"]
    _leaf(form, "康复训练人数").actual = "85人"
    assert status(form).label == MODIFIED  # edited after an unlock
    signoff.check_writable(form)  # a draft again: no error


@pytest.mark.parametrize("name,date,message", [("", "2024-03-01", "姓名"), ("李小明", "2024-3-1", "日期"),
                                               ("李小明", "2024-02-30", "日期"), ("x" * 41, "2024-03-01", "太长")])
def test_bad_name_or_date_is_refused_in_chinese(name: str, date: str, message: str) -> None:
    form = make_sample_form()
    with pytest.raises(SignOffError, match=message):
        sign(form, "填表人", name, date)
    assert form.signoff is None


def test_record_round_trips_byte_identical_and_keeps_unknown_keys() -> None:
    form = make_sample_form()
    sign(form, "填表人", "李小明", "2024-03-01")
    sign(form, "审核人", "王小芳", "2024-03-02")
    doc = form_to_dict(form)
    doc["signoff"]["seal"] = "已盖章"
    doc["signoff"]["signatures"][0]["phone"] = "0998-5550000"
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    assert dumps_form(loads_form(text)) == text
    assert list(doc).index("signoff") == len(doc) - 1


@pytest.mark.parametrize("record,where", [
    ([], "signoff"),
    ({"fingerprint": "md5:1"}, "signoff.fingerprint"),
    ({"signatures": [{"role": "校长", "name": "甲", "date": "2024-03-01"}]}, "signoff.signatures[0].role"),
    ({"signatures": [{"role": "填表人", "name": "甲", "date": "昨天"}]}, "signoff.signatures[0].date"),
    ({"signatures": [{"role": "填表人", "name": "甲", "date": "2024-03-01"},
                     {"role": "填表人", "name": "乙", "date": "2024-03-01"}]}, "signoff.signatures"),
    ({"history": [{"event": "盖章", "date": "2024-03-01"}]}, "signoff.history[0].event"),
])
def test_a_bad_record_names_where(record: object, where: str) -> None:
    doc = form_to_dict(make_sample_form())
    doc["signoff"] = record
    with pytest.raises(FormFileError) as err:
        loads_form(json.dumps(doc, ensure_ascii=False))
    assert err.value.key_path == where


def test_the_id_assigned_on_first_import_is_not_content() -> None:
    form = make_sample_form()
    sign(form, "填表人", "李小明", "2024-03-01")
    form.id = "5a3b1e00-0000-4000-8000-000000000099"
    assert status(form).label == PENDING


def test_a_locked_form_refuses_edits_and_restores_in_the_store(memory_store) -> None:  # type: ignore[no-untyped-def]
    from model.errors import StoreError

    form = make_sample_form()
    form_id = memory_store.add(form)
    memory_store.save_keeping(form, "test")  # an earlier revision to restore
    sign(form, "填表人", "李小明", "2024-03-01")
    sign(form, "审核人", "王小芳", "2024-03-02")
    memory_store.save_keeping(form, "审核人签字前")
    memory_store.save(form, memory_store.revision(form_id))  # the same content saves (Ctrl+S)
    _leaf(form, "康复训练人数").actual = "85人"
    with pytest.raises(StoreError, match="已锁定，不能修改，本次修改没有保存"):
        memory_store.save(form, memory_store.revision(form_id))
    entry = memory_store.history_entries(form_id)[-1]
    with pytest.raises(StoreError, match="不能恢复早先版本"):
        memory_store.restore_entry(entry.id)
    assert status(memory_store.load(form_id)).label == APPROVED
    stored = memory_store.load(form_id)
    unlock(stored, "改人数", "2024-03-05")
    memory_store.save_keeping(stored, "解锁前")
    memory_store.restore_entry(entry.id)  # a draft again: restoring is allowed
