"""Every report-kind sample and seed fixture writes a DOCX and a PDF whose figures are score's own."""
from __future__ import annotations

import copy
import io
import subprocess
from pathlib import Path

import pytest

from model.form import Group, Leaf
from model.office.report_text import read_report
from reports.narrative import ReportKindError, build_report, render_report
from reports.narrative.common import bare, percent, points
from scoring.narrative.check import table_sentences
from tests.narrative.conftest import REPORTABLE, sample, scored


def _leaves(nodes: list) -> list[Leaf]:
    out: list[Leaf] = []
    for n in nodes:
        out.extend(_leaves(n.children) if isinstance(n, Group) else [n])
    return out


@pytest.mark.parametrize("path", REPORTABLE, ids=lambda p: p.stem)
def test_report_numbers_are_scores(path: Path, tmp_path: Path) -> None:
    form, result = scored(path)
    docx, pdf = tmp_path / "r.docx", tmp_path / "r.pdf"
    render_report(form, result, docx=docx, pdf=pdf)
    text = read_report(docx)
    body = "\n".join(text.paragraphs)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
    if result.grade is not None:
        assert f"{points(result.total)}（满分{points(result.max)}）" in body
        assert f"“{result.grade}”" in body and percent(result.rate) in body
    elif result.max is not None:
        assert "未评分" in body and "等级为" not in body
    rows = [row for table in text.tables for row in table]
    if result.max is not None:
        total_row = [r for r in rows if r and r[0] == "合计"]
        assert total_row and total_row[0][1:3] == [bare(result.max), bare(result.total)]
        for goal in form.goals:
            for node in goal.indicators:
                g = result.group(node.id)
                if isinstance(node, Group) and g is not None and len(form.goals) == 1:
                    row = [r for r in rows if r and r[0] == node.name]
                    assert row and row[0][2:4] == [bare(g.score), percent(g.rate)], node.name
    for goal in form.goals:
        for leaf in _leaves(goal.indicators):
            s = result.node(leaf.id)
            row = [r for r in rows if leaf.name in r]
            assert row, leaf.name
            if s is not None and s.weight is not None:
                assert any(r[-2:] == [bare(s.weight), bare(s.score)] for r in row), leaf.name


def test_incomplete_form_lists_unscored_items_instead_of_a_grade() -> None:
    form, _ = sample("07-seed003_project")
    form = copy.deepcopy(form)
    leaf = _leaves(form.goals[0].indicators)[0]
    leaf.score, leaf.actual = None, None
    from ui.services.evaluation import evaluate_with_profile as score

    result = score(form)
    assert result.grade is None
    text = build_report(form, result).text()
    assert "尚有1项指标未评分" in text and leaf.name in text
    assert "绩效等级为" not in text


def test_department_report_quotes_basic_data_and_projects() -> None:
    from reports.narrative import Related

    dept, result = sample("06-seed003_dept")
    basic, _ = sample("05-seed003_basic")
    project = sample("07-seed003_project")
    text = build_report(dept, result, Related(basic, [project])).text()
    assert "编制数30人" in text and "“三公”经费2023年决算3.00万元" in text
    assert "公用经费18.30万元，占5.18%" in text  # 18.3 ÷ 353.08 of the 基础数据表 and 附件2
    assert "残疾人就业保障金\t154.00\t154.00\t100.00%\t91.00分\t优" in text
    alone = build_report(dept, result).text()
    assert "【请填写：“三公”经费支出情况" in alone and "三公”经费2023年决算" not in alone


def test_placeholders_mark_what_the_program_cannot_know() -> None:
    for name in ("07-seed003_project", "06-seed003_dept", "08-seed004_eval"):
        text = build_report(*sample(name)).text()
        assert text.count("【请填写：") >= 4, name


def test_target_and_basic_data_forms_have_no_report() -> None:
    with pytest.raises(ReportKindError, match="目标表和基础数据表"):
        build_report(*sample("05-seed003_basic"))


def test_evaluation_report_has_table_3_1_and_a_paragraph_per_indicator() -> None:
    form, result = sample("08-seed004_eval")
    report = build_report(form, result)
    text = report.text()
    assert "表3-1：" in text and "表4-1：项目决策指标得分情况" in text
    leaves = _leaves(form.goals[0].indicators)
    for leaf in leaves:
        s = result.node(leaf.id)
        assert f"{leaf.code}{leaf.name}：" in text
        if s is not None and s.score is not None:
            assert f"{leaf.name}指标权重分为{points(s.weight)}，根据评分规则评价得{points(s.score)}。" in text


def test_table_rows_read_back_as_sentences() -> None:
    table = [["一级指标", "分值", "得分", "得分率"], ["产出指标", "30.00", "28.50", "95.00%"]]
    assert table_sentences(table) == ["产出指标：分值30.00分，得分28.50分，得分率95.00%。"]


@pytest.mark.slow
def test_libreoffice_opens_every_report(tmp_path: Path) -> None:
    """Every sample's and seed fixture's DOCX converts to PDF in LibreOffice headless without error."""
    import shutil

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is needed: apt-get install -y libreoffice-writer-nogui")
    files = []
    for path in REPORTABLE:
        out = tmp_path / f"{path.stem}.docx"
        render_report(*scored(path), docx=out)
        files.append(str(out))
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                           "pdf", "--outdir", str(tmp_path / "pdf"), *files],
                          capture_output=True, text=True, timeout=300)
    for name in files:
        pdf = tmp_path / "pdf" / (Path(name).stem + ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 5000, done.stdout + done.stderr


def test_pdf_writes_to_a_stream_with_embedded_fonts_only() -> None:
    out = io.BytesIO()
    render_report(*sample("07-seed003_project"), pdf=out)
    data = out.getvalue()
    assert data.startswith(b"%PDF") and b"Helvetica" not in data


def test_templates_ship_with_the_program() -> None:
    from installer.build import app_files

    files = app_files()
    for kind in ("project_self_eval", "dept_self_eval", "evaluation"):
        assert f"resources/report_templates/{kind}.toml" in files


def test_a_broken_template_says_which_file_and_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    from reports.narrative.templates import TemplateError, Templates

    broken = Templates("project_self_eval", {"sentences": {"funds": "执行率{执行率"}})
    with pytest.raises(TemplateError, match="project_self_eval.toml.*“funds”一句的花括号"):
        broken.say("funds", 执行率="4.50%")
    with pytest.raises(TemplateError, match="缺少“\\[sentences\\] work”"):
        broken.say("work")
    assert Templates("k", {"sentences": {"x": "{未知}"}}).say("x") == "【请填写：未知】"
