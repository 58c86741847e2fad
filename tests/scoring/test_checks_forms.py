"""Form-level checks on small made-up forms: funds sums, spending plan, unit costs, basic data,
stated figures, evaluation benchmarks, and that no check raises on odd data."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings, strategies as st

from model.form import Amount, DataRow, DataSection, Funds, FundsRow, Leaf, PlanPoint
from scoring.checks import ALL_CHECKS, basic_data, costs, evaluation, funds, plan, stated
from scoring.context import GroupView
from scoring.result import GroupScore
from tests.scoring.checks_context import keys, make_context, run, tree_form


def test_funds_column_sums_initial_missing_and_sub_row_over_budget() -> None:
    form = tree_form({}, funds=Funds(weight=10, rows=[
        FundsRow("合计", None, 30, 274), FundsRow("财政拨款", None, 30, 273), FundsRow("其他资金", None, None, 2)]))
    found = run(funds.check, form)
    assert keys(found) == {("FUNDS_SUM_MISMATCH", ("funds", "合计"), "executed"),
                           ("FUNDS_INITIAL_MISSING", ("funds", "合计"), "initial"),
                           ("FUNDS_OVER_100", ("funds", "财政拨款"), "executed")}
    assert "273 + 2 = 275" in next(f.message for f in found if f.code == "FUNDS_SUM_MISMATCH")


def test_funds_breakdowns_and_target_declaration_budget() -> None:
    form = tree_form({}, kind="dept_self_eval", stated={"by_spending_total": 1005.67}, funds=Funds(
        rows=[FundsRow("年度资金总额", 581.79, 581.79, 1005.67)],
        by_income=[Amount("一般公共预算", 500), Amount("政府性基金拨款", None)],
        by_spending=[Amount("基本支出", 353.08), Amount("项目支出", 652.59)]))
    assert keys(run(funds.check, form)) == {("FUNDS_SUM_MISMATCH", ("funds", "按收入性质分"), "by_income"),
                                            ("FUNDS_SUM_MISMATCH", ("funds", "按支出性质分"), "by_spending")}
    decl = tree_form({}, kind="project_target", money_unit="元", funds=Funds(
        rows=[FundsRow("预算数", annual=110000.0), FundsRow("财政资金", annual=100000.0), FundsRow("其他资金", annual=0)]))
    assert keys(run(funds.check, decl)) == {("FUNDS_SUM_MISMATCH", ("funds", "预算数"), "annual")}


def _plan(*percents: float | None) -> list[PlanPoint]:
    return [PlanPoint(label, p) for label, p in zip(("3月底", "6月底", "10月底", "12月底"), percents)]


def test_spending_plan() -> None:
    def codes(*percents: float | None) -> set[tuple[str, tuple[str, ...], str | None]]:
        return keys(run(plan.check, tree_form({}, kind="project_target", spending_plan=_plan(*percents))))
    assert codes(25.0, 50.0, 75.0, 100.0) == set()
    leading = ("PLAN_LEADING_BLANK", ("spending_plan", "3月底"), "percent")
    assert codes(None, None, 50.0, 100.0) == {leading}
    assert codes(None, None, 100.0, None) == {("PLAN_NOT_100", ("spending_plan", "12月底"), "percent"), leading}
    assert codes(25.0, 20.0, 75.0, 90.0) == {("PLAN_NOT_CUMULATIVE", ("spending_plan", "6月底"), "percent"),
                                             ("PLAN_NOT_100", ("spending_plan", "12月底"), "percent")}
    assert codes(None, None, None, None) == {("PLAN_NOT_100", ("spending_plan", "12月底"), "percent")}


def test_unit_cost_times_quantity_over_budget_and_cost_far_below_target() -> None:
    form = tree_form({"产出": {
        "产出数量": [Leaf(name="康复服务人数(人)", target=">=100人"), Leaf(name="托养人数(人)", target=">=50人")],
        "产出成本": [Leaf(name="康复服务(万元/人/年)", target="<=0.02万元"),
                     Leaf(name="托养(万元/人/年)", target="<=0.3万元", actual="0.1万元")]}},
        kind="evaluation", funds=Funds(rows=[FundsRow("年度资金总额", 16.9, 16.9, 16.9)]))
    found = run(costs.check, form)
    # 0.02 × 100 + 0.3 × 50 = 17 万元 > 16.9 万元; 0.1 < 0.3 × 50%
    assert keys(found) == {("UNIT_COST_OVER_BUDGET", ("目标1", "产出", "产出成本"), None),
                           ("COST_FAR_BELOW_TARGET", ("目标1", "产出", "产出成本", "托养(万元/人/年)"), "actual")}
    assert "= 17万元" in next(f.message for f in found if f.code == "UNIT_COST_OVER_BUDGET")
    form.funds.rows[0].annual = 17  # type: ignore[union-attr]
    assert {f.code for f in run(costs.check, form)} == {"COST_FAR_BELOW_TARGET"}


def _basic(rows: list[DataRow], section: str = "经费控制情况(万元)",
           columns: tuple[str, ...] = ("2022年决算数", "2023年预算数")) -> list[DataSection]:
    return [DataSection(section, list(columns), rows)]


def test_basic_data_sums_subsets_and_ratios() -> None:
    rows = [DataRow("“三公”经费", [2, 3]), DataRow("1、公务用车购置和维护经费", [1, None]),
            DataRow("其中：公车购置", [1, None]), DataRow("公车运行维护", [0.5, None]),
            DataRow("2、出国经费", [None, None]), DataRow("3、公务接待", [1, 3]),
            DataRow("公用经费", [10, 10]), DataRow("其中：办公经费", [6, 3]), DataRow("会议费、培训费", [5, 3]),
            DataRow("政府采购金额", [20, 20])]
    sec = "经费控制情况(万元)"
    found = keys(run(basic_data.check, tree_form({}, kind="dept_basic_data", basic_data=_basic(rows))))
    assert found == {("FUNDS_SUM_MISMATCH", ("basic_data", sec, "1、公务用车购置和维护经费"), "2022年决算数"),
                     ("SUBSET_EXCEEDS_TOTAL", ("basic_data", sec, "公用经费"), "2022年决算数"),
                     ("BASIC_SUM_MISMATCH", ("basic_data", sec, "公用经费"), "2023年预算数")}
    staff = _basic([DataRow("财政供养人员", [30, 27, 1.0])], "财政供养人员情况(人)", ("编制数", "在职", "控制率"))
    found = run(basic_data.check, tree_form({}, kind="dept_basic_data", basic_data=staff))
    assert keys(found) == {("RATE_MISMATCH", ("basic_data", "财政供养人员情况(人)", "财政供养人员"), "控制率")}
    assert "90.00%" in found[0].message
    build = _basic([DataRow("楼堂馆所", [0, 0, 0, 0, 0, None])], "楼堂馆所控制情况(2023年完工项目)",
                   ("批复规模(m²)", "实际规模(m²)", "规模控制率", "预算投资(万元)", "实际投资(万元)", "投资概算控制率"))
    found = keys(run(basic_data.check, tree_form({}, kind="dept_basic_data", basic_data=build)))
    assert found == {("ZERO_DENOMINATOR", ("basic_data", "楼堂馆所控制情况(2023年完工项目)", "楼堂馆所"), "规模控制率")}


def test_income_and_spending_totals_of_a_department_form_must_agree() -> None:
    # Seed 003 附件2: income 581.79 = 年度资金总额, spending 353.08 + 652.59 = 1005.67.
    def form(income: float, spending: tuple[float, float]):  # type: ignore[no-untyped-def]
        return tree_form({}, kind="dept_self_eval", funds=Funds(
            rows=[FundsRow("年度资金总额", 581.79, 581.79, 1005.67)],
            by_income=[Amount("一般公共预算", income), Amount("政府性基金拨款", None)],
            by_spending=[Amount("基本支出", spending[0]), Amount("项目支出", spending[1])]))
    found = run(funds.check, form(581.79, (353.08, 652.59)))
    assert keys(found) == {("FUNDS_SUM_MISMATCH", ("funds", "按支出性质分"), "by_spending")}
    assert "581.79万元" in found[0].message and "1005.67万元" in found[0].message
    assert "收入合计与年度资金总额一致" in found[0].message
    assert keys(run(funds.check, form(581.79, (300, 281.79)))) == set()
    assert keys(run(funds.check, form(1005.67, (353.08, 652.59)))) == {
        ("FUNDS_SUM_MISMATCH", ("funds", "按收入性质分"), "by_income")}


def test_public_funds_against_its_filled_sub_rows() -> None:
    # Seed 003 附件1: 2023 预算 公用经费 18.3 against 3.9 + 8.4 + 3 = 15.3; 2022 adds up.
    sec = "经费控制情况(万元)"
    rows = [DataRow("公用经费", [16.5, 18.3]), DataRow("其中：办公经费", [4.29, 3.9]),
            DataRow("水费、电费、差旅费", [8.91, 8.4]), DataRow("会议费、培训费", [3.3, 3]),
            DataRow("政府采购金额", [20, 25])]
    found = run(basic_data.check, tree_form({}, kind="dept_basic_data", basic_data=_basic(rows)))
    assert keys(found) == {("BASIC_SUM_MISMATCH", ("basic_data", sec, "公用经费"), "2023年预算数")}
    assert found[0].severity == "warning" and "3.9 + 8.4 + 3 = 15.3" in found[0].message
    rows[2] = DataRow("水费、电费、差旅费", [8.91, None])  # a blank 其中 row: the list may be partial
    assert keys(run(basic_data.check, tree_form({}, kind="dept_basic_data", basic_data=_basic(rows)))) == set()


def test_rates_written_as_percent_points_are_checked_as_percents() -> None:
    sec = ("编制数", "在职", "控制率")
    for written, codes in ((100, set()), (1.0, set()), (90, {"RATE_MISMATCH"}), (0.985, {"RATE_MISMATCH"})):
        staff = _basic([DataRow("财政供养人员", [30, 30, written])], "财政供养人员情况(人)", sec)
        found = run(basic_data.check, tree_form({}, kind="dept_basic_data", basic_data=staff))
        assert {f.code for f in found} == codes, written
    assert "表上填的是 98.50%" in found[0].message


def test_stated_subtotals_weights_and_total_rate() -> None:
    form = tree_form({"决策": {"项目立项": [Leaf(name="a", weight=15, score=15)]},
                      "过程": {"资金管理": [Leaf(name="b", weight=20, score=18)]}}, kind="evaluation",
                     stated={"subtotals": {"决策": 15, "过程": 20}, "weights": {"过程": 25}, "total_rate": "98.00%"})
    ctx = make_context(form)
    sums = {"决策": (Decimal(15), Decimal(15)), "过程": (Decimal(20), Decimal(18))}
    groups = tuple(GroupView(g.group, g.goal, g.path, g.depth,
                             GroupScore(g.group.id, g.path, *sums[g.group.name][:1], None, sums[g.group.name][1]))
                   if g.depth == 1 else g for g in ctx.groups)
    ctx = ctx.__class__(**{**ctx.__dict__, "groups": groups, "total": Decimal(33), "max_total": Decimal(35)})
    assert keys(list(stated.check(ctx))) == {("TOTAL_MISMATCH", ("stated", "subtotals", "过程"), None),
                                             ("WEIGHT_SUM_MISMATCH", ("stated", "weights", "过程"), None),
                                             ("RATE_MISMATCH", ("stated", "total_rate"), None)}


def test_evaluation_benchmarks_that_belong_to_other_rows() -> None:
    form = tree_form({"决策": {"项目立项": [Leaf(name="立项依据充分性", target="适应"),
                                            Leaf(name="立项程序规范性", target="合规"),
                                            Leaf(name="绩效指标明确性", target="明确")]},
                      "产出": {"产出时效": [Leaf(name="完工时间", target="=100%"),
                                            Leaf(name="资金及时拨付率(%)", target="2022年12月"),
                                            Leaf(name="完成时间", target="2022年12月")]}}, kind="evaluation", year=2022)
    assert {f.path[-1] for f in run(evaluation.check, form)} == {"立项依据充分性", "完工时间", "资金及时拨付率(%)"}
    form.kind = "project_self_eval"
    assert run(evaluation.check, form) == []


_text = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["≥10人", "≤5万元", "=", "是/否", "50%", "0"]))
_num = st.one_of(st.none(), st.integers(-5, 500), st.floats(allow_nan=True, allow_infinity=True))


@settings(max_examples=60, deadline=None)
@given(target=_text, actual=_text, reason=_text, weight=_num, score=_num, money=st.lists(_num, min_size=3, max_size=3),
       plan_values=st.lists(_num, max_size=4), kind=st.sampled_from(["project_self_eval", "dept_self_eval",
                                                                    "project_target", "evaluation", "dept_basic_data"]))
def test_no_check_raises_on_odd_data(target: str | None, actual: str | None, reason: str | None,
                                     weight: float | None, score: float | None, money: list[float | None],
                                     plan_values: list[float | None], kind: str) -> None:
    leaf = Leaf(name=target or "", target=target, actual=actual, reason=reason, weight=weight, score=score)
    form = tree_form({"成本指标": {"数量指标": [leaf, Leaf(name=target or "")]}}, kind=kind,
                     funds=Funds(rows=[FundsRow("合计", *money), FundsRow("其中", *reversed(money))],
                                 by_income=[Amount("x", money[0])]),
                     spending_plan=[PlanPoint(str(i), v) for i, v in enumerate(plan_values)],
                     basic_data=_basic([DataRow("“三公”经费", money), DataRow("公用经费", money)]) +
                     _basic([DataRow("r", money + money)], "楼堂馆所"),
                     stated={"subtotals": {"成本": money[0]}, "total_rate": target})
    ctx = make_context(form, funds_rate=Decimal(2))
    for check in ALL_CHECKS:
        for f in check(ctx):
            assert f.severity in ("error", "warning", "info") and f.message
