"""The `report` and `check-report` commands: files or stored forms, JSON lines, Chinese errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from main import main
from resources import samples_dir

DEPT, BASIC, PROJECT = (samples_dir() / f"{n}.json" for n in ("06-seed003_dept", "05-seed003_basic",
                                                                   "07-seed003_project"))


def test_report_from_a_file_then_check_it_finds_nothing(tmp_path: Path, data_dir: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    docx, pdf = tmp_path / "r.docx", tmp_path / "r.pdf"
    assert main(["report", str(PROJECT), "--docx", str(docx), "--pdf", str(pdf)]) == 0
    assert capsys.readouterr().out.split() == [str(docx), str(pdf)]
    assert main(["check-report", str(docx), "--with", str(PROJECT), "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert all(set(x) == {"code", "severity", "sentence", "stated", "expected", "where"} for x in lines)
    assert [x for x in lines if x["severity"] != "info"] == []


def test_department_report_from_the_store_finds_its_unit_and_year(tmp_path: Path, data_dir: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(DEPT), str(BASIC), str(PROJECT)]) == 0
    capsys.readouterr()
    docx = tmp_path / "d.docx"
    assert main(["report", "5a3b1e00-0000-4000-8000-000000000006", "--docx", str(docx)]) == 0
    from model.office.report_text import read_report

    text = "\n".join(read_report(docx).paragraphs)
    assert "编制数30人" in text and "公用经费18.30万元" in text
    import docx as python_docx

    d = python_docx.Document(str(docx))
    for p in d.paragraphs:
        for run in p.runs:
            run.text = run.text.replace("公用经费18.30万元", "公用经费46.74万元")
    d.save(str(docx))
    capsys.readouterr()
    assert main(["check-report", str(docx)]) == 0  # forms found by the report's year and unit
    out = capsys.readouterr().out
    assert "NARRATIVE_SUM_MISMATCH 报告写 46.74万元，表格为 18.30万元" in out and "不一致 2 处" in out


@pytest.mark.parametrize("argv, message", [
    (["report", str(PROJECT)], "至少指定一个输出文件"),
    (["report", str(BASIC), "--docx", "{tmp}/x.docx"], "目标表和基础数据表"),
    (["report", str(PROJECT), "--docx", "/no/such/dir/x.docx"], "文件夹"),
    (["check-report", "{tmp}/none.docx", "--with", str(PROJECT)], "找不到报告文件"),
    (["check-report", "{tmp}/old.doc", "--with", str(PROJECT)], "另存为”.docx"),
])
def test_user_errors_are_chinese_and_write_nothing(argv: list[str], message: str, tmp_path: Path, data_dir: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert main(argv) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize("name", ["01-seed000_t1", "02-seed000_t2", "06-seed003_dept", "07-seed003_project",
                                  "08-seed004_eval"])
def test_report_states_what_score_prints(name: str, tmp_path: Path, data_dir: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """The figures of `report` are those of `score` (total, 满分, grade, each group's score and rate)."""
    path = samples_dir() / f"{name}.json"
    assert main(["score", str(path)]) == 0
    scored = json.loads(capsys.readouterr().out)
    docx = tmp_path / "r.docx"
    assert main(["report", str(path), "--docx", str(docx)]) == 0
    from model.office.report_text import read_report

    text = read_report(docx)
    body = "\n".join(text.paragraphs)
    rows = [r for t in text.tables for r in t]
    if scored["grade"]:
        assert f"{scored['total']:.2f}分（满分{scored['max']:.2f}分）" in body and f"“{scored['grade']}”" in body
    assert ["合计", f"{scored['max']:.2f}", f"{scored['total']:.2f}"] == next(r for r in rows if r[0] == "合计")[:3]
    for group in scored["groups"]:
        if len(group["path"]) == 2 and group["score"] is not None:  # a 一级 group of the (single) goal
            row = next(r for r in rows if r[0] == group["path"][1])
            assert row[2] == f"{group['score']:.2f}" and row[3] == f"{group['rate'] * 100:.2f}%"
