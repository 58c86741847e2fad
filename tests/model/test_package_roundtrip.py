"""Exchange packages that are fine: round trip, re-import, newer and older revisions, file names."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from model.package_apply import NEW, NEWER, OLDER, SAME, apply_plan, import_items, plan_import
from model.package_format import PackageError
from model.package_read import read_package
from model.package_write import build_package_bytes, package_file_name, write_package
from model.store import Store
from tests.conftest import FakeClock, make_sample_form
from tests.model.package_helpers import CREATED, dump, good_package, store_with_forms, unpack


def test_round_trip_into_an_empty_database_gives_identical_forms(memory_store: Store, clock: FakeClock) -> None:
    ids = store_with_forms(memory_store)
    data = good_package(memory_store)
    other = Store.memory(clock)
    plan, written = import_items(other, read_package(data))
    assert [i.action for i in plan.items] == [NEW, NEW]
    assert len(written) == 2
    for form_id in ids:
        assert other.load_body(form_id) == memory_store.load_body(form_id)
        assert other.revision(form_id) == memory_store.revision(form_id)
    assert sorted(s.id for s in other.list_forms()) == sorted(ids)


def test_manifest_describes_each_form_and_hashes_every_file(memory_store: Store) -> None:
    first, second = store_with_forms(memory_store)
    manifest, files = unpack(good_package(memory_store))
    assert manifest["format"] == "jixiao.package" and manifest["format_version"] == 1
    assert manifest["program_version"] == "0.1.0"
    assert manifest["created"] == "2024-03-05T10:30:00"
    assert manifest["unit"] == "示例县残疾人联合会"
    by_id = {f["id"]: f for f in manifest["forms"]}
    assert by_id[first]["revision"] == 2 and by_id[second]["revision"] == 1  # first was saved once more
    assert by_id[first] | {"revision": 0} == {
        "id": first, "kind": "project_self_eval", "year": 2024, "title": "项目支出绩效自评表",
        "unit": "示例县残疾人联合会", "revision": 0, "profile": "central-2020", "file": f"forms/{first}.json",
        "signoff": {"state": "草稿", "changes": []}}
    assert set(manifest["files"]) == set(files) == {f"forms/{first}.json", f"forms/{second}.json"}
    for name, data in files.items():
        assert manifest["files"][name] == hashlib.sha256(data).hexdigest()


def test_reimporting_the_same_package_twice_changes_nothing(memory_store: Store, clock: FakeClock) -> None:
    store_with_forms(memory_store)
    data = good_package(memory_store)
    other = Store.memory(clock)
    import_items(other, read_package(data))
    before = dump(other)
    clock.advance(days=1)
    plan, written = import_items(other, read_package(data))
    assert [i.action for i in plan.items] == [SAME, SAME]
    assert not any(i.differs for i in plan.items)
    assert written == []
    assert dump(other) == before


def test_newer_revision_replaces_and_keeps_the_previous_in_history(memory_store: Store,
                                                                  clock: FakeClock) -> None:
    first, _ = store_with_forms(memory_store)
    bureau = Store.memory(clock)
    import_items(bureau, read_package(good_package(memory_store)))
    old_body = bureau.load_body(first)
    # The unit corrects the form (returned for correction) and sends it again.
    form = memory_store.load(first)
    form.goals[0].achieved = "已按财政局意见补充说明"
    memory_store.save(form, 2)
    plan, written = import_items(bureau, read_package(good_package(memory_store)), "第二次.jxpkg")
    assert {i.item.entry.id: i.action for i in plan.items}[first] == NEWER
    assert [i.item.entry.id for i in written] == [first]
    assert bureau.revision(first) == 3
    assert bureau.load(first).goals[0].achieved == "已按财政局意见补充说明"
    history = bureau.history_entries(first)
    assert [(e.revision, e.reason) for e in history] == [(2, "交换包导入替换：第二次.jxpkg")]
    stored_old = bureau.db.execute("SELECT body FROM form_history WHERE form_id = ?", [first]).fetchone()[0]
    assert stored_old == old_body


def test_older_revision_is_refused_with_a_message_and_others_still_apply(memory_store: Store,
                                                                        clock: FakeClock) -> None:
    first, second = store_with_forms(memory_store)
    old_package = good_package(memory_store)
    form = memory_store.load(first)
    form.goals[0].achieved = "第三版"
    memory_store.save(form, 2)
    bureau = Store.memory(clock)
    import_items(bureau, read_package(build_package_bytes(memory_store, [first], CREATED)))
    plan = plan_import(bureau, read_package(old_package))
    actions = {i.item.entry.id: i for i in plan.items}
    assert actions[first].action == OLDER and actions[second].action == NEW
    assert "数据库中已有更新的第3版" in actions[first].message
    assert plan.summary() == "新增 1 张，更新 0 张，跳过 0 张，拒绝 1 张"
    apply_plan(bureau, plan)
    assert bureau.revision(first) == 3 and bureau.load(first).goals[0].achieved == "第三版"
    assert bureau.revision(second) == 1


def test_same_revision_with_other_content_is_skipped_and_flagged(memory_store: Store, clock: FakeClock) -> None:
    first, _ = store_with_forms(memory_store)
    bureau = Store.memory(clock)
    import_items(bureau, read_package(good_package(memory_store)))
    form = bureau.load(first)
    form.goals[0].achieved = "财政局改过"
    bureau.put_revision(form, 2, "test")  # same revision number, other content
    before = dump(bureau)
    plan, written = import_items(bureau, read_package(good_package(memory_store)))
    item = {i.item.entry.id: i for i in plan.items}[first]
    assert item.action == SAME and item.differs and "内容与数据库中的不同" in item.message
    assert written == [] and dump(bureau) == before


def test_a_plan_made_stale_by_an_edit_writes_nothing(memory_store: Store, clock: FakeClock) -> None:
    first, _ = store_with_forms(memory_store)
    bureau = Store.memory(clock)
    plan = plan_import(bureau, read_package(good_package(memory_store)))
    bureau.add(memory_store.load(first))  # the form arrives by another way while the user reads the plan
    before = dump(bureau)
    with pytest.raises(PackageError, match="请重新导入") as caught:
        apply_plan(bureau, plan)
    assert caught.value.code == "stale_plan"
    assert dump(bureau) == before


def test_a_failure_halfway_rolls_back_every_form(memory_store: Store, clock: FakeClock,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    store_with_forms(memory_store)
    bureau = Store.memory(clock)
    plan = plan_import(bureau, read_package(good_package(memory_store)))
    real = Store.put_revision
    calls = []

    def failing(self: Store, *args: object) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "put_revision", failing)
    with pytest.raises(OSError):
        apply_plan(bureau, plan)
    assert bureau.is_empty()


def test_renderings_go_into_the_package_with_checksums(memory_store: Store) -> None:
    first, _ = store_with_forms(memory_store)
    data = build_package_bytes(memory_store, [first], CREATED,
                               renderer=lambda f: [(f"{f.year}-自评表.pdf", b"%PDF-1.4 test"),
                                                   (f"{f.year}-自评表.xlsx", b"PK test")])
    package = read_package(data)
    assert package.renderings == ("renderings/2024-自评表.pdf", "renderings/2024-自评表.xlsx")
    manifest, files = unpack(data)
    assert files["renderings/2024-自评表.pdf"] == b"%PDF-1.4 test"
    assert manifest["files"]["renderings/2024-自评表.xlsx"] == hashlib.sha256(b"PK test").hexdigest()


def test_writer_refuses_a_form_it_could_not_read_back(memory_store: Store) -> None:
    form = make_sample_form()
    form.header["purpose"] = "".join(chr(0x4E00 + i % 5000) for i in range(25_000))
    memory_store.add(form)
    with pytest.raises(PackageError) as caught:
        build_package_bytes(memory_store, [str(form.id)], CREATED)
    assert caught.value.code == "string_too_long"


def test_package_file_name_is_readable() -> None:
    one = make_sample_form()
    assert package_file_name([one], dt.date(2024, 3, 5)) == "示例县残疾人联合会-2024-残疾人康复训练补助项目-20240305.jxpkg"
    two = make_sample_form()
    two.year = 2023
    two.header["department"] = two.header["implementing_unit"] = "示例县/民政局"
    assert package_file_name([one, two], dt.date(2024, 3, 5)) == "多个单位-2023-2024-2张表格-20240305.jxpkg"


def test_write_package_into_a_folder_names_the_file(memory_store: Store, tmp_path: Path) -> None:
    ids = store_with_forms(memory_store)
    path = write_package(memory_store, ids, tmp_path, CREATED)
    assert path.name == "示例县残疾人联合会-2024-2张表格-20240305.jxpkg"
    assert len(read_package(path).forms) == 2
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind
