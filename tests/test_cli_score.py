"""`main.py score FILE.json`: JSON as docs/form-format.md describes, --text table, exit codes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from main import main

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"


def test_score_prints_the_result_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(SEEDS / "seed000_t1.json")]) == 0  # findings do not change the exit code
    out = json.loads(capsys.readouterr().out)
    assert out["profile"] == "central-2020"
    assert (out["total"], out["max"], out["grade"]) == (52.0, 100.0, "差")
    assert out["funds"] == {"rate": 0.045, "weight": 10.0, "score": 0.45,
                            "explanation": "1.8 ÷ 40 = 4.50%；4.50% × 10 = 0.45"}
    first = out["nodes"][0]
    assert first["path"] == ["目标1", "产出指标", "数量指标", "举办残疾人技能培训班（期)"]
    assert (first["score"], first["computed"], first["rule"]) == (5.0, 5.0, "equal")
    assert first["explanation"] == "实际 1 ÷ 目标 2 × 分值 10 = 5.00"
    assert {"path", "weight", "declared", "score", "rate"} == set(out["groups"][0])
    assert out["rate"] == round(out["total"] / out["max"], 4)
    assert any(f["code"] == "SCORE_MISMATCH" and f["field"] == "score" for f in out["findings"])


def test_score_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--text", str(SEEDS / "seed000_t5.json")]) == 0
    out = capsys.readouterr().out
    assert "2.05 ÷ 20 = 10.25%；10.25% × 10 = 1.03" in out
    assert "总分：16.03 / 100.00  等级：差" in out


def test_unknown_profile_is_a_chinese_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "f.json"
    path.write_text(json.dumps({"schema": "jixiao.form/1", "kind": "project_self_eval", "year": 2024,
                                "goals": [], "rules": "no-such"}), "utf-8")
    assert main(["score", str(path)]) == 1
    err = capsys.readouterr().err
    assert "no-such" in err and "central-2020" in err


def test_inline_rules_object_is_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form = json.loads((SEEDS / "seed000_t1.json").read_text("utf-8"))
    form["rules"] = {"name": "本地规则", "reverse": "reverse_r2",
                     "grades": [{"min": 50, "grade": "合格"}, {"min": 0, "grade": "不合格"}]}
    path = tmp_path / "f.json"
    path.write_text(json.dumps(form, ensure_ascii=False), "utf-8")
    assert main(["score", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["profile"], out["grade"]) == ("本地规则", "合格")


def test_unreadable_file_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{", "utf-8")
    assert main(["score", str(path)]) == 1


def test_with_other_forms_adds_cross_form_findings(capsys: pytest.CaptureFixture[str]) -> None:
    # seed 003: 困难残疾人家庭无障碍改造 15户 in the project table, 150户 in the department table
    project, dept = str(SEEDS / "seed003_project.json"), str(SEEDS / "seed003_dept.json")
    assert main(["score", project]) == 0
    alone = json.loads(capsys.readouterr().out)
    assert main(["score", project, "--with", dept, str(SEEDS / "seed003_basic.json")]) == 0
    out = json.loads(capsys.readouterr().out)
    cross = [f for f in out["findings"] if f["code"] == "CROSS_FORM_MISMATCH"]
    # 盲人补贴 here is 盲人救助 in the department table (issue #14: one indicator under two names)
    assert sorted((f["path"][-1], f["field"]) for f in cross) == [("困难残疾人家庭无障碍改造", "actual"),
                                                                  ("困难残疾人家庭无障碍改造", "target"),
                                                                  ("盲人补贴", "target")]
    households = next(f for f in cross if f["path"][-1] == "困难残疾人家庭无障碍改造")
    assert "部门整体支出绩效自评表" in households["message"] and "“150户”" in households["message"]
    # the 残疾人就业保障金 is 221 in the 基础数据表, 154 here (budget and spending)
    money = [(f["path"], f["field"]) for f in out["findings"] if f["code"] == "FUNDS_CROSS_MISMATCH"]
    assert money == [(["funds", "年度资金总额"], "annual"), (["funds", "年度资金总额"], "executed")]
    assert len(out["findings"]) == len(alone["findings"]) + 5 and out["total"] == alone["total"]
    assert main(["score", "--text", dept, "--with", project]) == 0
    assert "CROSS_FORM_MISMATCH 目标1 / 产出指标 / 数量指标 / 6、困难残疾人家庭无障碍改造（target）" in capsys.readouterr().out


def test_with_repeated_takes_every_form_like_with_a_list(capsys: pytest.CaptureFixture[str]) -> None:
    project, dept, basic = (str(SEEDS / f"seed003_{n}.json") for n in ("project", "dept", "basic"))
    assert main(["score", project, "--with", dept, basic]) == 0
    listed = json.loads(capsys.readouterr().out)
    # dept first: if only the last --with counted, the dept's 150户 mismatch would be lost
    assert main(["score", project, "--with", dept, "--with", basic]) == 0
    repeated = json.loads(capsys.readouterr().out)
    assert repeated["findings"] == listed["findings"]
    assert any(f["code"] == "CROSS_FORM_MISMATCH" for f in repeated["findings"])
