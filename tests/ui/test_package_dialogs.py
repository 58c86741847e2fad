"""The exchange dialogs and the bureau view, driven as a user would (offscreen)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from model.store import Store
from tests.conftest import FakeClock
from tests.model.package_helpers import dump, good_package, store_with_forms
from ui.bureau_view import BureauView
from ui.package_dialogs import ExportPackageDialog, ImportPackageDialog, Volume, classify_volume, destinations

pytestmark = pytest.mark.gui


def test_removable_drives_are_offered_first() -> None:
    system = classify_volume("C:/", "系统", "NTFS", True)
    stick = classify_volume("E:/", "KINGSTON", "FAT32", False)
    linux_stick = classify_volume("/media/user/USB", "USB", "ext4", False)
    data = classify_volume("D:/", "数据", "NTFS", False)
    assert (system.removable, stick.removable, linux_stick.removable, data.removable) == (False, True, True, False)
    offered = destinations([system, data, stick, linux_stick])
    assert [v.root for v in offered[:2]] == [Path("E:/"), Path("/media/user/USB")]
    assert all(not v.removable for v in offered[2:])
    assert "U盘" in offered[0].label


def test_export_dialog_writes_the_checked_forms_to_the_stick(qtbot, memory_store: Store, tmp_path: Path) -> None:
    first, second = store_with_forms(memory_store)
    stick = Volume(tmp_path, "U盘", True)
    dialog = ExportPackageDialog(None, memory_store, [first], volumes=[stick])
    qtbot.addWidget(dialog)
    assert dialog.chosen_ids() == [first]
    assert dialog.place.currentData() == str(tmp_path)
    assert dialog.name.text() == "示例县残疾人联合会-2024-残疾人康复训练补助项目-20240301.jxpkg"
    dialog.renderings.setChecked(False)
    path = dialog.export()
    assert path == tmp_path / dialog.name.text() and path.is_file()
    # Unchecking every form disables 导出.
    for i in range(dialog.forms.count()):
        dialog.forms.item(i).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.ok.isEnabled()


def test_import_dialog_shows_the_plan_and_writes_only_on_import(qtbot, memory_store: Store, clock: FakeClock,
                                                                tmp_path: Path) -> None:
    store_with_forms(memory_store)
    package = tmp_path / "p.jxpkg"
    package.write_bytes(good_package(memory_store))
    bureau = Store.memory(clock)
    dialog = ImportPackageDialog(None, bureau, package)
    qtbot.addWidget(dialog)
    assert dialog.items.count() == 2
    assert dialog.items.item(0).text().startswith("新增：2024 示例县残疾人联合会")
    assert "新增 2 张" in dialog.status.text() and dialog.apply_button.isEnabled()
    assert bureau.is_empty()  # showing the plan wrote nothing
    assert dialog.apply()
    assert len(bureau.list_forms()) == 2 and dialog.written == 2
    again = ImportPackageDialog(None, bureau, package)
    qtbot.addWidget(again)
    assert "跳过 2 张" in again.status.text() and not again.apply_button.isEnabled()


def test_import_dialog_refuses_a_bad_package_in_words(qtbot, memory_store: Store, tmp_path: Path) -> None:
    store_with_forms(memory_store)
    before = dump(memory_store)
    bad = tmp_path / "bad.jxpkg"
    bad.write_bytes(good_package(memory_store)[:-40])
    dialog = ImportPackageDialog(None, memory_store, bad)
    qtbot.addWidget(dialog)
    assert "无法导入" in dialog.status.text() and "未复制完整" in dialog.status.text()
    assert not dialog.apply_button.isEnabled() and not dialog.apply()
    assert dump(memory_store) == before


def test_bureau_view_lists_filters_and_exports(qtbot, memory_store: Store, tmp_path: Path) -> None:
    store_with_forms(memory_store)
    view = BureauView(None, memory_store)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 2
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "序号"
    titles = {r.title for r in view.visible_rows()}
    assert titles == {"残疾人康复训练补助项目", "困难残疾人生活补贴项目"}
    view.filter.setText("困难")
    assert [r.title for r in view.visible_rows()] == ["困难残疾人生活补贴项目"]
    dest = tmp_path / "汇总.xlsx"
    assert view.export_summary(dest)
    ws = load_workbook(dest).active
    assert ws.cell(4, 5).value == "困难残疾人生活补贴项目" and ws.cell(5, 5).value is None
    assert view.export_summary(tmp_path / "汇总.pdf")
    assert (tmp_path / "汇总.pdf").read_bytes().startswith(b"%PDF")
    assert not view.export_summary(tmp_path / "no" / "such" / "folder.xlsx")
    assert "无法保存汇总表" in view.status.text()


def test_exchange_dialogs_speak_chinese_even_without_qt_catalogue(qtbot, memory_store: Store, tmp_path: Path) -> None:
    """Walk-through: 导出交换包 showed an English "Cancel" beside 导出."""
    from PySide6.QtWidgets import QDialogButtonBox, QPushButton

    store_with_forms(memory_store)
    export = ExportPackageDialog(None, memory_store, volumes=[Volume(tmp_path, "U盘", True)])
    qtbot.addWidget(export)
    package = tmp_path / "p.jxpkg"
    package.write_bytes(good_package(memory_store))
    importing = ImportPackageDialog(None, Store.memory(FakeClock(dt.datetime(2024, 3, 1))), package)
    qtbot.addWidget(importing)
    for dialog in (export, importing):
        texts = [b.text() for b in dialog.findChildren(QPushButton)
                 if isinstance(b.parent(), QDialogButtonBox)]
        assert texts and all(not any("a" <= c.lower() <= "z" for c in t) for t in texts), texts
    assert export.width() >= 760  # the form list shows 年度 · 单位 · 类型 · 项目 without scrolling sideways


def test_main_window_says_where_the_package_went(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Walk-through: 导出 closed the dialog and nothing in the window said the file was written, or where."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QDialog

    from tests.ui.fake_scoring import fake_evaluate
    from ui.main_window import MainWindow
    from ui.settings import UiSettings

    store = Store.open(tmp_path / "data")
    try:
        first, _second = store_with_forms(store)
        stick = tmp_path / "stick"
        stick.mkdir()

        def press_export(dialog: ExportPackageDialog) -> int:  # instead of a modal exec()
            dialog.place.addItem("U盘", str(stick))
            dialog.place.setCurrentIndex(dialog.place.count() - 1)
            dialog.renderings.setChecked(False)
            dialog._export_and_close()
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(ExportPackageDialog, "exec", press_export)
        window = MainWindow(store, UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)),
                            evaluator=fake_evaluate)
        qtbot.addWidget(window)
        window.open_form(first)
        window.export_package()
        written = list(stick.glob("*.jxpkg"))
        assert len(written) == 1
        message = window.statusBar().currentMessage()
        assert str(written[0]) in message and "1 张表格" in message
    finally:
        store.close()


def test_choosing_a_package_starts_in_documents_when_no_stick_is_in(qtbot, memory_store: Store, tmp_path: Path,
                                                                   monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Walk-through: with no USB stick the file chooser opened in the program's own folder."""
    from PySide6.QtWidgets import QFileDialog

    import ui.package_dialogs as dialogs

    docs = tmp_path / "我的文档"
    monkeypatch.setattr(dialogs, "destinations", lambda volumes=None: [Volume(docs, "我的文档", False)])
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (asked.append(args[2]), ("", ""))[1])
    dialog = ImportPackageDialog(None, memory_store)
    qtbot.addWidget(dialog)
    dialog._choose()
    assert asked == [str(docs)]
    stick = tmp_path / "E"
    monkeypatch.setattr(dialogs, "destinations",
                        lambda volumes=None: [Volume(stick, "U盘", True), Volume(docs, "我的文档", False)])
    dialog._choose()
    assert asked[-1] == str(stick)


def test_main_window_says_what_was_imported(qtbot, tmp_path: Path, monkeypatch, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QDialog

    from tests.ui.fake_scoring import fake_evaluate
    from ui.main_window import MainWindow
    from ui.settings import UiSettings

    source = Store.memory(clock)
    store_with_forms(source)
    package = tmp_path / "p.jxpkg"
    package.write_bytes(good_package(source))

    def press_import(dialog: ImportPackageDialog) -> int:  # instead of a modal exec()
        assert dialog.load(package) and dialog.apply()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportPackageDialog, "exec", press_import)
    store = Store.open(tmp_path / "bureau")
    try:
        window = MainWindow(store, UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)),
                            evaluator=fake_evaluate)
        qtbot.addWidget(window)
        window.import_package()
        assert len(window.navigator.form_ids()) == 2
        assert window.statusBar().currentMessage().startswith("已导入 2 张表格")
    finally:
        store.close()


def test_bureau_view_gives_the_room_to_the_names(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    """Walk-through: ten columns of 100 pixels left 名称 a few characters wide, 序号 and 版本 wide."""
    from reports.summary_rows import HEADINGS

    store_with_forms(memory_store)
    view = BureauView(None, memory_store)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    header = view.table.horizontalHeader()
    width = {h: header.sectionSize(i) for i, h in enumerate(HEADINGS)}
    assert width["名称"] == max(width.values())
    assert width["名称"] >= view.table.fontMetrics().horizontalAdvance("困难残疾人生活补贴项目")
    assert width["序号"] < 100 and width["年度"] < 100
