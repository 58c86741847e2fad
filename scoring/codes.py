"""Every finding code and its one severity; the 级别 columns of docs/findings.md and docs/scoring.md
are generated from this table (`make docs-codes`, sync_severity_column below; a test checks them).

Checks and rules name a severity where they emit a finding; evaluate() settles it from this table so
that one code always means one severity (a test keeps the table, the code and the docs in step).
`None`: the severity depends on the case (UNIT_MISMATCH: a missing unit is a hint, a different
unit a warning).
"""
from __future__ import annotations

import re

from scoring.result import SEVERITY_LABELS

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
    "BASIC_SUM_MISMATCH": "warning",
    "ZERO_DENOMINATOR": "warning",
    "CROSS_FORM_MISMATCH": "warning",
    # Round 2 (issue #14)
    "GOAL_TEXT_MISMATCH": "warning",
    "HEADER_YEAR_MISMATCH": "warning",
    "HEADER_DEPARTMENT_SUSPECT": "warning",
    "HEADER_UNIT_MISMATCH": "warning",
    "FUNDS_CROSS_MISMATCH": "warning",
    "TOTAL_BLANK": "warning",
    "PLAN_LEADING_BLANK": "info",
    "COST_OVER_REASON_WEAK": "warning",
    "REASON_ARITHMETIC_MISMATCH": "warning",
    "REASON_COPIED": "info",
    "TIMELINESS_MISSING": "warning",
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


# How the docs name a severity (the 级别 column); None is the case-dependent UNIT_MISMATCH.
SEVERITY_LABEL: dict[str | None, str] = {None: "提示/警告"}
SEVERITY_LABEL.update(SEVERITY_LABELS)
_CODE_ROW_RE = re.compile(r"^(\| ([A-Z][A-Z_0-9]+) \| )([^|]*?)( \|)", re.M)


def sync_severity_column(markdown: str) -> str:
    """The markdown with the 级别 cell of every `| CODE | 级别 | …` table row set from SEVERITY.

    Rows whose code is not in SEVERITY are left as they are (a test reports them).
    """
    def fix(match: re.Match[str]) -> str:
        code = match.group(2)
        if code not in SEVERITY:
            return match.group(0)
        return f"{match.group(1)}{SEVERITY_LABEL[SEVERITY[code]]}{match.group(4)}"

    return _CODE_ROW_RE.sub(fix, markdown)


# Codes that only say something is not filled in yet: the checker lists them together as 未填写
# (a blank new form showed a wall of red errors for what is simply still to do).
NOT_FILLED: frozenset[str] = frozenset({"HEADER_MISSING", "FUNDS_ANNUAL_MISSING", "FUNDS_INITIAL_MISSING",
                                        "TARGET_MISSING", "ACTUAL_MISSING"})
