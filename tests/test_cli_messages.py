"""One wording per problem (issue #11 point 13): full path, operating-system errors in Chinese, the
key's Chinese name with the key in brackets; score and render say a file problem the same way."""
from __future__ import annotations

import errno
from pathlib import Path

import pytest

from main import main
from model.errors import os_reason


def _err(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(args) == 1
    return capsys.readouterr().err


@pytest.mark.parametrize("make", [
    lambda d: d / "没有这个文件夹" / "表格.json",  # missing
    lambda d: d,  # a folder
])
def test_score_and_render_word_a_file_problem_the_same_with_the_full_path(
        data_dir: Path, tmp_path: Path, make: object, capsys: pytest.CaptureFixture[str]) -> None:
    target = make(tmp_path)  # type: ignore[operator]
    said = _err(["score", str(target)], capsys)
    assert said == _err(["render", str(target), "--pdf", str(tmp_path / "x.pdf")], capsys)
    assert f"“{target}”" in said
    assert "No such file" not in said and "Is a directory" not in said and "Errno" not in said


def test_an_empty_file_is_called_empty_not_invalid_json(data_dir: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "空.json").write_bytes(b"")
    said = _err(["score", str(tmp_path / "空.json")], capsys)
    assert "文件是空的" in said and "JSON" not in said


def test_a_missing_schema_names_the_key_in_chinese(data_dir: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"kind": "project_self_eval", "year": 2024, "goals": []}', "utf-8")
    said = _err(["score", str(path)], capsys)
    assert "格式名称（schema）" in said and "schema 处" not in said


@pytest.mark.parametrize("code", [errno.ENOENT, errno.EACCES, errno.ENOSPC, errno.EISDIR, errno.EROFS, 9999])
def test_operating_system_errors_are_said_in_chinese(code: int) -> None:
    text = os_reason(OSError(code, "English text"))
    assert "English" not in text and any("\u4e00" <= c <= "\u9fff" for c in text)
