"""Pasting tab-separated rows from Excel/WPS: parsing, the official 8-column layout, one undo step."""
from __future__ import annotations

import pytest

from model.codec import dumps_form
from model.form import Group, Leaf
from model.store import Store
from tests.ui.helpers import open_session
from ui.editing.clipboard import format_tsv, parse_tsv, rows_from_table, split_declared_weight
from ui.editing.session import FormSession

SELF_EVAL_FIELDS = ["name", "target", "actual", "weight", "score", "reason", "rule"]


@pytest.fixture
def session(qapp, memory_store: Store) -> FormSession:  # type: ignore[no-untyped-def]
    return open_session(memory_store)


def test_parse_tsv_reads_quoted_cells_with_newlines_tabs_and_quotes() -> None:
    text = 'a\t"two\nlines"\tc\r\n"say ""hi"""\t"x\ty"\t\r\n'
    assert parse_tsv(text) == [["a", "two\nlines", "c"], ['say "hi"', "x\ty", ""]]


def test_format_then_parse_gives_the_same_cells() -> None:
    table = [["康复训练人数", "≥100人", "多行\n原因"], ['含"引号"', "", "制表\t符"]]
    assert parse_tsv(format_tsv(table)) == table


@pytest.mark.parametrize("text, expected", [
    ("产出指标(30分)", ("产出指标", 30.0)), ("成本指标（20分）", ("成本指标", 20.0)),
    ("产出指标\n(30分)", ("产出指标", 30.0)), ("效益指标", ("效益指标", None)),
])
def test_declared_weights_are_split_from_group_names(text: str, expected: tuple[str, float | None]) -> None:
    assert split_declared_weight(text) == expected


def test_official_layout_repeats_merged_group_cells_and_skips_the_heading() -> None:
    table = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
             ["产出指标(50分)", "数量指标", "培训人数", "≥50人", "48人", "10", "9.6", "两人因病缺课"],
             ["", "", "培训期数", "2期", "2期", "10", "10", ""],
             ["", "质量指标", "合格率", "≥90%", "95%", "10", "10", ""]]
    rows = rows_from_table(table, SELF_EVAL_FIELDS)
    assert [(r.level1, r.level2, r.fields["name"]) for r in rows] == [
        ("产出指标", "数量指标", "培训人数"), ("产出指标", "数量指标", "培训期数"), ("产出指标", "质量指标", "合格率")]
    assert rows[0].level1_weight == 50.0
    assert rows[0].fields == {"name": "培训人数", "target": "≥50人", "actual": "48人", "weight": "10",
                              "score": "9.6", "reason": "两人因病缺课"}  # 得分 kept: the paper's figure


def test_pasting_three_rows_creates_three_leaves_in_one_undo_step(session: FormSession) -> None:
    quantity = session.form.goals[0].indicators[0].children[0]
    before = dumps_form(session.form)
    table = parse_tsv("新增甲\t1次\t1次\t2\r\n新增乙\t2次\t1次\t2\r\n新增丙\t3次\t3次\t2\r\n")
    ids = session.paste_rows(quantity.id, 1, rows_from_table(table, SELF_EVAL_FIELDS))
    assert len(ids) == 3
    assert [c.name for c in quantity.children] == ["康复训练人数", "新增甲", "新增乙", "新增丙", "培训班期数"]
    second = quantity.children[2]
    assert isinstance(second, Leaf) and (second.target, second.actual, second.weight) == ("2次", "1次", 2)
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert dumps_form(session.form) == before


def test_official_rows_reuse_existing_groups_and_create_missing_ones(session: FormSession) -> None:
    table = [["产出指标", "数量指标", "新增人数", "≥10人", "10人", "5", "", ""],
             ["成本指标(20分)", "经济成本指标", "人均成本", "≤500元", "480元", "5", "", ""]]
    goal = session.form.goals[0]
    session.paste_rows(goal.id, 0, rows_from_table(table, SELF_EVAL_FIELDS))
    output, _satisfaction, cost = goal.indicators
    assert isinstance(output, Group) and [c.name for c in output.children[0].children][-1] == "新增人数"
    assert isinstance(cost, Group) and (cost.name, cost.weight) == ("成本指标", 20.0)
    assert cost.children[0].name == "经济成本指标" and cost.children[0].children[0].name == "人均成本"
    assert session.undo_stack.count() == 1


def test_a_bad_number_refuses_the_whole_paste(session: FormSession) -> None:
    errors: list[str] = []
    session.error.connect(errors.append)
    before = dumps_form(session.form)
    table = [["甲", "1次", "1次", "2"], ["乙", "1次", "1次", "两分"]]
    assert session.paste_rows(session.form.goals[0].id, 0, rows_from_table(table, SELF_EVAL_FIELDS)) == []
    assert dumps_form(session.form) == before and session.undo_stack.count() == 0
    assert "第 2 行" in errors[0] and "两分" in errors[0]


def test_a_pasted_row_sets_text_fields_weight_and_the_papers_score_but_never_the_rule() -> None:
    from ui.editing.clipboard import PastedRow
    from ui.editing.paste import leaf_from

    row = PastedRow(fields={"name": "培训人次", "target": "≥200人次", "actual": "210人次", "weight": "１０",
                            "score": "9", "rule": "比率", "reason": "无"})
    leaf = leaf_from(row, 1)
    assert (leaf.name, leaf.target, leaf.actual, leaf.weight, leaf.reason) == ("培训人次", "≥200人次", "210人次", 10, "无")
    # A pasted 得分 is the paper's figure, kept as the manual score (issue #12); 评分方式 is chosen from a list.
    assert leaf.score == 9 and leaf.rule is None
    with pytest.raises(ValueError, match="第 3 行"):
        leaf_from(PastedRow(fields={"name": "x", "weight": "十分"}), 3)
