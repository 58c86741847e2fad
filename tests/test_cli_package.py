"""The exchange commands end to end: export-package, import-package (with --dry-run), summary."""
from __future__ import annotations

import datetime as dt
import sqlite3
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from main import main
from model.datadir import database_path
from model.store import Store
from tests.conftest import FakeClock, make_sample_form


def _unit_db(folder: Path) -> list[str]:
    store = Store.open(folder, FakeClock(dt.datetime(2024, 3, 5, 9, 0)))
    first, second = make_sample_form(), make_sample_form()
    second.header["project_name"] = "困难残疾人生活补贴项目"
    ids = [store.add(first), store.add(second)]
    store.close()
    return ids


def _rows(folder: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(database_path(folder)) as conn:
        return conn.execute("SELECT id, revision, body FROM forms ORDER BY id").fetchall()


def test_export_then_import_into_another_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unit, bureau, out = tmp_path / "unit", tmp_path / "bureau", tmp_path / "usb"
    ids = _unit_db(unit)
    out.mkdir()
    assert main(["--data-dir", str(unit), "export-package", "--all", "--out", str(out)]) == 0
    [package] = list(out.iterdir())
    assert package.name.startswith("示例县残疾人联合会-2024-2张表格-") and package.suffix == ".jxpkg"
    names = zipfile.ZipFile(package).namelist()
    assert sum(n.endswith(".pdf") for n in names) == 2 and sum(n.endswith(".xlsx") for n in names) == 2

    assert main(["--data-dir", str(bureau), "import-package", str(package), "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert "合计：新增 2 张，更新 0 张，跳过 0 张，拒绝 0 张" in text and "试运行" in text
    assert not bureau.exists()  # a dry run creates no database (issue #11 point 10)

    assert main(["--data-dir", str(bureau), "import-package", str(package)]) == 0
    assert "已写入 2 张表格" in capsys.readouterr().out
    assert _rows(bureau) == _rows(unit)
    assert sorted(r[0] for r in _rows(bureau)) == sorted(ids)

    assert main(["--data-dir", str(bureau), "import-package", str(package)]) == 0
    assert "跳过 2 张" in capsys.readouterr().out
    assert _rows(bureau) == _rows(unit)


def test_export_by_id_prefix_without_renderings(tmp_path: Path) -> None:
    unit = tmp_path / "unit"
    ids = _unit_db(unit)
    dest = tmp_path / "one.jxpkg"
    assert main(["--data-dir", str(unit), "export-package", ids[0][:8], "--out", str(dest), "--no-renderings"]) == 0
    assert sorted(zipfile.ZipFile(dest).namelist()) == ["forms/" + ids[0] + ".json", "manifest.json"]


def test_a_bad_package_gives_exit_code_1_and_changes_nothing(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    unit = tmp_path / "unit"
    _unit_db(unit)
    before = _rows(unit)
    bad = tmp_path / "bad.jxpkg"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["--data-dir", str(unit), "import-package", str(bad)]) == 1
    assert "错误：文件不是有效的交换包" in capsys.readouterr().err
    assert _rows(unit) == before


def test_export_refuses_a_wrong_suffix_and_needs_ids_or_all(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    unit = tmp_path / "unit"
    _unit_db(unit)
    assert main(["--data-dir", str(unit), "export-package", "--all", "--out", str(tmp_path / "x.zip")]) == 1
    assert "应以 .jxpkg 结尾" in capsys.readouterr().err
    assert main(["--data-dir", str(unit), "export-package", "--out", str(tmp_path / "x.jxpkg")]) == 1
    assert "二者选一" in capsys.readouterr().err


def test_summary_prints_and_saves_xlsx_and_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unit = tmp_path / "unit"
    _unit_db(unit)
    xlsx, pdf = tmp_path / "汇总表.xlsx", tmp_path / "汇总表.pdf"
    assert main(["--data-dir", str(unit), "summary", "--xlsx", str(xlsx), "--pdf", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split("\t")[:3] == ["序号", "单位", "年度"]
    assert "困难残疾人生活补贴项目" in out
    assert pdf.read_bytes().startswith(b"%PDF")
    ws = load_workbook(xlsx).active
    assert ws.cell(4, 2).value == "示例县残疾人联合会" and isinstance(ws.cell(4, 10).value, float)
