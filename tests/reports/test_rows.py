"""The neutral layout (rows.py): spans, figures from the Result, per-kind columns, options."""
from __future__ import annotations

import json

from decimal import Decimal

import pytest

from model.form import Form, Leaf
from reports.layout import Cell, Grid, format_number
from reports.rows import build_document
from scoring.result import Result


def _texts(grid: Grid) -> list[str]:
    return [cell.display for _r, _c, cell in grid.cells()]


def _all_cells(doc) -> list[Cell]:  # type: ignore[no-untyped-def]
    return [cell for sheet in doc.sheets for grid in sheet.grids for _r, _c, cell in grid.cells()]


@pytest.mark.parametrize("value, fmt, expected", [
    (0.045, "percent", "4.50%"), (1.72855, "percent", "172.86%"), (1.8, "money", "1.80"),
    (110000, "money", "110,000.00"), (6.665, "score", "6.67"), (Decimal("10"), "plain", "10"),
    (25.0, "points", "25.00%"), (2.5, "plain", "2.5")])
def test_numbers_print_as_the_forms_do(value: float, fmt: str, expected: str) -> None:
    assert format_number(value, fmt) == expected  # type: ignore[arg-type]


def test_grid_places_cells_after_rowspans_from_above() -> None:
    grid = Grid(3)
    grid.add(Cell("a", rowspan=2), Cell("b"), Cell("c"))
    grid.add(Cell("d"), Cell("e"))
    assert grid.rows[1][0] is None and grid.rows[1][1].text == "d" and grid.rows[1][2].text == "e"
    with pytest.raises(ValueError):
        grid.add(Cell("x", colspan=4))


def test_project_self_eval_merges_level_one_and_two_down_their_rows(seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed000_t1"]
    doc = build_document(form, result)
    table = next(g for g in doc.sheets[0].grids if g.name == "indicators")
    first = form.goals[0].indicators[0]  # 产出指标: 2 数量 + 1 质量 + 1 时效 + 1 成本 leaves
    # Column 0 is 绩效指标, down the heads and every indicator row (10号 附件1, issue 13).
    label = table.rows[0][0]
    assert label is not None and label.text == "绩效指标" and label.rowspan == len(table.rows) - 1
    cell = table.rows[1][1]
    assert cell is not None and cell.text == first.name and cell.rowspan == 5
    quantity = table.rows[1][2]
    assert quantity is not None and quantity.text == "数量指标" and quantity.rowspan == 2
    assert table.repeat == 1 and _texts(table)[:9] == ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值",
                                                         "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]


def test_scores_and_total_come_from_the_result(seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed000_t1"]
    table = next(g for g in build_document(form, result).sheets[0].grids if g.name == "indicators")
    leaf = form.goals[0].indicators[0].children[0].children[0]
    assert isinstance(leaf, Leaf)
    score_cell = table.rows[1][7]
    assert score_cell is not None and score_cell.value == result.node(leaf.id).score
    total_row = [c for c in table.rows[-1] if c is not None]
    assert total_row[0].text == "总分" and total_row[1].value == result.max and total_row[2].value == result.total


def test_funds_block_prints_rate_and_score_only_on_the_total_row(seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed000_t1"]
    header = build_document(form, result).sheets[0].grids[0]
    total = next(r for r in header.rows if any(c and c.text == "年度资金总额" for c in r))
    values = [c for c in total if c is not None][-6:]
    assert [c.value for c in values[:3]] == [None, 40, 1.8]  # 年初 blank as written, 全年, 执行
    assert values[4].value == result.funds.rate and values[4].display == "4.50%"
    # The first sub-row says 其中：, once, as the official form prints it.
    sub = next(r for r in header.rows if any(c and c.text == "其中：当年财政拨款" for c in r))
    assert [c.text for c in sub if c is not None][-3:] == ["—", "", "—"]


def test_multi_goal_department_form_has_one_block_per_goal(seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed001_dept"]
    doc = build_document(form, result)
    tables = [g for g in doc.sheets[0].grids if g.name == "indicators"]
    assert len(tables) == len(form.goals) == 12
    assert [t.rows[0][0].text for t in tables] == [g.title for g in form.goals]  # type: ignore[union-attr]
    assert "分值" not in _texts(tables[0]) and "产生差异的原因及改进措施" in _texts(tables[0])


def test_target_form_prints_plan_in_yuan_and_basis_column(seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed002_p1"]
    doc = build_document(form, result)
    assert doc.unit_line == ("762001秦皇岛市山海关区残疾人联合会本级", "单位：元")
    texts = [c.display for c in _all_cells(doc)]
    assert ["3月底", "6月底", "10月底", "12月底"] == [t for t in texts if t.endswith("月底")]
    assert "25.00%" in texts and "100.00%" in texts and "110,000.00" in texts and "指标值确定依据" in texts


def test_evaluation_has_summary_with_weights_scores_and_rates(seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed004_eval"]
    doc = build_document(form, result)
    assert doc.sheets[0].landscape
    summary = next(g for g in doc.sheets[0].grids if g.name == "summary")
    rows = [[c for c in row if c is not None] for row in summary.rows]
    # 004's labels: 指标类别 / 权重 / 分值 / 得分率, A项目决策 …, weights and scores both as 15.00.
    assert [c.text for c in rows[0]] == ["表3-1：2022年自治区财政残疾人事业发展补助资金项目整体绩效分值"]
    assert [c.text for c in rows[1]] == ["指标类别", "A项目决策", "B项目过程", "C项目产出", "D项目效益", "合计"]
    assert [c.text for c in rows[2]][:1] + [c.text for c in rows[3]][:1] == ["权重", "分值"]
    assert [c.value for c in rows[2]][1:] == [15, 20, 40, 25, result.max]
    assert [c.display for c in rows[2]][1:] == ["15.00", "20.00", "40.00", "25.00", "100.00"]
    first = result.group(form.goals[0].indicators[0].id)
    assert rows[3][1].value == first.score and rows[3][-1].value == result.total
    # 得分率 as 004's 表3-1 prints it: 决策 15/15, 过程 18/20, 产出 40/40, 效益 25/25, 合计 98/100.
    assert [c.display for c in rows[4]][1:] == ["100.00%", "90.00%", "100.00%", "100.00%", "98.00%"]


def test_summary_rates_are_the_results_not_arithmetic(seed) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    form, result = seed["seed004_eval"]
    goal_id = form.goals[0].id
    # A Result whose rates differ from score ÷ weight: the printed 得分率 must follow the Result.
    odd = replace(result, groups=tuple(replace(g, rate=Decimal("0.1234")) for g in result.groups),
                  _by_id={}, _groups_by_id={})
    summary = next(g for g in build_document(form, odd).sheets[0].grids if g.name == "summary")
    assert [c.display for c in summary.rows[4] if c is not None][1:] == ["12.34%"] * 5
    # A total that is not the goal's subtotal (e.g. a scored funds block) leaves 合计 blank.
    other = replace(result, total=result.total - 1, _by_id={}, _groups_by_id={})
    assert other.group(goal_id) is not None and other.group(goal_id).rate is not None
    summary = next(g for g in build_document(form, other).sheets[0].grids if g.name == "summary")
    assert [c.display for c in summary.rows[4] if c is not None][-1] == ""


def test_basic_data_prints_rates_as_percent_and_money_with_two_decimals(seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed003_basic"]
    cells = _all_cells(build_document(form, result))
    assert "100.00%" in [c.display for c in cells]  # 控制率 1.0
    assert any(c.display == "1.79" and c.fmt == "money" for c in cells)


def test_appendix_lists_every_explanation_and_findings_page(seed) -> None:  # type: ignore[no-untyped-def]
    form, result = seed["seed000_t1"]
    doc = build_document(form, result, appendix=True, findings=True)
    appendix, findings = doc.sheets[-2], doc.sheets[-1]
    texts = _texts(appendix.grids[0])
    assert result.funds.explanation in texts
    assert all(n.explanation in " ".join(texts) for n in result.nodes)
    assert len(findings.grids[0].rows) == 2 + len(result.findings)


def test_draft_until_approved_and_unchanged_unless_forced(seed) -> None:  # type: ignore[no-untyped-def]
    import copy

    from model.signoff import sign, unlock

    form, result = seed["seed000_t1"]
    form = copy.deepcopy(form)
    assert build_document(form, result).draft is True  # never signed
    sign(form, "填表人", "李小明", "2024-03-01")
    assert build_document(form, result).draft is True  # 待审核
    sign(form, "审核人", "王小芳", "2024-03-02")
    assert build_document(form, result).draft is False  # 已审核
    assert build_document(form, result, draft=True).draft is True
    form.header["phone"] = "0998-5550999"  # changed after signing
    assert build_document(form, result).draft is True
    unlock(form, "改电话", "2024-03-03")
    assert build_document(form, result).draft is True
    assert build_document(form, result, draft=False).draft is False


def test_signature_line_prints_the_signers_names_and_dates(seed) -> None:  # type: ignore[no-untyped-def]
    import copy

    from model.signoff import sign

    form, result = seed["seed001_dept"]
    form = copy.deepcopy(form)
    unsigned = dict(build_document(form, result).signature)
    assert "审核人" not in unsigned and "填报日期" in unsigned
    sign(form, "填表人", "李小明", "2024-03-01")
    sign(form, "审核人", "王小芳", "2024-03-02")
    sign(form, "单位负责人", "赵小强", "2024-03-03")
    line = build_document(form, result).signature
    assert [name for name, _ in line] == ["填表人", "审核人", "联系电话", "单位负责人签字"]
    assert dict(line)["填表人"] == "李小明 2024-03-01"
    assert dict(line)["审核人"] == "王小芳 2024-03-02"
    assert dict(line)["单位负责人签字"] == "赵小强 2024-03-03"


def test_unknown_kind_is_a_clear_error() -> None:
    from model.errors import JixiaoError

    result = Result("central-2020", None, None, None, None, (), (), ())
    with pytest.raises(JixiaoError, match="无法打印"):
        build_document(Form(kind="narrative", year=2024), result)


def test_rates_written_as_on_paper_load_and_print_as_percents() -> None:
    """“100%” and “98.5%” in a file are read as rates; 100 (percent points) prints 100.00%, not 10000.00%."""
    from model.codec import loads_form
    from model.errors import FormFileError
    from resources.profile_files import load_profile_data
    from scoring import evaluate
    from scoring.rules.profile import profile_for

    def doc(rates: list[object]) -> str:
        return json.dumps({"schema": "jixiao.form/1", "kind": "dept_basic_data", "year": 2023, "title": "基础数据表", "goals": [],
                           "basic_data": [{"section": "财政供养人员情况(人)", "columns": ["编制数", "在职人数", "控制率"],
                                           "rows": [{"name": "财政供养人员", "values": [30, 30, r]} for r in rates]}]},
                          ensure_ascii=False)
    form = loads_form(doc(["100%", "98.5%", 100, 1.0]))
    assert [r.values[2] for r in form.basic_data[0].rows] == [1.0, 0.985, 100, 1.0]  # type: ignore[index, union-attr]
    result = evaluate(form, profile_for(form.rules, form.profile_name(), load_profile_data))
    rows = build_document(form, result).sheets[0].grids[0].rows
    assert [row[-2].display for row in rows[1:]] == ["100.00%", "98.50%", "100.00%", "100.00%"]  # type: ignore[union-attr]
    # 30 ÷ 30 = 100 %: the written 98.5% is the one finding.
    assert [(f.code, f.path[-1]) for f in result.findings if f.code == "RATE_MISMATCH"] == [("RATE_MISMATCH", "财政供养人员")]
    with pytest.raises(FormFileError) as refused:
        loads_form(doc(["约百分之百"]))
    assert "100%" in str(refused.value)
