"""Helpers shared by the UI tests (imported by them; never import one test file from another)."""
from __future__ import annotations

from model.form import Form, Leaf
from model.store import Store
from model.tree import leaves
from tests.conftest import make_sample_form
from ui.editing.session import FormSession
from ui.tree_view import IndicatorTreeView


def open_session(store: Store, form: Form | None = None) -> FormSession:
    """Store a form (the sample by default) and open a session on it with the real engine."""
    form_id = store.add(form or make_sample_form())
    return FormSession(store, form_id)


def leaf_named(session: FormSession, name: str) -> Leaf:
    """The session's leaf with this name (the first one)."""
    return next(leaf for leaf in leaves(session.form) if leaf.name == name)


def col(view: IndicatorTreeView, title: str) -> int:
    """The index of the tree's column with this title."""
    return [c.title for c in view.tree_model.columns].index(title)
