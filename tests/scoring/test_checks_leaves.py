"""Leaf checks on small made-up forms: blank cells, reasons, directions, categories, duplicates."""
from __future__ import annotations

from decimal import Decimal

from model.form import Leaf
from scoring.checks import directions, duplicates, reasons, values
from tests.scoring.checks_context import keys, run, tree_form

P = ("目标1", "产出指标", "数量指标")


def test_blank_target_and_actual_are_reported_but_an_operator_alone_is_still_blank() -> None:
    form = tree_form({"产出指标": {"数量指标": [Leaf(name="培训人数", target="=", actual="", weight=5, score=4)]}})
    found = run(values.check, form)
    assert keys(found) == {("TARGET_MISSING", (*P, "培训人数"), "target"),
                           ("ACTUAL_MISSING", (*P, "培训人数"), "actual")}
    assert all(f.severity == "error" for f in found)
    assert "却填了得分 4" in next(f.message for f in found if f.code == "ACTUAL_MISSING")


def test_no_actual_missing_on_target_declarations_nor_on_weight_zero_rows() -> None:
    decl = tree_form({"产出指标": {"数量指标": [Leaf(name="培训人数", target="≥10人")]}}, kind="project_target")
    assert run(values.check, decl) == []
    na = tree_form({"效益指标": {"经济效益": [Leaf(name="实施效益", weight=0, score=0)]}}, kind="evaluation")
    assert run(values.check, na) == []


def test_reason_missing_on_deduction_on_shortfall_at_full_marks_and_over_target() -> None:
    form = tree_form({"产出指标": {"数量指标": [
        Leaf(name="扣分", target="≥10人", actual="8人", weight=10, score=8),
        Leaf(name="满分但未达标", target="≥10人", actual="8人", weight=10, score=10),
        Leaf(name="超计划", target="≥10人", actual="13人", weight=10, score=10),
        Leaf(name="略超", target="≥10人", actual="12人", weight=10, score=10),
        Leaf(name="有原因", target="≥10人", actual="8人", weight=10, score=8, reason="资金晚到"),
        Leaf(name="成本超支", target="10", actual="12", weight=10, score=10),
    ]}, "成本指标": {"经济成本指标": [Leaf(name="成本超支", target="10万元", actual="12万元", weight=5,
                                         score=5)]}})
    found = keys(run(reasons.check, form))
    assert found == {("REASON_MISSING", (*P, "扣分"), "reason"),
                     ("REASON_MISSING", (*P, "满分但未达标"), "reason"),
                     ("OVER_TARGET_NO_REASON", (*P, "超计划"), "reason"),
                     ("REASON_MISSING", ("目标1", "成本指标", "经济成本指标", "成本超支"), "reason")}


def test_unscored_and_evaluation_forms_ask_for_no_reason() -> None:
    for kind, w in (("dept_self_eval", None), ("evaluation", 4)):
        form = tree_form({"产出指标": {"数量指标": [Leaf(name="人数", target="≥10人", actual="8人", weight=w,
                                                         score=2 if w else None)]}}, kind=kind)
        assert run(reasons.check, form) == []


def test_boilerplate_reason_on_most_rows_is_one_info_per_goal() -> None:
    text = "资金拨付较晚，项目未能及时开展。"
    rows = [Leaf(name=f"指标{i}", target="≥1次", actual="0次", weight=5, score=0, reason=text) for i in range(3)]
    rows.append(Leaf(name="指标9", target="≥1次", actual="1次", weight=5, score=5, reason=" 资金拨付较晚，项目未能及时开展"))
    found = run(reasons.check, tree_form({"产出指标": {"数量指标": rows}}))
    assert keys(found) == {("REASON_BOILERPLATE", ("目标1",), "reason")}
    assert found[0].severity == "info" and "4 行" in found[0].message


def test_funds_rate_below_100_without_any_explanation() -> None:
    form = tree_form({"产出指标": {"数量指标": []}})
    from model.form import Funds, FundsRow
    form.funds = Funds(weight=10, rows=[FundsRow("年度资金总额", 40, 40, 10)])
    assert keys(run(reasons.check, form, funds_rate=Decimal("0.25"))) == {
        ("REASON_MISSING", ("funds", "年度资金总额"), "note")}
    form.goals[0].achieved = "资金12月才到位"
    assert run(reasons.check, form, funds_rate=Decimal("0.25")) == []


def test_cost_with_lower_bound_and_people_with_upper_bound() -> None:
    form = tree_form({"产出指标": {"数量指标": [Leaf(name="培训人数", target="≤50人"),
                                                Leaf(name="培训天数", target="≤5天")],
                                   "时效指标": [Leaf(name="办理人数上限", target="≤30人")],
                                   "成本指标": [Leaf(name="康复经费", target="≥15万"),
                                                Leaf(name="人均补助", target="≤500元/人")]}})
    assert keys(run(directions.check, form)) == {
        ("DIRECTION_SUSPECT", (*P, "培训人数"), "target"),
        ("DIRECTION_SUSPECT", ("目标1", "产出指标", "成本指标", "康复经费"), "target")}


def test_written_cost_rule_that_penalises_savings() -> None:
    rule = "①实际完成等于年度指标值，得满分；②实际完成值小于等于年度指标值，且偏离程度小于20%，得分=实际完成值/年度指标值×分值"
    form = tree_form({"产出": {"产出成本": [Leaf(name="康复(万元/人/年)", target="<=0.02万元", process=rule)]}},
                     kind="evaluation")
    assert keys(run(directions.check, form)) == {
        ("DIRECTION_SUSPECT", ("目标1", "产出", "产出成本", "康复(万元/人/年)"), "criteria")}


def test_categories_rate_under_quantity_execution_under_time_words_as_cost() -> None:
    form = tree_form({"产出指标": {"数量指标": [Leaf(name="换证率", target="≥80%"), Leaf(name="人数", target="80人")],
                                   "时效指标": [Leaf(name="预算执行率", target="100%")],
                                   "质量指标": [Leaf(name="资金使用率", target="100%"),
                                                Leaf(name="合格率", target="≥90%")]},
                      "成本指标": {"社会成本指标": [Leaf(name="家庭负担", target="明显改善")]}})
    found = keys(run(directions.check, form))
    assert found == {("CATEGORY_SUSPECT", (*P, "换证率"), "target"),
                     ("CATEGORY_SUSPECT", ("目标1", "产出指标", "时效指标", "预算执行率"), "target"),
                     ("CATEGORY_SUSPECT", ("目标1", "产出指标", "质量指标", "资金使用率"), "target"),
                     ("CATEGORY_SUSPECT", ("目标1", "成本指标", "社会成本指标", "家庭负担"), "target")}


def test_duplicates_same_name_after_numbering_or_same_values_with_words_added() -> None:
    form = tree_form({"产出指标": {"数量指标": [
        Leaf(name="1：残疾人无障碍改造", target="150户", actual="150户"),
        Leaf(name="2、残疾人康复", target="156人", actual="156人"),
        Leaf(name="6、困难残疾人家庭无障碍改造", target="150户", actual="150户"),
        Leaf(name="7、困难残疾人家庭康复训练", target="20人", actual="20人"),
        Leaf(name="（8）残疾人康复", target="10人", actual="9人"),
    ]}})
    assert keys(run(duplicates.check, form)) == {
        ("DUPLICATE_INDICATOR", (*P, "6、困难残疾人家庭无障碍改造"), "name"),
        ("DUPLICATE_INDICATOR", (*P, "（8）残疾人康复"), "name")}


def test_same_name_in_different_groups_is_not_a_duplicate() -> None:
    form = tree_form({"效益指标": {"生态效益指标": [Leaf(name="群体和谐稳定", target="≥95%")],
                                   "可持续影响指标": [Leaf(name="群体和谐稳定", target="≥95%")]}})
    assert run(duplicates.check, form) == []


def test_numbered_names_with_the_same_values_are_different_indicators() -> None:
    rows = [Leaf(name=f"培训{i}班学员人数", target="明显提高", actual="明显提高") for i in (0, 10, 1, 11)]
    assert run(duplicates.check, tree_form({"产出指标": {"数量指标": rows}})) == []
