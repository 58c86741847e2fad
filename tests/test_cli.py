"""The command line: list, import, export-json; bad input exits non-zero and changes nothing."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from main import main
from model.datadir import database_path
from model.samples import sample_files, seed_if_new
from model.store import Store
from resources import samples_dir
from tests.conftest import make_sample_form


def _dump(data_dir: Path) -> list[tuple[object, ...]]:
    """Everything the forms table holds, to compare before and after a refused command."""
    conn = sqlite3.connect(database_path(data_dir))
    try:
        return conn.execute("SELECT id, revision, body FROM forms ORDER BY id").fetchall()
    finally:
        conn.close()


def _write(path: Path, doc: dict[str, object]) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return path


def test_samples_cover_every_kind_and_seed_once(data_dir: Path) -> None:
    store = Store.open(data_dir)
    try:
        assert seed_if_new(store, samples_dir()) == len(sample_files(samples_dir()))
        kinds = {s.kind for s in store.list_forms()}
        assert kinds == {"project_self_eval", "dept_self_eval", "project_target", "dept_basic_data", "evaluation"}
        for s in store.list_forms():
            store.delete(s.id)
        assert seed_if_new(store, samples_dir()) == 0  # a user who deleted them does not get them back
    finally:
        store.close()


def test_export_import_export_is_byte_identical(data_dir: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(data_dir)
    seed_if_new(store, samples_dir())
    store.close()
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["export-json", "--all", str(first), "--data-dir", str(data_dir)]) == 0
    other = tmp_path / "other-data"
    files = sorted(first.glob("*.json"))
    assert len(files) == len(sample_files(samples_dir()))
    assert main(["import", *map(str, files), "--data-dir", str(other)]) == 0
    assert main(["export-json", "--all", str(second), "--data-dir", str(other)]) == 0
    for f in files:
        assert (second / f.name).read_bytes() == f.read_bytes()
    # Importing the same files again changes nothing and says so.
    before = _dump(other)
    capsys.readouterr()
    assert main(["import", *map(str, files), "--data-dir", str(other)]) == 0
    assert "跳过" in capsys.readouterr().out
    assert _dump(other) == before


def test_list_prints_forms(data_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    form = make_sample_form()
    from model.codec import dump_form_file
    dump_form_file(form, tmp_path / "a.json")
    assert main(["import", str(tmp_path / "a.json"), "--data-dir", str(data_dir)]) == 0
    capsys.readouterr()
    assert main(["list", "--data-dir", str(data_dir), "--query", "康复"]) == 0
    out = capsys.readouterr().out
    assert "残疾人康复训练补助项目" in out and "项目支出绩效自评表" in out


def test_import_with_one_bad_file_imports_nothing(data_dir: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from model.codec import form_to_dict
    good = _write(tmp_path / "good.json", form_to_dict(make_sample_form()))
    bad_doc = form_to_dict(make_sample_form())
    bad_doc["goals"][0]["indicators"][0]["weight"] = "五十"
    bad = _write(tmp_path / "bad.json", bad_doc)
    Store.open(data_dir).close()
    before = _dump(data_dir)
    assert main(["import", str(good), str(bad), "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "bad.json" in err and "goals[0].indicators[0].weight" in err and "分值必须是数字" in err
    assert _dump(data_dir) == before


def test_import_of_a_changed_form_with_a_known_id_is_refused(data_dir: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from model.codec import form_to_dict
    form = make_sample_form()
    form.id = "aaaaaaaa-0000-4000-8000-000000000001"
    first = _write(tmp_path / "first.json", form_to_dict(form))
    assert main(["import", str(first), "--data-dir", str(data_dir)]) == 0
    form.header["preparer"] = "李华"
    changed = _write(tmp_path / "changed.json", form_to_dict(form))
    before = _dump(data_dir)
    assert main(["import", str(changed), "--data-dir", str(data_dir)]) == 1
    assert "内容不同" in capsys.readouterr().err
    assert _dump(data_dir) == before


@pytest.mark.parametrize("argv, message", [
    (["export-json", "nosuchid", "OUT"], "找不到"),
    (["export-json", "OUT"], "--all"),
    (["import", "missing.json"], "无法读取"),
])
def test_bad_arguments_give_chinese_messages(argv: list[str], message: str, data_dir: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([*argv, "--data-dir", str(data_dir)]) == 1
    assert message in capsys.readouterr().err


def test_usage_errors_exit_2_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["list", "--no-such-option"])
    assert exc.value.code == 2
    assert "命令用法有误" in capsys.readouterr().err


@pytest.mark.parametrize("form_id", ["1", "5A3B1E00-0000-4000-8000-000000000001", "../x"])
def test_a_hand_written_id_that_is_not_a_uuid_is_refused_before_the_database(
        form_id: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from model.codec import form_to_dict
    doc = dict(form_to_dict(make_sample_form()), id=form_id)
    path = _write(tmp_path / "hand.json", doc)
    Store.open(data_dir).close()
    before = _dump(data_dir)
    assert main(["import", str(path), "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "hand.json" in err and "不是本程序的编号格式" in err and "删去" in err
    assert _dump(data_dir) == before


def test_a_stored_form_with_an_old_style_id_is_not_exported_into_a_package(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A database filled before ids were checked may hold one; the exporter is told, not the receiver.
    store = Store.open(data_dir)
    form = make_sample_form()
    form.id = "1"
    store.add(form)
    store.close()
    out = tmp_path / "p.jxpkg"
    assert main(["export-package", "1", "--out", str(out), "--no-renderings", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "不是标准编号" in err and "export-json" in err and "请让发送方" not in err
    assert not out.exists()


@pytest.mark.parametrize("argv, chinese", [
    (["list", "--year", "abc"], "参数 --year 的值 'abc' 不对（应填数字"),
    (["export-json"], "缺少必填的参数 dir"),
    (["list", "--no-such-option"], "不认识的参数 --no-such-option"),
    (["frobnicate"], "没有命令 'frobnicate'"),
    (["list", "--query"], "参数 --query 后面要写一个值"),
])
def test_usage_errors_are_translated(argv: list[str], chinese: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(argv)
    err = capsys.readouterr().err
    assert chinese in err and err.startswith("用法：")
    for english in ("usage:", "the following", "unrecognized", "invalid", "expected one"):
        assert english not in err


def test_help_headings_are_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["list", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：") and "选项" in out and "显示本帮助后退出" in out
    assert "usage:" not in out and "show this help" not in out and "options:" not in out
