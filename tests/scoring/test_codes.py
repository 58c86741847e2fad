"""One code, one severity: the table in scoring/codes.py, what evaluate() reports, and the users' docs."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.codec import load_form
from resources.profile_files import load_profile_data
from scoring import evaluate
from scoring.codes import SEVERITY, SEVERITY_LABEL, sync_severity_column
from scoring.rules.profile import profile_for
from tests.conftest import FIXTURES, REPO

DOC_NAMES = {"错误": "error", "警告": "warning", "提示": "info", "提示/警告": None}
FORMS = sorted(p for p in (FIXTURES / "seeds").glob("*.json") if not p.name.endswith(".expect.json"))


def test_docs_list_every_code_with_its_severity() -> None:
    rows = re.findall(r"^\| ([A-Z][A-Z_0-9]+) \| ([^|]+?) \|", (REPO / "docs" / "findings.md").read_text("utf-8"),
                      re.M)
    assert {code: DOC_NAMES[sev.strip()] for code, sev in rows} == SEVERITY


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.stem)
def test_every_reported_code_is_known_and_has_its_severity(path: Path) -> None:
    form = load_form(path)
    result = evaluate(form, profile_for(form.rules, form.profile_name(), load_profile_data))
    for f in result.findings:
        assert f.code in SEVERITY, f"{f.code} is missing from scoring/codes.py and docs/findings.md"
        if SEVERITY[f.code] is not None:
            assert f.severity == SEVERITY[f.code], f.code


@pytest.mark.parametrize("doc", ["findings.md", "scoring.md"])
def test_docs_severity_columns_are_generated_from_the_code_table(doc: str) -> None:
    text = (REPO / "docs" / doc).read_text("utf-8")
    assert sync_severity_column(text) == text, f"run `make docs-codes`: docs/{doc} disagrees with scoring/codes.py"
    for code, label in re.findall(r"^\| ([A-Z][A-Z_0-9]+) \| ([^|]+?) \|", text, re.M):
        assert code in SEVERITY, f"docs/{doc} lists {code}, which scoring/codes.py does not know"
        assert label.strip() == SEVERITY_LABEL[SEVERITY[code]]


def test_sync_rewrites_a_wrong_severity_and_keeps_the_rest() -> None:
    text = "| TOTAL_MISMATCH | 警告 | 表上总分与合计不同 |\n| NOT_A_CODE_X | 警告 | x |\n"
    assert sync_severity_column(text) == "| TOTAL_MISMATCH | 错误 | 表上总分与合计不同 |\n| NOT_A_CODE_X | 警告 | x |\n"
