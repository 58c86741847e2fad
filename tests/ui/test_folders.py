"""Issue #15 point 18: file choosers start in the last folder used, else the user's documents."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from model.store import Store
from ui.folders import documents, remember, start_folder
from ui.settings import UiSettings

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def settings(tmp_path: Path) -> UiSettings:
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


def test_start_folder_is_the_last_one_used_else_the_documents(settings: UiSettings, tmp_path: Path) -> None:
    assert start_folder(settings, "import") == documents()
    chosen = tmp_path / "表格" / "2020年自评.docx"
    chosen.parent.mkdir()
    chosen.write_bytes(b"")
    remember(settings, "import", chosen)
    assert start_folder(settings, "import") == chosen.parent
    assert start_folder(settings, "summary") == documents()  # each chooser keeps its own
    chosen.unlink()
    chosen.parent.rmdir()
    assert start_folder(settings, "import") == documents()  # a folder gone since: documents again


def test_the_summary_chooser_starts_in_the_remembered_folder(qtbot, settings: UiSettings, memory_store: Store,
                                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.bureau_view import BureauView

    starts: list[str] = []
    target = tmp_path / "汇总" / "汇总表.xlsx"
    target.parent.mkdir()

    def fake_save(_parent, _title, start, _filter):  # type: ignore[no-untyped-def]
        starts.append(start)
        return str(target), ""

    monkeypatch.setattr("ui.bureau_view.QFileDialog.getSaveFileName", fake_save)
    view = BureauView(None, memory_store, settings=settings)
    qtbot.addWidget(view)
    view._export()
    assert Path(starts[0]).parent == documents() and Path(starts[0]).name.endswith(".xlsx")
    view._export()
    assert Path(starts[1]).parent == target.parent  # the folder used last time


def test_the_report_check_chooser_starts_in_the_documents_then_the_last_folder(
        qtbot, settings: UiSettings, memory_store: Store, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.report_dialogs import CheckReportDialog

    starts: list[str] = []
    report = tmp_path / "报告" / "自评报告.docx"
    report.parent.mkdir()

    def fake_open(_parent, _title, start, _filter):  # type: ignore[no-untyped-def]
        starts.append(start)
        return str(report), ""

    monkeypatch.setattr("ui.report_dialogs.QFileDialog.getOpenFileName", fake_open)
    dialog = CheckReportDialog(memory_store, settings)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "check", lambda path: 0)
    dialog._choose()
    dialog._choose()
    assert Path(starts[0]) == documents() and Path(starts[1]) == report.parent


def test_exports_and_reports_default_to_a_folder_in_the_documents(settings: UiSettings) -> None:
    from ui.folders import export_folder

    assert export_folder(settings) == documents() / "绩效自评导出"


def test_a_missing_documents_folder_is_never_a_start_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Started in a folder that does not exist, Qt's chooser typed its name as a file name (point 18)."""
    from PySide6.QtCore import QStandardPaths

    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(tmp_path / "Documents"))
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    assert documents() == tmp_path
    (tmp_path / "Documents").mkdir()
    assert documents() == tmp_path / "Documents"


def test_a_folder_not_made_yet_starts_the_chooser_in_its_nearest_existing_parent(tmp_path: Path) -> None:
    from ui.folders import nearest_existing

    assert nearest_existing(tmp_path / "我的文档" / "绩效自评导出") == str(tmp_path)
    assert nearest_existing(tmp_path) == str(tmp_path)
    assert nearest_existing("") == str(documents())
