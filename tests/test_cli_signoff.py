"""Sign-off on the command line, the whole path: sign → locked → package → bureau → tampered → unlock."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from main import main
from model.codec import loads_form
from model.datadir import database_path
from model.errors import StoreError
from model.store import Store
from model.tree import leaves
from tests.conftest import FakeClock, make_sample_form


def _unit(folder: Path) -> str:
    store = Store.open(folder, FakeClock(dt.datetime(2024, 3, 5, 9, 0)))
    form_id = store.add(make_sample_form())
    store.close()
    return form_id


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _edit_actual(folder: Path, form_id: str, actual: str) -> None:
    """Change 康复训练人数's 实际完成值 through the store, as the window's editors do."""
    store = Store.open(folder)
    try:
        base, form = store.revision(form_id), store.load(form_id)
        next(leaf for leaf in leaves(form) if leaf.name == "康复训练人数").actual = actual
        store.save(form, base or 0)
    finally:
        store.close()


def test_sign_lock_package_tamper_unlock_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unit, bureau = str(tmp_path / "unit"), str(tmp_path / "bureau")
    form_id = _unit(Path(unit))

    code, out, _ = _run(capsys, "--data-dir", unit, "sign", form_id[:8], "--as", "填表人", "--name", "李小明",
                        "--date", "2024-03-01")
    assert code == 0 and "待审核" in out
    code, out, _ = _run(capsys, "--data-dir", unit, "sign", form_id, "--as", "审核人", "--name", "王小芳",
                        "--date", "2024-03-02")
    assert code == 0 and "已审核，内容已锁定" in out

    # Locked: the command line refuses another signature and every content save, changing nothing.
    before = sqlite3.connect(database_path(Path(unit))).execute("SELECT body FROM forms").fetchone()
    code, _, err = _run(capsys, "--data-dir", unit, "sign", form_id, "--as", "填表人", "--name", "李小明")
    assert code == 1 and "已锁定" in err and "unlock" in err
    with pytest.raises(StoreError, match="已锁定"):
        _edit_actual(Path(unit), form_id, "85人")
    assert sqlite3.connect(database_path(Path(unit))).execute("SELECT body FROM forms").fetchone() == before

    package = tmp_path / "unit.jxpkg"
    assert _run(capsys, "--data-dir", unit, "export-package", form_id, "--out", str(package),
                "--no-renderings")[0] == 0
    entry = json.loads(zipfile.ZipFile(package).read("manifest.json"))["forms"][0]
    assert entry["signoff"] == {"state": "已审核", "changes": []}
    code, out, _ = _run(capsys, "--data-dir", bureau, "import-package", str(package))
    assert code == 0 and "第3版，已审核）" in out
    code, out, _ = _run(capsys, "--data-dir", bureau, "summary")
    assert "\t已审核\t" in out

    # Edited outside the program at the bureau: status, summary and score all say so.
    with sqlite3.connect(database_path(Path(bureau))) as conn:
        body = conn.execute("SELECT body FROM forms").fetchone()[0]
        conn.execute("UPDATE forms SET body = ?", [body.replace('"80人"', '"95人"')])
    code, out, _ = _run(capsys, "--data-dir", bureau, "status", form_id)
    assert "状态：签字后被修改（原状态：已审核）" in out and "内容指纹：不一致" in out
    assert "签字时的版本不在本数据库中" in out  # the bureau never had the signed copy's history
    assert "\t签字后被修改\t" in _run(capsys, "--data-dir", bureau, "summary")[1]
    edited = tmp_path / "edited.json"
    edited.write_text(body.replace('"80人"', '"95人"'), encoding="utf-8")
    code, out, err = _run(capsys, "score", str(edited))
    assert json.loads(out)["signoff"] == {"state": "已审核", "modified": True, "label": "签字后被修改"}
    assert "签字后被修改" in err

    # The unit unlocks with a reason, corrects the figure; history shows the diff and the unlock.
    code, _, err = _run(capsys, "--data-dir", unit, "unlock", form_id, "--reason", "  ")
    assert code == 1 and "解锁原因" in err
    code, out, _ = _run(capsys, "--data-dir", unit, "unlock", form_id, "--reason", "培训人数填错")
    assert code == 0 and "回到草稿" in out
    _edit_actual(Path(unit), form_id, "85人")
    code, out, _ = _run(capsys, "--data-dir", unit, "status", form_id)
    assert "状态：签字后被修改（原状态：草稿）" in out
    assert "康复训练人数：实际完成值 80人 → 85人" in out
    today = dt.date.today().isoformat()
    assert out.index("2024-03-02 审核人 王小芳 签字") < out.index(f"{today} 解锁（原因：培训人数填错）")
    package.unlink()
    _run(capsys, "--data-dir", unit, "export-package", form_id, "--out", str(package), "--no-renderings")
    entry = json.loads(zipfile.ZipFile(package).read("manifest.json"))["forms"][0]
    assert entry["signoff"]["state"] == "签字后被修改"
    assert entry["signoff"]["changes"] == ["年度总体目标 / 产出指标 / 数量指标 / 康复训练人数：实际完成值 80人 → 85人"]
    form = loads_form(zipfile.ZipFile(package).read(f"forms/{form_id}.json").decode("utf-8"))
    assert form.signoff is not None and [e.event for e in form.signoff.history] == ["签字", "签字", "解锁"]


def test_a_draft_imported_at_the_bureau_is_marked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unit, bureau = str(tmp_path / "unit"), str(tmp_path / "bureau")
    form_id = _unit(Path(unit))
    package = tmp_path / "draft.jxpkg"
    _run(capsys, "--data-dir", unit, "export-package", form_id, "--out", str(package), "--no-renderings")
    code, out, _ = _run(capsys, "--data-dir", bureau, "import-package", str(package))
    assert code == 0 and "草稿：未经审核签字，导入后标为草稿" in out
    assert "\t草稿\t" in _run(capsys, "--data-dir", bureau, "summary")[1]


def test_status_of_an_unsigned_form_and_a_bad_role(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unit = str(tmp_path / "unit")
    form_id = _unit(Path(unit))
    code, out, _ = _run(capsys, "--data-dir", unit, "status", form_id)
    assert code == 0 and "状态：草稿" in out and "未签字，没有指纹" in out
    code, _, err = _run(capsys, "--data-dir", unit, "sign", form_id, "--as", "校长", "--name", "甲")
    assert code == 1 and "签字身份“校长”不对" in err
    code, _, err = _run(capsys, "--data-dir", unit, "sign", form_id, "--as", "填表人", "--name", "甲",
                        "--date", "2024/3/1")
    assert code == 1 and "年-月-日" in err


def test_summary_filters_on_state_and_says_when_a_year_has_no_forms(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    unit = str(tmp_path / "unit")
    signed, _draft = _unit(Path(unit)), _unit(Path(unit))
    _run(capsys, "--data-dir", unit, "sign", signed, "--as", "填表人", "--name", "李小明")
    code, out, _ = _run(capsys, "--data-dir", unit, "summary", "--state", "待审核")
    rows = [line for line in out.splitlines()[1:] if line.split("\t")[0].isdigit()]
    assert code == 0 and len(rows) == 1 and "\t待审核\t" in rows[0]
    xlsx = tmp_path / "empty.xlsx"
    code, out, err = _run(capsys, "--data-dir", unit, "summary", "--year", "2019", "--xlsx", str(xlsx))
    assert code == 1 and "没有 2019 年度的表格，没有生成汇总表" in err and not xlsx.exists()
    code, _, err = _run(capsys, "--data-dir", unit, "summary", "--state", "作废")
    assert code == 1 and "签字状态“作废”不对" in err


def test_the_import_plan_names_the_changes_since_signing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unit, bureau = str(tmp_path / "unit"), str(tmp_path / "bureau")
    form_id = _unit(Path(unit))
    for role, name in (("填表人", "李小明"), ("审核人", "王小芳")):
        _run(capsys, "--data-dir", unit, "sign", form_id, "--as", role, "--name", name)
    _run(capsys, "--data-dir", unit, "unlock", form_id, "--reason", "人数填错")
    _edit_actual(Path(unit), form_id, "85人")
    package = tmp_path / "changed.jxpkg"
    _run(capsys, "--data-dir", unit, "export-package", form_id, "--out", str(package), "--no-renderings")
    code, out, _ = _run(capsys, "--data-dir", bureau, "import-package", str(package))
    assert code == 0
    assert ("签字后被修改：内容与签字时不一致，请向报送单位核实；发送方列出的改动："
            "年度总体目标 / 产出指标 / 数量指标 / 康复训练人数：实际完成值 80人 → 85人") in out


def test_use_computed_refuses_a_locked_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unit = str(tmp_path / "unit")
    form = make_sample_form()
    next(leaf for leaf in leaves(form) if leaf.name == "培训班期数").score = 5  # a manual score
    store = Store.open(Path(unit))
    form_id = store.add(form)
    store.close()
    for role, name in (("填表人", "李小明"), ("审核人", "王小芳")):
        _run(capsys, "--data-dir", unit, "sign", form_id, "--as", role, "--name", name)
    before = sqlite3.connect(database_path(Path(unit))).execute("SELECT body, revision FROM forms").fetchone()
    code, _, err = _run(capsys, "--data-dir", unit, "use-computed", form_id)
    assert code == 1 and "已锁定" in err
    assert sqlite3.connect(database_path(Path(unit))).execute("SELECT body, revision FROM forms").fetchone() == before
