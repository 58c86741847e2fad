"""New-form, settings and export dialogs."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from model.codec import load_form
from model.store import Store
from model.tree import leaves
from tests.conftest import FIXTURES, make_sample_form
from tests.ui.fake_scoring import fake_evaluate
from ui.export_dialog import ExportDialog
from ui.services.export import export_forms
from ui.new_form_dialog import BLANK, COPY, FROM_TARGET, NewFormDialog
from ui.settings import UiSettings, UnitDefaults
from ui.settings_dialog import SettingsDialog

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]
TODAY = dt.date(2025, 3, 10)


@pytest.fixture
def settings(tmp_path: Path) -> UiSettings:
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


def test_blank_form_uses_unit_defaults_and_skeleton(qtbot, memory_store: Store) -> None:
    UnitDefaults("示例县残联", "李华", "张明", "0991-5550123", "hunan-2023").save(memory_store)
    dialog = NewFormDialog(memory_store, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.year.value() == 2024 and dialog.unit.text() == "示例县残联"
    assert dialog.profile.currentData() == "hunan-2023"
    dialog.project.setText("残疾人辅具适配项目")
    dialog.accept()
    form = dialog.result_form
    assert form is not None and form.kind == "project_self_eval" and form.year == 2024
    assert form.header == {"department": "示例县残联", "implementing_unit": "示例县残联", "leader": "李华",
                           "preparer": "张明", "phone": "0991-5550123", "project_name": "残疾人辅具适配项目"}
    assert [g.name for g in form.goals[0].indicators] == ["产出指标", "效益指标", "满意度指标", "成本指标"]
    assert form.rules == "hunan-2023"


def test_missing_project_name_keeps_the_dialog_open(qtbot, memory_store: Store) -> None:
    dialog = NewFormDialog(memory_store, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.unit.setText("示例县残联")
    dialog.accept()
    assert dialog.result_form is None and "项目名称" in dialog.problem.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("dept_self_eval"))  # no project for a department
    dialog.accept()
    assert dialog.result_form is not None and dialog.result_form.header["unit_name"] == "示例县残联"


def test_self_eval_from_a_target_form(qtbot, memory_store: Store) -> None:
    target_id = memory_store.add(load_form(FIXTURES / "seeds" / "seed002_p1.json"))
    dialog = NewFormDialog(memory_store, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.mode_group.button(FROM_TARGET).setChecked(True)
    assert dialog.source.currentData() == target_id and dialog.year.value() == 2021
    dialog.accept()
    form = dialog.result_form
    target = memory_store.load(target_id)
    assert form.kind == "project_self_eval"
    assert [l.target for l in leaves(form)] == [l.target for l in leaves(target)]
    assert all(l.actual is None for l in leaves(form))


def test_copy_last_year(qtbot, memory_store: Store) -> None:
    source_id = memory_store.add(make_sample_form())
    dialog = NewFormDialog(memory_store, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.mode_group.button(COPY).setChecked(True)
    assert dialog.source.currentData() == source_id
    assert dialog.year.value() == 2025  # the source is 2024
    dialog.accept()
    form = dialog.result_form
    assert form.year == 2025 and form.id is None
    assert [l.weight for l in leaves(form)] == [20, 10, 20, 10]
    assert all(l.actual is None for l in leaves(form))
    dialog.mode_group.button(BLANK).setChecked(True)
    assert not dialog.source.isEnabled()


def test_target_mode_without_targets_explains(qtbot, memory_store: Store) -> None:
    dialog = NewFormDialog(memory_store, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.mode_group.button(FROM_TARGET).setChecked(True)
    assert "还没有项目绩效目标表" in dialog.problem.text()
    dialog.accept()
    assert dialog.result_form is None


def test_settings_dialog_saves_defaults_and_data_dir(qtbot, tmp_path: Path, settings: UiSettings) -> None:
    store = Store.open(tmp_path / "data")
    try:
        dialog = SettingsDialog(store, settings)
        qtbot.addWidget(dialog)
        dialog.unit_name.setText("示例县残联")
        dialog.phone.setText("13800000000")
        dialog.data_dir.setText(str(tmp_path / "other"))
        backup = dialog.backup_now()
        assert backup is not None and backup.exists() and "已备份到" in dialog.backup_label.text()
        dialog.accept()
        loaded = UnitDefaults.load(store)
        assert (loaded.unit_name, loaded.phone, loaded.default_profile) == ("示例县残联", "13800000000", "central-2020")
        assert settings.data_dir == tmp_path / "other"
    finally:
        store.close()


def test_export_json_writes_one_file_per_form(memory_store: Store, tmp_path: Path) -> None:
    ids = [memory_store.add(make_sample_form()) for _ in range(2)]
    steps: list[tuple[int, str]] = []
    files = export_forms(memory_store, fake_evaluate, ids[:1], ["json"], tmp_path / "out",
                         lambda done, text: steps.append((done, text)) or True)
    assert [f.name for f in files] == ["2024-示例县残疾人联合会-残疾人康复训练补助项目-项目支出绩效自评表.json"]
    assert json.loads(files[0].read_text(encoding="utf-8"))["id"] == ids[0]
    assert steps[0][0] == 0 and steps[-1] == (1, "完成：共导出 1 个文件")


def test_export_dialog_runs_and_reports(qtbot, memory_store: Store, settings: UiSettings, tmp_path: Path) -> None:
    form_id = memory_store.add(make_sample_form())
    dialog = ExportDialog(memory_store, settings, fake_evaluate, selected=[form_id])
    qtbot.addWidget(dialog)
    assert dialog.checked_ids() == [form_id]
    for key, box in dialog.format_boxes.items():
        box.setChecked(key == "json")
    dialog.open_after.setChecked(False)
    dialog.folder.setText(str(tmp_path / "exp"))
    written = dialog.run_export()
    assert len(written) == 1 and written[0].exists()
    assert dialog.progress.value() == 1 and settings.export_dir == tmp_path / "exp"
    dialog.forms.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.run_export() == [] and "至少勾选" in dialog.status.text()


def test_new_form_uses_the_unit_saved_in_settings_even_with_another_form_open(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    """Issue #15 point 15: the unit saved in 设置 was ignored when a (sample) form was open."""
    UnitDefaults(unit_name="某县残疾人联合会", preparer="王芳").save(memory_store)
    open_form = make_sample_form()  # its unit is 示例县残疾人联合会
    dialog = NewFormDialog(memory_store, current=open_form)
    qtbot.addWidget(dialog)
    assert dialog.unit.text() == "某县残疾人联合会"
    UnitDefaults().save(memory_store)
    dialog = NewFormDialog(memory_store, current=open_form)
    qtbot.addWidget(dialog)
    assert dialog.unit.text() == open_form.unit  # nothing saved: the open form's unit helps


def test_backup_now_takes_the_value_just_typed(qtbot, settings: UiSettings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue #15 point 15: 立即备份 before leaving the field backed up without it."""
    import shutil

    from model.datadir import database_path

    store = Store.open(tmp_path / "data")
    try:
        dialog = SettingsDialog(store, settings)
        qtbot.addWidget(dialog)
        dialog.unit_name.setText("刚输入的单位")
        backup = dialog.backup_now()
        assert backup is not None
        restored_dir = tmp_path / "restored"
        restored_dir.mkdir()
        shutil.copy(backup, database_path(restored_dir))
        restored = Store.open(restored_dir)
        try:
            assert UnitDefaults.load(restored).unit_name == "刚输入的单位"
        finally:
            restored.close()
    finally:
        store.close()
