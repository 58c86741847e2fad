"""One stored form that cannot be read never blocks the others (issue #11 point 6): export-json --all,
export-package --all and summary skip it, name it, and exit 1 at the end."""
from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from main import main
from model.datadir import database_path
from model.store import Store
from tests.conftest import make_sample_form
from tests.model.package_helpers import second_form


@pytest.fixture
def broken_id(data_dir: Path) -> str:
    """Two good forms and one whose stored body an older version wrote with Infinity in it."""
    store = Store.open(data_dir)
    store.add(make_sample_form())
    store.add(second_form())
    bad = make_sample_form()
    bad.header["project_name"] = "坏表格"
    bad_id = store.add(bad)
    store.close()
    conn = sqlite3.connect(database_path(data_dir))
    with conn:
        conn.execute("UPDATE forms SET body = replace(body, '\"year\": 2024', '\"year\": 2024, \"x\": 1e400')"
                     " WHERE id = ?", [bad_id])
    conn.close()
    return bad_id


def test_export_json_all_skips_names_and_exits_1(data_dir: Path, broken_id: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-json", "--all", str(tmp_path / "out")]) == 1
    out, err = capsys.readouterr()
    assert len(list((tmp_path / "out").glob("*.json"))) == 2 and len(out.splitlines()) == 2
    assert broken_id in err and "跳过" in err and "程序内部出错" not in err


def test_export_package_all_skips_names_and_exits_1(data_dir: Path, broken_id: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "all.jxpkg"
    assert main(["export-package", "--all", "--no-renderings", "--out", str(dest)]) == 1
    err = capsys.readouterr().err
    with zipfile.ZipFile(dest) as zf:
        assert len([n for n in zf.namelist() if n.startswith("forms/")]) == 2
    assert broken_id in err and "程序内部出错" not in err


def test_summary_keeps_the_row_names_it_and_exits_1(data_dir: Path, broken_id: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary"]) == 1
    out, err = capsys.readouterr()
    rows = [line for line in out.splitlines()[1:] if line.split("\t")[0].isdigit()]  # not the subtotal lines
    assert len(rows) == 3 and any("坏表格" in r and "无法读取" in r for r in rows)
    assert broken_id in err and "程序内部出错" not in err
