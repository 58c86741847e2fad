"""The bureau's 汇总表 of the stored forms, shared by the bureau window and the `summary` command.

    load_summary(store, year=None, unit=None) -> Summary   every stored form scored with its own profile

A form that cannot be read or scored (unknown profile, invalid inline rules) keeps its row, with the
reason in 备注 (reports/summary_rows.py), so one bad form never hides the others; `unreadable_rows`
lists the unreadable ones for the command line, which names them and exits 1.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reports.summary_rows import Summary, SummaryRow, build_summary
from ui.services.evaluation import evaluate_with_profile

if TYPE_CHECKING:
    from model.store import Store  # annotations only: the CLI imports this module for every command

UNREADABLE = "无法读取："


def load_summary(store: Store, year: int | None = None, unit: str | None = None,
                 made: dt.datetime | None = None, samples: bool = False) -> Summary:
    """The 汇总表 of the stored forms (optionally of one year or one unit); the sample forms put in
    at first start (a made-up unit) only when asked for."""
    from model.samples import sample_ids

    skip = frozenset() if samples else sample_ids(store)
    listed = [s for s in store.list_forms(year=year, unit=unit) if s.id not in skip]
    forms, unreadable = store.load_each([s.id for s in listed])
    revisions = {s.id: s.revision for s in listed}
    reasons = dict(unreadable)
    rows = [SummaryRow(s.id, s.unit, s.year, s.kind, s.project or s.title, s.revision, None, None, None,
                       f"{UNREADABLE}{reasons[s.id]}", state="—") for s in listed if s.id in reasons]
    return build_summary([(f, revisions[str(f.id)]) for f in forms], made or store.clock(),
                         evaluate_with_profile, rows)


def unreadable_rows(summary: Summary) -> list[SummaryRow]:
    """The rows of stored forms that could not be read (their reason is the note)."""
    return [row for row in summary.rows if row.note.startswith(UNREADABLE)]
