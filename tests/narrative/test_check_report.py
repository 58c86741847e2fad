"""check-report: a generated report checks clean; five figures changed by hand are all found; a Word
version of seed 003's 附件4 (names made up) shows the disagreements a reader finds with the tables."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest

from reports.narrative import Related, render_report
from tests.narrative.conftest import REPORTABLE, sample, scored
from ui.services.narrative import check_report_file


def _problems(path: Path, forms: list) -> list:
    return [f for f in check_report_file(path, None, forms=forms).findings if f.severity != "info"]


@pytest.mark.parametrize("path", REPORTABLE, ids=lambda p: p.stem)
def test_generated_report_checks_clean(path: Path, tmp_path: Path) -> None:
    form, result = scored(path)
    out = tmp_path / "r.docx"
    render_report(form, result, docx=out)
    assert _problems(out, [form]) == []


def test_generated_department_report_with_its_forms_checks_clean(tmp_path: Path) -> None:
    dept, basic, project = sample("06-seed003_dept"), sample("05-seed003_basic"), sample("07-seed003_project")
    out = tmp_path / "d.docx"
    render_report(*dept, docx=out, related=Related(basic[0], [project]))
    assert _problems(out, [dept[0], basic[0], project[0]]) == []


def _replace(d: docx.document.Document, old: str, new: str) -> None:
    cells = [p for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    for p in [*d.paragraphs, *cells]:
        for run in p.runs:
            if old in run.text:
                run.text = run.text.replace(old, new, 1)
                return
    raise AssertionError(old)


def test_five_figures_changed_by_hand_are_all_found(tmp_path: Path) -> None:
    form, result = sample("07-seed003_project")
    out = tmp_path / "r.docx"
    render_report(form, result, docx=out)
    d = docx.Document(str(out))
    _replace(d, "总分91.00分", "总分95.00分")
    _replace(d, "全年执行154.00万元", "全年执行164.00万元")
    _replace(d, "预算执行率100.00%", "预算执行率98.00%")
    _replace(d, "绩效等级为“优”", "绩效等级为“良”")
    row = next(r for t in d.tables for r in t.rows if r.cells[1].text == "困难残疾人家庭无障碍改造")
    row.cells[3].paragraphs[0].runs[0].text = "150户"
    d.save(str(out))
    found = {(f.code, f.stated, f.expected) for f in _problems(out, [form])}
    assert found == {("NARRATIVE_SCORE_MISMATCH", "95.00分", "91.00分"),
                     ("NARRATIVE_SUM_MISMATCH", "164.00万元", "154.00万元"),
                     ("NARRATIVE_RATE_MISMATCH", "98.00%", "100.00%"),
                     ("NARRATIVE_GRADE_MISMATCH", "良", "优"),
                     ("NARRATIVE_COUNT_MISMATCH", "150户", "15户")}


# Seed 003 附件4 as a unit wrote it (figures as in the seed; places and people made up, abridged).
SEED003_REPORT = [
    "2023年度示例县残联整体支出绩效自评报告",
    "一、部门概况",
    "2、人员情况：示例县残联全额拨款编制30名。在职在岗在编职工30人，退休12人，临时工2人。",
    "二、部门整体支出资金管理及使用情况",
    "1、整体收支情况。本单位2023年度基本支出353.08万元，其中：人员经费306.34万元，占86.19%，主要包括基本工资、"
    "津贴补贴等；公用经费46.74万元，占13.81%，主要包括办公费、福利费等。",
    "2、“三公” 经费总支出情况。2023年度“三公”经费总支出3万元，其中：因公出国（境）费支出0万元，公务接待费支出3万元，"
    "公务用车购置费及运行维护费支出0万元。",
    "1、项目资金安排落实、总投入等情况分析。2023年项目支出221万元：财政拨款项目支出221万元，占100%。",
    "四、部门整体支出绩效情况",
    "1、扎实推进民生实事工作。完成150户困难残疾人家庭无障碍改造任务，完成率100%。",
    "2、全力抓好扶残助残工作。一是推动一线评残办证服务。已为残疾对象新办残疾证628人，其中到期换证1211人，"
    "为贫困残疾人上门办证368人。",
    "共处理各类涉残信访事项45人次，其中办证信访10次、残疾人困难诉求32次、解决信访积案3件。",
    "九、部门整体支出绩效自评结果拟应用和公开情况",
    "根据部门整体支出绩效评价参考指标，我单位此次评价分为98分，等级为优，具体评价情况见附表。",
    "示例县残疾人联合会",
    "2023年度残疾人就业保障金项目支出绩效自评报告",
    "一 、项目支出基本情况",
    "2023年度市级投入残疾人就业保障金共计221万元，主要用于残疾人困难救助、创业扶持等方面。",
    "（1）项目资金投入情况。涉及本次绩效评价的资金221万元，2023年度已支付,221万元。",
    "2023年，我们通过残疾人就业保障金项目，残疾儿童康复救助156人，困难残疾人家庭无障碍改造150户，"
    "资助残疾学生及残疾人家庭学生176人。",
    "经过对2023年组织实施项目的资金安排和使用情况等进行综合分析评价，本项目综合得分为94.8分，绩效等级为优。",
    "2023年财政预算安排残保金221万元，实际支出221万元。",
]


def test_seed003_report_shows_what_a_reader_finds_with_the_tables(tmp_path: Path) -> None:
    d = docx.Document()
    for line in SEED003_REPORT:
        d.add_paragraph(line)
    out = tmp_path / "seed003.docx"
    d.save(str(out))
    forms = [sample(n)[0] for n in ("06-seed003_dept", "05-seed003_basic", "07-seed003_project")]
    found = _problems(out, forms)
    got = {(f.code, f.stated, f.expected) for f in found}
    reader = {
        ("NARRATIVE_SUM_MISMATCH", "46.74万元", "18.30万元"),  # 公用经费 vs 附件1
        ("NARRATIVE_SHARE_MISMATCH", "86.19%", "86.76%（306.34万元 ÷ 353.08万元）"),
        ("NARRATIVE_SHARE_MISMATCH", "13.81%", "13.24%（46.74万元 ÷ 353.08万元）"),
        ("NARRATIVE_SUM_MISMATCH", "221万元", "652.59万元"),  # 项目支出 vs 附件2 按支出性质分
        ("NARRATIVE_PART_EXCEEDS_TOTAL", "1211人", "不大于628人（其中一项不能超过总数）"),
        ("NARRATIVE_SUM_MISMATCH", "221万元", "154.00万元"),  # the project's funds vs 附件3
        ("NARRATIVE_COUNT_MISMATCH", "150户", "15户"),  # 无障碍改造 vs 附件3
        ("NARRATIVE_SCORE_MISMATCH", "94.8分", "91.00分"),  # 附件3 prints 98, recomputed 91
    }
    assert reader <= got, sorted(got)
    where = {f.stated: f.where for f in found}
    assert "基础数据表 “公用经费”行 2023年决算数" in str(where["46.74万元"])
    # Figures that agree with the tables raise nothing: 三公经费 3万元, 编制30名, the 信访 parts (45 = 10+32+3).
    assert not [f for f in found if f.stated in ("3万元", "0万元", "45人次", "10次")]
