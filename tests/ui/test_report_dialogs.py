"""文件 → 生成自评报告… and 审核 → 核对自评报告… in the window."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from model.codec import load_form
from model.store import Store
from resources import samples_dir
from ui.report_dialogs import CheckReportDialog, ReportDialog
from ui.settings import UiSettings


@pytest.fixture
def settings(tmp_path: Path) -> UiSettings:
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


def _load_seed003(store: Store) -> None:
    for name in ("05-seed003_basic", "06-seed003_dept", "07-seed003_project"):
        store.add(load_form(samples_dir() / f"{name}.json"))


def test_report_dialog_writes_both_files_and_asks_before_replacing(qtbot, memory_store: Store,  # type: ignore[no-untyped-def]
                                                                    settings: UiSettings, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _load_seed003(memory_store)
    dept = load_form(samples_dir() / "06-seed003_dept.json")
    dialog = ReportDialog(dept, memory_store, settings)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path))
    dialog.open_after.setChecked(False)
    assert dialog.name.text() == "2023-示例县残疾人联合会-绩效自评报告"
    written = dialog.run()
    assert [p.suffix for p in written] == [".docx", ".pdf"] and all(p.stat().st_size > 5000 for p in written)
    from model.office.report_text import read_report

    text = "\n".join(read_report(written[0]).paragraphs)
    assert "编制数30人" in text  # the 基础数据表 of the same unit and year was found in the store
    asked: list[str] = []
    monkeypatch.setattr("ui.messages.confirm", lambda parent, text, **kw: asked.append(text) or False)
    before = written[0].read_bytes()
    written[0].write_bytes(b"edited in Word")
    assert dialog.run() == [] and asked and "已存在" in asked[0]
    assert written[0].read_bytes() == b"edited in Word" != before


def test_check_report_dialog_lists_disagreements(qtbot, memory_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx

    _load_seed003(memory_store)
    d = docx.Document()
    d.add_paragraph("2023年度示例县残疾人联合会整体支出绩效自评报告")
    d.add_paragraph("本单位2023年度基本支出353.08万元，其中：公用经费46.74万元，占13.81%。")
    path = tmp_path / "r.docx"
    d.save(str(path))
    dialog = CheckReportDialog(memory_store)
    qtbot.addWidget(dialog)
    assert dialog.check(path) == 2
    cells = {dialog.table.item(r, 2).text(): dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())}
    assert dialog.table.item(0, 1).text().startswith("本单位2023年度基本支出")  # the sentence quoted
    assert cells["46.74万元"] == "18.30万元" and cells["13.81%"].startswith("13.24%")
    assert "不一致 2 处" in dialog.summary.text()


def test_check_report_dialog_says_when_no_form_matches(qtbot, memory_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx

    d = docx.Document()
    d.add_paragraph("2023年度某某局整体支出绩效自评报告")
    path = tmp_path / "r.docx"
    d.save(str(path))
    dialog = CheckReportDialog(memory_store)
    qtbot.addWidget(dialog)
    assert dialog.check(path) == 0
    assert "没有找到" in dialog.summary.text()
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    dialog.check(bad)
    assert "不是可读的 Word" in dialog.summary.text()


def test_window_menus_open_the_report_dialogs(qtbot, memory_store: Store, settings: UiSettings,  # type: ignore[no-untyped-def]
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.main_window import MainWindow

    _load_seed003(memory_store)
    window = MainWindow(memory_store, settings)
    qtbot.addWidget(window)
    opened: list[str] = []
    monkeypatch.setattr(ReportDialog, "exec", lambda self: opened.append(self.form.kind) or 0)
    monkeypatch.setattr(CheckReportDialog, "exec", lambda self: opened.append("check") or 0)
    told: list[str] = []
    monkeypatch.setattr("ui.messages.show_info", lambda parent, text, **kw: told.append(text))
    window.report_action.trigger()  # nothing open yet
    assert told and "请先在左侧打开" in told[0] and opened == []
    window.open_form("5a3b1e00-0000-4000-8000-000000000007")
    window.report_action.trigger()
    window.check_report_action.trigger()
    assert opened == ["project_self_eval", "check"]
    window.open_form("5a3b1e00-0000-4000-8000-000000000005")  # a 基础数据表 has no report of its own
    window.report_action.trigger()
    assert len(told) == 2 and opened == ["project_self_eval", "check"]
