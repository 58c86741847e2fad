"""The signed content of a stored form, found again among its revisions, and what changed since.

Signing saves through Store.save_keeping, so the revision that was signed stays either current or
in form_history. Its body is the one whose fingerprint the record holds.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from model.codec import loads_form
from model.errors import JixiaoError
from model.form import Form
from model.form_diff import Change, diff
from model.signoff import body_fingerprint

if TYPE_CHECKING:
    from model.store import Store  # annotations only: `render FILE` loads no database library


def signed_form(store: Store, form: Form) -> Form | None:
    """The revision of `form` whose body matches its fingerprint (newest first), or None."""
    record = form.signoff
    if record is None or record.fingerprint is None or form.id is None:
        return None
    if body_fingerprint(form) == record.fingerprint:
        return form
    for entry in store.history_entries(form.id):
        try:
            kept = loads_form(store.history_body(entry.id), f"表格 {form.id} 的第 {entry.revision} 版")
        except JixiaoError:
            continue
        if body_fingerprint(kept) == record.fingerprint:
            return kept
    return None


def changes_since_signing(store: Store, form: Form) -> list[Change] | None:
    """What changed since the last signing ([] when nothing); None when never signed or not found."""
    signed = signed_form(store, form)
    return None if signed is None else diff(signed, form)
