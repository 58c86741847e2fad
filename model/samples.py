"""Sample forms for a new user: loaded once into an empty database on first start."""
from __future__ import annotations

import json
from pathlib import Path

from model.codec import load_form
from model.store import Store

SEEDED_KEY = "samples_loaded"
SAMPLE_IDS_KEY = "sample_form_ids"  # JSON list: the forms of the made-up sample unit


def sample_files(folder: Path) -> list[Path]:
    """The sample form files, in name order."""
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def seed_if_new(store: Store, folder: Path) -> int:
    """Fill an empty, never-seeded database with the sample forms.

    A user who later deletes every form does not get the samples back: the first start is
    remembered in the settings.

    Returns:
        How many forms were added.
    """
    if store.get_setting(SEEDED_KEY) or not store.is_empty():
        return 0
    forms = [load_form(p) for p in sample_files(folder)]
    with store.db.atomic():
        ids = [store.add(form) for form in forms]
        store.set_setting(SEEDED_KEY, "1")
        store.set_setting(SAMPLE_IDS_KEY, json.dumps(ids))
    return len(forms)


def sample_ids(store: Store) -> frozenset[str]:
    """The ids of the sample forms put in at first start (the bureau's summary leaves them out)."""
    try:
        ids = json.loads(store.get_setting(SAMPLE_IDS_KEY, "[]"))
    except ValueError:
        return frozenset()
    return frozenset(str(i) for i in ids) if isinstance(ids, list) else frozenset()


def add_samples(store: Store, folder: Path) -> int:
    """Add every sample form that is not stored yet (the `samples` command); returns how many."""
    forms = [load_form(p) for p in sample_files(folder)]
    added = 0
    ids: list[str] = []
    with store.db.atomic():
        for form in forms:
            if form.id and store.revision(form.id) is not None:
                continue
            ids.append(store.add(form))
            added += 1
        store.set_setting(SEEDED_KEY, "1")
        store.set_setting(SAMPLE_IDS_KEY, json.dumps(sorted(sample_ids(store) | set(ids))))
    return added
