"""A fresh data folder on the command line (issue #11 point 12): never silence."""
from __future__ import annotations

from pathlib import Path

import pytest

from main import main
from model.samples import sample_files
from resources import samples_dir


def test_list_on_an_empty_database_says_so_and_how_to_load_samples(data_dir: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "还没有表格" in err and "samples" in err


def test_export_json_all_on_an_empty_database_says_there_is_nothing(data_dir: Path, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-json", "--all", str(tmp_path / "out")]) == 1
    assert "没有可导出" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_samples_loads_them_once(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["samples"]) == 0
    assert f"已载入 {len(sample_files(samples_dir()))} 张" in capsys.readouterr().out
    assert main(["samples"]) == 0
    assert "没有重复载入" in capsys.readouterr().out
    assert main(["list"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(sample_files(samples_dir()))


def test_a_query_that_finds_nothing_says_so(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["samples"])
    capsys.readouterr()
    assert main(["list", "--query", "不存在的词语"]) == 0
    assert "没有符合条件" in capsys.readouterr().err
