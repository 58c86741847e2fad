"""Fixtures for the narrative report: every sample and seed fixture of a report kind, scored."""
from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from model.codec import load_form
from model.form import Form
from resources import samples_dir
from scoring.result import Result
from tests.conftest import FIXTURES
from ui.services.evaluation import evaluate_with_profile as score

REPORT_KINDS = ("project_self_eval", "dept_self_eval", "evaluation")
ALL = sorted(samples_dir().glob("*.json")) + sorted(
    p for p in (FIXTURES / "seeds").glob("*.json") if not p.name.endswith(".expect.json"))
# The kind is read from the JSON, not through load_form: building forms while tests are collected made
# tests/ui/test_form_editor.py segfault later in the same process (a latent GC fault in the UI code).
REPORTABLE = [p for p in ALL if json.loads(p.read_text("utf-8")).get("kind") in REPORT_KINDS]


def scored(path: Path) -> tuple[Form, Result]:
    """A form file and its Result."""
    form = load_form(path)
    return form, score(form)


def sample(name: str) -> tuple[Form, Result]:
    """A sample form by file-name fragment (06-seed003_dept …)."""
    (path,) = [p for p in samples_dir().glob("*.json") if name in p.name]
    return scored(path)


@pytest.fixture(autouse=True, scope="module")
def _collect_garbage() -> Iterator[None]:
    """Free the reports' garbage before the next module (see docs/narrative.md: a UI test segfaults when a
    later automatic collection meets it)."""
    yield
    gc.collect()
