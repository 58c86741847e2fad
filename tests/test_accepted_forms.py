"""The invariant the crashes of issue #11 broke (point 7): every form the loader accepts scores,
renders to PDF and XLSX, is stored, exports and loads back equal. Forms are the samples with
values swapped for hostile ones by Hypothesis; a refusal must be the loader's own Chinese error."""
from __future__ import annotations

import copy
import io
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.codec import dumps_form, form_to_dict, load_form, loads_form
from model.errors import FormFileError, JixiaoError
from model.samples import sample_files
from model.store import Store
from resources import samples_dir

SAMPLES = [form_to_dict(load_form(p)) for p in sample_files(samples_dir())]
_hostile = st.one_of(
    st.sampled_from([1e27, -1e26, 10**30, 1e15, 1e12, 1e6, -0.0, 5e-324, "\ud800", [], {}, None, True, "",
                     "x" * 300, {"type": "bands", "bands": "x"}, {"type": "quality_floor", "floor": "x"},
                     {"type": "bands", "bands": [{"min": 0.8, "score": 2}]}, {"type": "deviation", "side": "below"},
                     {"type": "survey", "weights": [1, 0.8, 0.6, 0.3, 0]}, {"type": "qualitative", "bands": [0.8]}]),
    st.integers(-(10**16), 10**16), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30))


def _paths(doc: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(doc, dict):
        for key, value in doc.items():
            out.extend(_paths(value, (*path, key)))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            out.extend(_paths(value, (*path, i)))
    return out


@st.composite
def mutated_forms(draw: st.DrawFn) -> str:
    doc = copy.deepcopy(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(doc)[1:]))
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = copy.deepcopy(draw(_hostile))  # sampled objects are shared: never mutate them
    return json.dumps(doc)  # ASCII escapes: a lone surrogate stays valid JSON text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_forms())
def test_every_accepted_form_scores_renders_stores_and_round_trips(text: str) -> None:
    from reports import render_pdf, render_xlsx
    from ui.services.evaluation import evaluate_with_profile

    try:
        form = loads_form(text, "generated.json")
    except FormFileError:
        return  # refused in Chinese with the key path: fine
    try:
        result = evaluate_with_profile(form)
    except JixiaoError:
        result = None  # e.g. a profile name that is not shipped: said in Chinese
    if result is not None:
        render_pdf(form, result, io.BytesIO())  # type: ignore[arg-type]
        render_xlsx(form, result, io.BytesIO())  # type: ignore[arg-type]
    store = Store.memory()
    form.id = None
    form_id = store.add(form)
    exported = store.load_body(form_id)
    assert dumps_form(loads_form(exported, "exported.json")) == exported
    store.close()
