"""`import-doc` and `use-computed` on the command line: preview, one transaction, Chinese refusals."""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from model.store import Store
from model.tree import leaves
from tests.model.office.conftest import write_seed_document
from ui.cli.main import build_parser, run_command


def _run(*argv: str) -> int:
    return run_command(build_parser().parse_args(list(argv)))


def _count(data: Path) -> int:
    store = Store.open(data)
    try:
        return len(store.list_forms())
    finally:
        store.close()


def test_dry_run_prints_the_preview_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = write_seed_document("003", tmp_path / "seed003.docx")
    assert _run("--data-dir", str(tmp_path / "d"), "import-doc", str(doc), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "找到 3 张表格" in out and "部门整体支出绩效评价基础数据表（表1）" in out and "纸面总分 98" in out
    assert _count(tmp_path / "d") == 0


def test_import_then_use_computed_replaces_the_paper_scores(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    doc = write_seed_document("000", tmp_path / "seed000.docx")
    data = tmp_path / "d"
    assert _run("--data-dir", str(data), "import-doc", str(doc)) == 0
    assert _count(data) == 5
    store = Store.open(data)
    form_id = next(s.id for s in store.list_forms() if "就业培训" in (s.project or ""))
    store.close()
    capsys.readouterr()
    assert _run("--data-dir", str(data), "import-doc", str(doc), "--dry-run") == 0
    assert capsys.readouterr().out.count("数据库中已有一份") == 5, "a second import is announced"
    assert _run("--data-dir", str(data), "use-computed", form_id[:8]) == 0
    assert "8 个手工得分换成计算得分" in capsys.readouterr().out
    store = Store.open(data)
    try:
        form = store.load(form_id)
        assert all(leaf.score is None for leaf in leaves(form))
        assert [e.reason for e in store.history_entries(form_id)] == ["改用计算得分"], "the paper version is kept"
    finally:
        store.close()


def _damaged(path: Path) -> Path:
    path.write_bytes(b"PK\x03\x04 not really a zip")
    return path


def _encrypted(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    return path


def _no_table(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("会议通知")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "时间"
    t.cell(0, 1).text = "地点"
    d.save(str(path))
    return path


def _huge(path: Path) -> Path:
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    return path


def _long_cell(path: Path) -> Path:
    import docx

    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    for c, text in enumerate(("一级指标", "二级指标", "三级指标")):
        t.cell(0, c).text = text
    t.cell(1, 2).text = "字" * 100_000
    d.save(str(path))
    return path


def _not_word_inside(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    return path


def _old_wps(path: Path) -> Path:
    path.write_bytes(b"x")
    return path


@pytest.mark.parametrize(("name", "make", "words"), [
    ("坏.docx", _damaged, "已损坏"),
    ("密码.docx", _encrypted, "密码"),
    ("通知.docx", _no_table, "没有找到可以导入的绩效表格"),
    ("大.docx", _huge, "超过导入上限"),
    ("长.docx", _long_cell, "100,000 个字"),
    ("空壳.docx", _not_word_inside, "不是 Word 文档或 Excel 工作簿"),
    ("旧.wps", _old_wps, "另存为"),
    ("旧.doc", _old_wps, "Word 97-2003 文档（.doc），本程序读不了这种旧格式。请在 Word/WPS 中“另存为”"),
    ("旧.et", _old_wps, "WPS 表格文档（.et）"),
])
def test_bad_files_get_a_chinese_message_and_nothing_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                name: str, make: Any, words: str) -> None:
    good = write_seed_document("004", tmp_path / "good.docx")
    bad = make(tmp_path / name)
    assert _run("--data-dir", str(tmp_path / "d"), "import-doc", str(good), str(bad)) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and words in err and "Traceback" not in err
    assert _count(tmp_path / "d") == 0


def test_a_workbook_renamed_docx_is_read_as_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.model.office.word_forms import docx_to_xlsx

    renamed = docx_to_xlsx(write_seed_document("004", tmp_path / "a.docx"), tmp_path / "b.xlsx").rename(
        tmp_path / "评分表.docx")
    assert _run("--data-dir", str(tmp_path / "d"), "import-doc", str(renamed), "--dry-run") == 0
    assert "项目支出绩效评价指标体系及综合评分表（工作表" in capsys.readouterr().out


def test_a_failure_while_storing_leaves_no_form_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from model.errors import StoreError
    from ui.services.import_doc import read_files, store_run

    run = read_files([write_seed_document("003", tmp_path / "seed003.docx")])
    store = Store.memory()
    real_add = store.add
    calls: list[int] = []

    def add_then_fail(form: Any) -> str:
        calls.append(1)
        if len(calls) == 3:
            raise StoreError("磁盘已满")
        return real_add(form)

    monkeypatch.setattr(store, "add", add_then_fail)
    with pytest.raises(StoreError):
        store_run(store, run)
    assert store.list_forms() == [] and len(calls) == 3
    store.close()
