"""Issue #15 points 3, 8 and 18: the export dialog never overwrites silently, says what it wrote
where, shows the unit, selects all at once, and leaves the optional pages out unless asked."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from model.store import Store
from tests.conftest import make_sample_form
from tests.ui.fake_scoring import fake_evaluate
from ui.export_dialog import ExportDialog
from ui.services.evaluation import evaluate_with_profile as evaluate_form
from ui.services.export import Extras, export_one
from ui.settings import UiSettings

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def settings(tmp_path: Path) -> UiSettings:
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


def _two_units(store: Store) -> list[str]:
    """Two forms with the same year and project name, of different units (they overwrote each other)."""
    ids = []
    for unit in ("甲县残联", "乙县残联"):
        form = make_sample_form()
        form.header.update(department=unit, implementing_unit=unit)
        ids.append(store.add(form))
    return ids


def _dialog(qtbot, store: Store, settings: UiSettings, folder: Path) -> ExportDialog:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(store, settings, fake_evaluate)
    qtbot.addWidget(dialog)
    dialog.check_all(Qt.CheckState.Checked)
    for key, box in dialog.format_boxes.items():
        box.setChecked(key == "json")
    dialog.open_after.setChecked(False)
    dialog.folder.setText(str(folder))
    return dialog


def test_the_list_shows_the_unit_and_select_all_ticks_every_form(qtbot, memory_store: Store, settings: UiSettings,
                                                                 tmp_path: Path) -> None:
    ids = _two_units(memory_store)
    dialog = ExportDialog(memory_store, settings, fake_evaluate)
    qtbot.addWidget(dialog)
    texts = sorted(dialog.forms.item(i).text() for i in range(dialog.forms.count()))
    assert "甲县残联" in texts[0] + texts[1] and "乙县残联" in texts[0] + texts[1]
    assert dialog.checked_ids() == []
    dialog.check_all(Qt.CheckState.Checked)
    assert sorted(dialog.checked_ids()) == sorted(ids)
    dialog.check_all(Qt.CheckState.Unchecked)
    assert dialog.checked_ids() == []
    # Optional pages are off for a final copy.
    assert not dialog.appendix_box.isChecked() and not dialog.findings_box.isChecked()


def test_two_units_same_project_give_two_files_and_the_summary_names_them(qtbot, memory_store: Store,
                                                                         settings: UiSettings, tmp_path: Path) -> None:
    _two_units(memory_store)
    dialog = _dialog(qtbot, memory_store, settings, tmp_path / "out")
    written = dialog.run_export()
    assert len(written) == 2 and len({p.name for p in written}) == 2
    assert all(p.exists() for p in written)
    summary = dialog.status.text()
    assert f"已写入 2 个文件，保存在：{tmp_path / 'out'}" in summary
    assert all(p.name in summary for p in written)


def test_existing_files_are_never_overwritten_without_asking(qtbot, memory_store: Store, settings: UiSettings,
                                                            tmp_path: Path) -> None:
    _two_units(memory_store)
    folder = tmp_path / "out"
    dialog = _dialog(qtbot, memory_store, settings, folder)
    first = dialog.run_export()
    for path in first:
        path.write_text("用户改过的文件", encoding="utf-8")
    asked: list[list[Path]] = []
    answers = iter(["cancel", "keep", "overwrite"])
    dialog.ask_overwrite = lambda existing: asked.append(existing) or next(answers)  # type: ignore[method-assign]
    # 取消: nothing written.
    assert dialog.run_export() == []
    assert sorted(asked[0]) == sorted(first) and "没有写入" in dialog.status.text()
    assert all(p.read_text(encoding="utf-8") == "用户改过的文件" for p in first)
    # 保留原文件: the existing ones stay, the summary says so.
    assert dialog.run_export() == []
    assert all(p.read_text(encoding="utf-8") == "用户改过的文件" for p in first)
    assert "保留了 2 个原有文件（未覆盖）" in dialog.status.text()
    # 覆盖: written again, after asking.
    assert sorted(dialog.run_export()) == sorted(first)
    assert all(p.read_text(encoding="utf-8") != "用户改过的文件" for p in first) and len(asked) == 3


def _pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def test_the_pdf_leaves_out_the_findings_and_appendix_unless_asked(memory_store: Store, tmp_path: Path) -> None:
    """Point 8: the export dialog offers the 审核意见 page and the 计分说明 as choices, off by default."""
    form = make_sample_form()
    memory_store.add(form)
    plain = export_one(form, evaluate_form, "pdf", tmp_path / "plain.pdf")
    with_findings = export_one(form, evaluate_form, "pdf", tmp_path / "findings.pdf", Extras(findings=True))
    with_both = export_one(form, evaluate_form, "pdf", tmp_path / "both.pdf", Extras(appendix=True, findings=True))
    assert _pages(plain) < _pages(with_findings) < _pages(with_both)
