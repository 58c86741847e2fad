"""Fixtures for the narrative report: every sample and seed fixture of a report kind, scored."""
from __future__ import annotations

from pathlib import Path

from model.codec import load_form
from model.form import Form
from resources import samples_dir
from scoring.result import Result
from tests.conftest import FIXTURES
from ui.services.evaluation import evaluate_with_profile as score

REPORT_KINDS = ("project_self_eval", "dept_self_eval", "evaluation")
ALL = sorted(samples_dir().glob("*.json")) + sorted(
    p for p in (FIXTURES / "seeds").glob("*.json") if not p.name.endswith(".expect.json"))
REPORTABLE = [p for p in ALL if load_form(p).kind in REPORT_KINDS]


def scored(path: Path) -> tuple[Form, Result]:
    """A form file and its Result."""
    form = load_form(path)
    return form, score(form)


def sample(name: str) -> tuple[Form, Result]:
    """A sample form by file-name fragment (06-seed003_dept …)."""
    (path,) = [p for p in samples_dir().glob("*.json") if name in p.name]
    return scored(path)
