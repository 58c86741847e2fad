"""Fixtures for report tests: seed forms with their Result from the real scoring engine."""
from __future__ import annotations

from pathlib import Path

import pytest

from model.codec import load_form
from model.form import Form
from resources.profile_files import load_profile_data
from scoring import evaluate
from scoring.rules.profile import profile_for
from scoring.result import Result
from tests.conftest import FIXTURES

SEEDS = sorted(p for p in (FIXTURES / "seeds").glob("*.json") if not p.name.endswith(".expect.json"))


def scored(path: Path) -> tuple[Form, Result]:
    """Load a fixture form and score it with its own profile."""
    form = load_form(path)
    return form, evaluate(form, profile_for(form.rules, form.profile_name(), load_profile_data))


@pytest.fixture(scope="module")
def seed() -> dict[str, tuple[Form, Result]]:
    """Every seed fixture by file stem, scored once per test module."""
    return {p.stem: scored(p) for p in SEEDS}
