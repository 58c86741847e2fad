"""文件 → 从 Word/Excel 导入…: the preview is shown before anything is written; 导入 stores every form."""
from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from model.store import Store
from tests.model.office.conftest import write_seed_document
from tests.ui.fake_scoring import fake_evaluate
from ui import import_doc_dialog
from ui.main_window import MainWindow
from ui.settings import UiSettings

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")]


@pytest.mark.parametrize("answer", [True, False])
def test_menu_item_previews_then_imports_all_or_nothing(qtbot: Any, tmp_path: Path, memory_store: Store,
                                                        monkeypatch: pytest.MonkeyPatch, answer: bool) -> None:
    doc = write_seed_document("003", tmp_path / "seed003.docx")
    shown: list[str] = []

    def fake_confirm(_parent: object, lines: list[str], count: int) -> bool:
        shown.append("\n".join(lines))
        return answer

    monkeypatch.setattr(import_doc_dialog, "confirm_preview", fake_confirm)
    monkeypatch.setattr(import_doc_dialog.QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(doc)], "")))
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(memory_store, settings, evaluator=fake_evaluate)
    qtbot.addWidget(window)
    assert window.import_doc_action.text() == "从 Word/Excel 导入…"
    window.import_doc_action.trigger()
    assert "找到 3 张表格" in shown[0] and "纸面总分 98" in shown[0]
    assert len(memory_store.list_forms()) == (3 if answer else 0)
    if answer:
        assert window.session is not None and window.session.form.kind == "dept_basic_data"
    window.close()
    gc.collect()


def test_use_computed_replaces_the_paper_scores_in_one_undo_step(qtbot: Any, tmp_path: Path,
                                                                 memory_store: Store) -> None:
    from model.office.reading import read_office_file
    from model.tree import leaves

    form = read_office_file(write_seed_document("000", tmp_path / "seed000.docx")).forms[0].form
    form_id = memory_store.add(form)
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(memory_store, settings, evaluator=fake_evaluate)
    qtbot.addWidget(window)
    window.open_form(form_id)
    assert window.session is not None
    paper = [leaf.score for leaf in leaves(window.session.form)]
    assert all(s is not None for s in paper)
    window.use_computed_action.trigger()
    assert all(leaf.score is None for leaf in leaves(window.session.form))
    assert all(leaf.score is None for leaf in leaves(memory_store.load(form_id))), "saved at once"
    window.session.undo_stack.undo()
    assert [leaf.score for leaf in leaves(window.session.form)] == paper
    assert [leaf.score for leaf in leaves(memory_store.load(form_id))] == paper
    window.close()
    gc.collect()


def test_preview_dialog_shows_every_line(qtbot: Any) -> None:
    dialog = import_doc_dialog.ImportPreviewDialog(None, ["文件“a.docx”：找到 1 张表格", "  未能放入表格的内容：表2 第7行 第3列“x”"], 1)
    qtbot.addWidget(dialog)
    assert "表2 第7行" in dialog.text.toPlainText()
    assert "找到 1 张表格" in dialog.findChildren(import_doc_dialog.QLabel)[0].text()
