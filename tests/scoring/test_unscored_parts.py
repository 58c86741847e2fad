"""Parts of a scored form that cannot be scored yet say so (the total would silently lack points)."""
from __future__ import annotations

from model.form import Form, FundsRow
from model.tree import leaves
from resources.profile_files import load_profile_data
from scoring import evaluate
from tests.conftest import make_sample_form


def _codes(form: Form) -> dict[str, tuple[tuple[str, ...], str | None, str]]:
    result = evaluate(form, load_profile_data("central-2020"))
    return {f.code: (f.path, f.field, f.severity) for f in result.findings}


def test_blank_executed_amount_is_reported() -> None:
    form = make_sample_form()
    assert form.funds is not None
    form.funds.rows[0] = FundsRow("年度资金总额", 40, 40, None)
    found = _codes(form)
    assert found["ACTUAL_MISSING"] == (("funds", "年度资金总额"), "executed", "error")


def test_an_empty_funds_total_row_is_reported() -> None:
    form = make_sample_form()
    assert form.funds is not None
    form.funds.rows[0] = FundsRow("年度资金总额")
    assert _codes(form)["FUNDS_ANNUAL_MISSING"] == (("funds", "年度资金总额"), "annual", "warning")


def test_a_typed_funds_score_needs_no_figures() -> None:
    form = make_sample_form()
    assert form.funds is not None
    form.funds.rows[0] = FundsRow("年度资金总额")
    form.funds.score = 10
    assert "FUNDS_ANNUAL_MISSING" not in _codes(form)


def test_a_qualitative_leaf_without_a_tier_is_reported() -> None:
    form = make_sample_form()
    leaf = next(leaves(form))
    leaf.target, leaf.actual, leaf.tier = "明显改善", "有所改善", None
    path, field, severity = _codes(form)["TIER_MISSING"]
    assert path[-1] == leaf.name and field == "tier" and severity == "warning"
    leaf.tier = "部分达成"
    assert "TIER_MISSING" not in _codes(form)
    leaf.tier, leaf.score = None, 15  # a typed score in force needs no tier
    assert "TIER_MISSING" not in _codes(form)


def test_identifying_header_fields_are_required_the_signature_line_is_not() -> None:
    form = make_sample_form()
    form.header.pop("department")
    form.header["implementing_unit"] = "  "
    form.header.pop("preparer")
    form.header.pop("phone")
    result = evaluate(form, load_profile_data("central-2020"))
    missing = sorted((f.path, f.field) for f in result.findings if f.code == "HEADER_MISSING")
    assert missing == [(("header", "department"), "department"), (("header", "implementing_unit"), "implementing_unit")]
    assert all("主管部门" in f.message or "实施单位" in f.message
               for f in result.findings if f.code == "HEADER_MISSING")


def test_no_grade_until_every_weighted_item_has_a_score() -> None:
    from model.skeletons import new_form

    blank = evaluate(new_form("project_self_eval", 2025, "central-2020"), load_profile_data("central-2020"))
    assert blank.total == 0 and blank.grade is None  # a blank new form is not 差
    form = make_sample_form()
    complete = evaluate(form, load_profile_data("central-2020"))
    assert complete.grade is not None
    next(leaves(form)).actual = None  # one weighted leaf without a score
    assert evaluate(form, load_profile_data("central-2020")).grade is None
