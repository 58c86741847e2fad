"""The 预算执行率 rule of the funds block (docs/rules.md §2.1) and the findings that come with it.

rate = 全年执行数 ÷ 全年预算数 of the total row; score = min(rate, 100%) × w, rounded half-up; no
silent fall-back to 年初预算数. `stated` figures are compared, never used.
"""
from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from model.form import Funds
from scoring.rounding import HUNDRED, ONE, percent_text, plain, q2, score_text, to_decimal
from scoring.result import Finding, FundsScore


def stated_percent(value: Any) -> Decimal | None:
    """A rate as the paper printed it: "4.50%" / "100.00" (text: a percentage) or 0.045 (a fraction)."""
    if isinstance(value, str):
        return to_decimal(value.strip().rstrip("%％"))
    number = to_decimal(value)
    return None if number is None else number * HUNDRED


def score_funds(funds: Funds | None, stated: Mapping[str, Any]) -> tuple[FundsScore | None, list[Finding]]:
    """The 执行率 and its score, with FUNDS_* findings; None when the form has no funds rows."""
    if funds is None or not funds.rows:
        return None, []
    findings: list[Finding] = []
    weight = to_decimal(funds.weight)
    total_row = funds.rows[0]
    if weight is not None:
        for row in funds.rows:
            if row.annual is None and (row.initial is not None or row.executed is not None):
                findings.append(Finding(
                    "warning", "FUNDS_ANNUAL_MISSING", ("funds", row.name),
                    f"资金表“{row.name}”行的全年预算数为空，但填写了年初预算数或全年执行数；执行率按全年预算数计算，"
                    "不会用年初预算数代替，请填写全年预算数（含年中追加、调减）", "annual"))
    annual, executed = to_decimal(total_row.annual), to_decimal(total_row.executed)
    rate: Decimal | None = None
    computed: Decimal | None = None
    if annual is None or executed is None:
        explanation = "全年预算数或全年执行数未填写，无法计算执行率"
        if weight is not None and funds.score is None:
            findings.extend(_unscored(total_row.name, annual, executed, weight))
    elif annual <= 0:
        explanation = f"全年预算数为 {plain(annual)}，无法计算执行率"
        if executed > 0 and weight is not None and total_row.annual is not None:
            findings.append(Finding("warning", "FUNDS_ANNUAL_MISSING", ("funds", total_row.name),
                                    f"“{total_row.name}”全年预算数为 0，但全年执行数为 {plain(executed)}，"
                                    "请填写调整后的全年预算数", "annual"))
    else:
        rate = executed / annual
        explanation = f"{plain(executed)} ÷ {plain(annual)} = {percent_text(rate)}"
        if weight is not None:
            computed = q2(min(rate, ONE) * weight)
            capped = "超过 100% 按 100% 计，" if rate > ONE else ""
            explanation += f"；{capped}{percent_text(min(rate, ONE))} × {plain(weight)} = {score_text(computed)}"
        if rate > ONE:
            findings.append(Finding(
                "warning", "FUNDS_OVER_100", ("funds", total_row.name),
                f"全年执行数 {plain(executed)} 超过全年预算数 {plain(annual)}，执行率 {percent_text(rate)}；"
                "得分已按分值封顶。请核实全年预算数是否包含追加预算，并在实际完成情况中说明原因", "executed"))
    manual = to_decimal(funds.score)
    if manual is not None and computed is not None and manual != computed:
        findings.append(Finding("warning", "FUNDS_SCORE_MISMATCH", ("funds",),
                                f"执行率得分填写为 {plain(manual)}，按执行率计算应为 {score_text(computed)}，请核对",
                                "score"))
    findings.extend(_stated(stated, rate, computed, manual))
    score = q2(manual) if manual is not None else computed  # a typed score is rounded like a computed one
    return FundsScore(rate, weight, score, computed, explanation), findings


def _unscored(row: str, annual: Decimal | None, executed: Decimal | None, weight: Decimal) -> list[Finding]:
    """Why the 执行率 (worth `weight` points) cannot be scored: the total row lacks a figure."""
    if annual is None and executed is None:
        return [Finding("warning", "FUNDS_ANNUAL_MISSING", ("funds", row),
                        f"资金表“{row}”行还没有填写全年预算数和全年执行数，执行率（{plain(weight)} 分）无法计分；"
                        "请填写这两个数", "annual")]
    if executed is None:
        return [Finding("error", "ACTUAL_MISSING", ("funds", row),
                        f"资金表“{row}”行的全年执行数为空，执行率（{plain(weight)} 分）无法计分；"
                        "请填写全年实际支出的金额", "executed")]
    return []  # annual missing with executed given: FUNDS_ANNUAL_MISSING above says so


def _stated(stated: Mapping[str, Any], rate: Decimal | None, computed: Decimal | None,
            manual: Decimal | None) -> list[Finding]:
    out = []
    printed_rate = stated_percent(stated.get("funds_rate"))
    if printed_rate is not None and rate is not None and q2(printed_rate) != q2(rate * HUNDRED):
        out.append(Finding("warning", "FUNDS_RATE_MISMATCH", ("stated", "funds_rate"),
                           f"表上执行率为 {plain(printed_rate)}%，按全年执行数 ÷ 全年预算数计算应为 "
                           f"{percent_text(rate)}（保留两位小数、四舍五入），请改正"))
    printed_score = to_decimal(stated.get("funds_score"))
    if printed_score is not None and computed is not None and manual is None and printed_score != computed:
        out.append(Finding("warning", "FUNDS_SCORE_MISMATCH", ("funds",),
                           f"表上执行率得分为 {plain(printed_score)}，按执行率计算应为 {score_text(computed)}"
                           "（保留两位小数、四舍五入），请改正", "score"))
    return out
