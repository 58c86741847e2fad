"""The form codec at the edges: duplicate keys, deep nesting, numbers at the limits, Unicode forms,
unknown keys named like known ones elsewhere."""
from __future__ import annotations

import json
import math
import unicodedata
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.codec import _FORM_KEYS, _LEAF_KEYS, MAX_NESTING, dumps_form, form_to_dict, loads_form
from model.errors import FormFileError
from tests.conftest import make_sample_form


def _doc() -> dict[str, Any]:
    return form_to_dict(make_sample_form())


def _deep(levels: int) -> Any:
    value: Any = "底"
    for _ in range(levels):
        value = {"下一层": value}
    return value


@pytest.mark.parametrize("text, key", [
    ('{"schema": "jixiao.form/1", "kind": "project_self_eval", "kind": "evaluation", "year": 2024, "goals": []}',
     "kind"),
    ('{"schema": "jixiao.form/1", "kind": "project_self_eval", "year": 2024, "header": {"preparer": "张明", '
     '"preparer": "李华"}, "goals": []}', "preparer"),
])
def test_a_key_written_twice_is_refused_like_in_packages(text: str, key: str) -> None:
    # json.loads alone keeps the last value: a hand-edited file would silently lose the first one.
    with pytest.raises(FormFileError, match=f"同一处写了两个“{key}”.*请删去其中一个"):
        loads_form(text, "dup.json")


@pytest.mark.parametrize("levels", [MAX_NESTING, 200, 600])
def test_deep_nesting_in_unknown_keys_is_refused_in_chinese(levels: int) -> None:
    doc = _doc()
    doc["x_future"] = _deep(levels)  # with the form's own level: one past the limit at least
    with pytest.raises(FormFileError, match="嵌套层数"):
        loads_form(json.dumps(doc, ensure_ascii=False), "deep.json")


def test_nesting_just_inside_the_limit_round_trips() -> None:
    doc = _doc()
    doc["x_future"] = _deep(MAX_NESTING - 2)
    once = dumps_form(loads_form(json.dumps(doc, ensure_ascii=False)))
    assert dumps_form(loads_form(once)) == once


@pytest.mark.parametrize("number", ["1" + "0" * 400, "-" + "9" * 310])
def test_an_integer_beyond_float_range_is_refused_at_its_key(number: str) -> None:
    text = json.dumps(_doc(), ensure_ascii=False).replace('"weight": 10', f'"weight": {number}', 1)
    with pytest.raises(FormFileError) as err:
        loads_form(text, "huge.json")
    assert err.value.key_path == "funds.weight" and "过大" in str(err.value)
    assert len(str(err.value)) < 200  # the 400 digits are not printed


def test_an_integer_with_more_digits_than_python_reads_is_not_json_for_us() -> None:
    text = json.dumps(_doc()).replace('"weight": 10', '"weight": ' + "9" * 5000, 1)
    with pytest.raises(FormFileError, match="不是有效的 JSON"):
        loads_form(text, "digits.json")


# Weights and scores up to 1e6 (model/form_limits.py POINTS_BOUND; money up to 1e12): the largest
# allowed values round-trip too.
_edge_numbers = st.sampled_from([0, -0.0, 0.0, 1e6, -1e6, 5e-324, 2**19 + 1, -(10**6), 999_999, 0.1, 1 / 3])
_numbers = _edge_numbers | st.floats(-1e6, 1e6) | st.integers(-(10**6), 10**6)
_texts = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), max_size=8)
# Unknown keys spelled like known keys of other levels, and the same word in two Unicode forms.
_KNOWN_ELSEWHERE = ["weight", "children", "goals", "schema", "rows", "title", "rule",
                    unicodedata.normalize("NFC", "名称é"), unicodedata.normalize("NFD", "名称é")]
_extra = st.dictionaries(st.sampled_from(_KNOWN_ELSEWHERE) | _texts, _numbers | _texts, max_size=4)


@st.composite
def _nasty_docs(draw: st.DrawFn) -> dict[str, Any]:
    doc = _doc()
    leaf = doc["goals"][0]["indicators"][0]["children"][0]["children"][0]
    leaf["weight"], leaf["score"] = draw(_numbers), draw(st.none() | _numbers)
    leaf["name"] = draw(_texts.map(lambda t: unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), t + "é")))
    for key, value in draw(_extra).items():
        # Only keys a leaf does not know: a known one ("process", "tier" …) is typed and checked,
        # and "children" would make it a group.
        if key not in (*_LEAF_KEYS, "children"):
            leaf.setdefault(key, value)
    for key, value in draw(_extra).items():
        if key not in _FORM_KEYS:  # known at the top: typed, not kept as unknown
            doc[key] = value
    doc["funds"]["rows"][0]["initial"] = draw(_numbers)
    return doc


@settings(max_examples=200, deadline=None)
@given(_nasty_docs())
def test_nasty_forms_round_trip_exactly(doc: dict[str, Any]) -> None:
    once = dumps_form(loads_form(json.dumps(doc, ensure_ascii=False)))
    assert dumps_form(loads_form(once)) == once
    leaf = loads_form(once).goals[0].indicators[0].children[0].children[0]  # type: ignore[union-attr]
    source = doc["goals"][0]["indicators"][0]["children"][0]["children"][0]
    assert leaf.name == source["name"]  # no Unicode normalisation on the way
    assert leaf.weight == source["weight"] and type(leaf.weight) is type(source["weight"])
    if isinstance(source["weight"], float):
        assert math.copysign(1, leaf.weight) == math.copysign(1, source["weight"])  # -0.0 keeps its sign
