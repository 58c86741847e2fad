"""Real-world variety beyond the seed layouts: units in headings, tables split over pages, kinds found
from structure alone, years in titles, files with several forms in one sheet."""
from __future__ import annotations

from pathlib import Path

import docx

from model.office.reading import read_office_file
from model.tree import leaves


def _doc(path: Path, paragraphs: list[str], tables: list[list[list[str]]]) -> Path:
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    for rows in tables:
        t = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                t.cell(r, c).text = text
        d.add_paragraph("")
    d.save(str(path))
    return path


HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值（A）", "实际完成值（B）", "分值（分）", "得分（分）", "偏差原因"]


def test_units_in_headings_and_a_table_split_over_two_pages(tmp_path: Path) -> None:
    path = _doc(tmp_path / "a.docx", ["2023年度项目支出绩效自评表", "金额单位：元"], [
        [["项目名称", "示例项目"], ["项目资金（元）", "年初预算数（元）", "全年预算数（元）", "全年执行数（元）"],
         ["年度资金总额", "50000", "50000", "45000"]],
        [HEAD, ["产出指标", "数量指标", "甲", "10人", "10人", "20", "20", ""],
         ["", "", "乙", "5次", "4次", "20", "16", "天气"]],
        [HEAD, ["", "", "丙", "3个", "3个", "20", "20", ""],
         ["满意度指标", "服务对象满意度指标", "丁", "≥90%", "95%", "30", "30", ""]],
    ])
    found = read_office_file(path).forms
    assert len(found) == 1
    form = found[0].form
    assert (form.kind, form.year, form.currency) == ("project_self_eval", 2023, "元")
    assert form.funds is not None and (form.funds.rows[0].initial, form.funds.rows[0].executed) == (50000, 45000)
    output = form.goals[0].indicators[0]
    assert output.name == "产出指标" and [c.name for c in output.children[0].children] == ["甲", "乙", "丙"]
    assert found[0].unplaced == []


def test_a_table_with_targets_only_is_a_target_declaration(tmp_path: Path) -> None:
    path = _doc(tmp_path / "b.docx", ["示例单位2024年预算"], [
        [["项目名称", "示例项目", "单位：元"], ["一级指标", "二级指标", "三级指标", "年度目标值"],
         ["产出", "数量", "培训人数", "≥100人"], ["效益", "社会效益", "就业能力", "提升"]]])
    form = read_office_file(path).forms[0].form
    assert (form.kind, form.year, form.currency) == ("project_target", 2024, "元")
    assert [g.name for g in form.goals[0].indicators] == ["产出指标", "效益指标"]


def test_a_year_inside_a_project_name_gives_way_to_the_document_year(tmp_path: Path) -> None:
    path = _doc(tmp_path / "c.docx", ["示例区残联2021年部门预算", "1.2019年结转残疾人补助资金绩效目标表"], [
        [["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"],
         ["产出指标", "数量指标", "人数", "人数", "10人", "工作计划"]]])
    found = read_office_file(path).forms[0]
    assert found.form.year == 2021 and found.form.header["project_name"] == "2019年结转残疾人补助资金"


def test_two_forms_stacked_in_one_sheet(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    rows = [["项目支出绩效自评表"], ["（2022年度）"], ["项目名称", "甲项目"], HEAD,
            ["产出指标", "数量指标", "甲一", "1", "1", "50", "50", ""], ["总分", "", "", "", "", "100", "90"],
            ["项目支出绩效自评表"], ["（2022年度）"], ["项目名称", "乙项目"], HEAD,
            ["产出指标", "质量指标", "乙一", "100%", "90%", "50", "45", "原因"]]
    for row in rows:
        ws.append(row)
    hidden = wb.create_sheet("下拉选项")
    hidden.append(["一级指标", "二级指标", "三级指标", "年度指标值"])
    hidden.append(["产出指标", "数量指标", "选项", "1"])
    hidden.sheet_state = "hidden"
    wb.save(tmp_path / "d.xlsx")
    found = read_office_file(tmp_path / "d.xlsx").forms
    assert [f.form.header["project_name"] for f in found] == ["甲项目", "乙项目"]  # the hidden sheet is not read
    assert found[0].form.stated == {"total": 90, "weight_total": 100}
    assert found[1].where.endswith("第7–11行")


def test_cells_that_fit_nowhere_are_named_with_their_position(tmp_path: Path) -> None:
    path = _doc(tmp_path / "e.docx", ["项目支出绩效自评表", "（2022年度）"], [
        [["项目名称", "示例项目"]],
        [HEAD, ["产出指标", "数量指标", "甲", "10人", "10人", "20", "20", ""],
         ["", "", "", "", "", "", "", ""],
         ["", "", "", "", "9人", "", "", ""],
         ["", "", "乙", "5次", "5次", "20", "约20", ""]]])
    found = read_office_file(path).forms[0]
    assert [leaf.name for leaf in leaves(found.form)] == ["甲", "乙"]
    assert [(u.where, u.text) for u in found.unplaced] == [("表2 第4行 第5列", "9人")]
    assert found.notes == ["表2 第4行：有数值但没有三级指标名称，未导入这一行", "表2 第5行：得分“约20”不是数字，未导入这一格"]

