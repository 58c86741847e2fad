"""Every finding code and its one severity; docs/findings.md is the users' copy of this table.

Checks and rules name a severity where they emit a finding; evaluate() settles it from this table so
that one code always means one severity (a test keeps the table, the code and the docs in step).
`None`: the severity depends on the case (UNIT_MISMATCH: a missing unit is a hint, a different
unit a warning).
"""
from __future__ import annotations

SEVERITY: dict[str, str | None] = {
    "HEADER_MISSING": "warning",
    "FUNDS_RATE_MISMATCH": "warning",
    "FUNDS_SCORE_MISMATCH": "warning",
    "FUNDS_SUM_MISMATCH": "error",
    "FUNDS_ANNUAL_MISSING": "warning",
    "FUNDS_INITIAL_MISSING": "warning",
    "FUNDS_OVER_100": "warning",
    "SCORE_MISMATCH": "warning",
    "SCORE_OVER_WEIGHT": "error",
    "QUAL_TIER_BAND": "warning",
    "QUAL_MET_LOW_SCORE": "warning",
    "TIER_MISSING": "warning",
    "WEIGHT_SUM_MISMATCH": "error",
    "TOTAL_WEIGHT_NOT_100": "warning",
    "TOTAL_MISMATCH": "error",
    "RATE_MISMATCH": "error",
    "RULE_GAP": "warning",
    "RULE_MAX_NE_WEIGHT": "warning",
    "SHARE_MISMATCH": "warning",
    "RULE_UNKNOWN": "error",
    "BLANK_ROW": "info",
    "TARGET_MISSING": "error",
    "ACTUAL_MISSING": "error",
    "ACTUAL_NOT_VALUE": "warning",
    "TARGET_PLACEHOLDER": "warning",
    "TARGET_NOT_MEASURABLE": "info",
    "UNIT_MISMATCH": None,
    "PERCENT_AS_FRACTION": "info",
    "DECIMAL_COMMA": "warning",
    "DEADLINE_OUTSIDE_YEAR": "warning",
    "DIRECTION_SUSPECT": "warning",
    "CATEGORY_SUSPECT": "warning",
    "DUPLICATE_INDICATOR": "warning",
    "BENCHMARK_MISALIGNED": "warning",
    "UNIT_COST_OVER_BUDGET": "warning",
    "COST_FAR_BELOW_TARGET": "warning",
    "REASON_MISSING": "warning",
    "OVER_TARGET_NO_REASON": "warning",
    "REASON_BOILERPLATE": "info",
    "PLAN_NOT_CUMULATIVE": "error",
    "PLAN_NOT_100": "error",
    "SUBSET_EXCEEDS_TOTAL": "error",
    "ZERO_DENOMINATOR": "warning",
    "CROSS_FORM_MISMATCH": "warning",
    # check-report: a narrative report's figures against the forms and its own arithmetic.
    "NARRATIVE_SUM_MISMATCH": "warning",
    "NARRATIVE_RATE_MISMATCH": "warning",
    "NARRATIVE_SCORE_MISMATCH": "warning",
    "NARRATIVE_GRADE_MISMATCH": "warning",
    "NARRATIVE_COUNT_MISMATCH": "warning",
    "NARRATIVE_SHARE_MISMATCH": "warning",
    "NARRATIVE_PART_EXCEEDS_TOTAL": "error",
    "NARRATIVE_UNCHECKED": "info",
}
