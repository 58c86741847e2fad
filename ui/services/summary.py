"""The bureau's 汇总表 of the stored forms, shared by the bureau window and the `summary` command.

    load_summary(store, year=None, unit=None) -> Summary   every stored form scored with its own profile

A form that cannot be scored (unknown profile, invalid inline rules) keeps its row, with the reason
in 备注 (reports/summary_rows.py), so one bad form never hides the others.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reports.summary_rows import Summary, build_summary
from ui.services.evaluation import evaluate_with_profile

if TYPE_CHECKING:
    from model.store import Store  # annotations only: the CLI imports this module for every command


def load_summary(store: Store, year: int | None = None, unit: str | None = None,
                 made: dt.datetime | None = None, samples: bool = False) -> Summary:
    """The 汇总表 of the stored forms (optionally of one year or one unit); the sample forms loaded
    at first start (a made-up unit) only when asked for."""
    from model.samples import sample_ids

    skip = frozenset() if samples else sample_ids(store)
    forms = [(store.load(s.id), s.revision) for s in store.list_forms(year=year, unit=unit) if s.id not in skip]
    return build_summary(forms, made or store.clock(), evaluate_with_profile)
