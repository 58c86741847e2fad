"""Every finding expected in tests/fixtures/seeds/*.expect.json is produced by scoring.evaluate,
with the same code, at the same path, on the same field where the expectation names one."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from model import load_form
from resources.profile_files import load_profile_data
from scoring import evaluate
from scoring.rules.profile import profile_for
from scoring.result import Result

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
CASES = sorted(p.name[: -len(".expect.json")] for p in SEEDS.glob("*.expect.json"))
_results: dict[str, Result] = {}


def _result(name: str) -> Result:
    if name not in _results:
        form = load_form(SEEDS / f"{name}.json")
        _results[name] = evaluate(form, profile_for(form.rules, form.profile_name(), load_profile_data))
    return _results[name]


def _expected(name: str) -> list[dict[str, Any]]:
    return list(json.loads((SEEDS / f"{name}.expect.json").read_text(encoding="utf-8")).get("findings", []))


@pytest.mark.parametrize("name", CASES)
def test_every_expected_finding_is_reported(name: str) -> None:
    found = _result(name).findings
    missing = []
    for exp in _expected(name):
        hits = [f for f in found if f.code == exp["code"] and list(f.path) == exp["path"]
                and (exp.get("field") is None or f.field == exp["field"])]
        if not hits:
            missing.append(f"{exp['code']} {'/'.join(exp['path'])} {exp.get('field') or ''}: {exp.get('why', '')}")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("name", CASES)
def test_findings_are_well_formed(name: str) -> None:
    for f in _result(name).findings:
        assert f.severity in ("error", "warning", "info")
        assert f.code.isupper() and f.path and f.message
        # Messages are for people: Chinese, and never a bare code.
        assert any("\u4e00" <= ch <= "\u9fff" for ch in f.message)
