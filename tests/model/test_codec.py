"""The jixiao.form/1 codec: exact round trips, unknown keys kept, bad files refused with a key path."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sqlite3

from main import main
from model.codec import dumps_form, load_form, loads_form
from model.datadir import database_path
from model.store import Store
from model.errors import FormFileError
from model.form import KINDS
from resources import samples_dir
from tests.conftest import FIXTURES, make_sample_form

FORM_FILES = sorted(samples_dir().glob("*.json")) + sorted((FIXTURES / "seeds").glob("seed*[!t].json"))


def test_sample_form_round_trip() -> None:
    text = dumps_form(make_sample_form())
    assert dumps_form(loads_form(text)) == text


@pytest.mark.parametrize("path", FORM_FILES, ids=lambda p: p.name)
def test_shipped_forms_round_trip_byte_identical(path: Path) -> None:
    once = dumps_form(load_form(path))
    assert dumps_form(loads_form(once)) == once
    # Nothing in the file is lost: the decoded documents are equal (key order aside).
    assert json.loads(once) == _without_nulls(json.loads(path.read_text("utf-8")))


def _without_nulls(value: Any) -> Any:
    """Known keys with null values are omitted on export (same meaning); unknown keys kept as is."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None or k in ("met", "share", "percent", "amount")}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def test_unknown_keys_survive_everywhere() -> None:
    doc = json.loads(dumps_form(make_sample_form()))
    doc["future_top"] = {"a": [1, 2]}
    doc["header"]["x_extra"] = "附加表头"
    doc["funds"]["future"] = 1
    doc["funds"]["rows"][0]["future_row"] = "r"
    doc["goals"][0]["future_goal"] = True
    doc["goals"][0]["indicators"][0]["future_group"] = None
    doc["goals"][0]["indicators"][0]["children"][0]["children"][0]["future_leaf"] = [{"k": "v"}]
    text = dumps_form(loads_form(json.dumps(doc, ensure_ascii=False)))
    again = json.loads(text)
    assert again["future_top"] == {"a": [1, 2]}
    assert again["header"]["x_extra"] == "附加表头"
    assert again["funds"]["future"] == 1 and again["funds"]["rows"][0]["future_row"] == "r"
    assert again["goals"][0]["future_goal"] is True
    assert "future_group" in again["goals"][0]["indicators"][0]
    assert again["goals"][0]["indicators"][0]["children"][0]["children"][0]["future_leaf"] == [{"k": "v"}]
    assert dumps_form(loads_form(text)) == text


def _base() -> dict[str, Any]:
    return json.loads(dumps_form(make_sample_form()))


def _leaf(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["goals"][0]["indicators"][0]["children"][0]["children"][1]


BAD: list[tuple[str, Any, str]] = [
    # (case name, a function making the bad document or raw text, key path expected in the message)
    ("not json", "{这不是 JSON", ""),
    ("a list", "[1, 2]", "文件顶层"),
    ("no schema", lambda d: d.pop("schema"), "schema"),
    ("wrong schema", lambda d: d.update(schema="excel/1"), "schema"),
    ("newer version", lambda d: d.update(schema="jixiao.form/2"), "schema"),
    ("no kind", lambda d: d.pop("kind"), "kind"),
    ("unknown kind", lambda d: d.update(kind="项目表"), "kind"),
    ("no year", lambda d: d.pop("year"), "year"),
    ("year as text", lambda d: d.update(year="2024年"), "year"),
    ("year as bool", lambda d: d.update(year=True), "year"),
    ("no goals", lambda d: d.pop("goals"), "goals"),
    ("goals not list", lambda d: d.update(goals={"a": 1}), "goals"),
    ("weight text", lambda d: _leaf(d).update(weight="十"), "goals[0].indicators[0].children[0].children[1].weight"),
    ("weight bool", lambda d: _leaf(d).update(weight=False), "goals[0].indicators[0].children[0].children[1].weight"),
    ("score text", lambda d: _leaf(d).update(score="5分"), "children[1].score"),
    ("target number", lambda d: _leaf(d).update(target=100), "children[1].target"),
    ("fourth level", lambda d: _leaf(d).update(children=[{"name": "x", "children": []}]), "children[1]"),
    ("node not object", lambda d: d["goals"][0]["indicators"].append("产出"), "goals[0].indicators[2]"),
    ("funds row text amount", lambda d: d["funds"]["rows"][0].update(annual="四十"), "funds.rows[0].annual"),
    ("funds weight", lambda d: d["funds"].update(weight=[10]), "funds.weight"),
    ("header number", lambda d: d["header"].update(phone=13800000000), "header.phone"),
    ("money unit", lambda d: d.update(money_unit="美元"), "money_unit"),
    ("bad tier", lambda d: _leaf(d).update(tier="优秀"), "children[1].tier"),
    ("rule no type", lambda d: _leaf(d).update(rule={"band": 0.2}), "children[1].rule.type"),
    ("checklist met text", lambda d: _leaf(d).update(checklist=[{"text": "a", "met": "是"}]), "checklist[0].met"),
    ("negative survey", lambda d: _leaf(d).update(survey={"满意": -1}), "survey.满意"),
    ("plan percent text", lambda d: d.update(spending_plan=[{"label": "3月底", "percent": "25%"}]),
     "spending_plan[0].percent"),
    ("basic data value", lambda d: d.update(basic_data=[{"section": "s", "rows": [{"name": "r", "values": ["x"]}]}]),
     "basic_data[0].rows[0].values[0]"),
    ("NaN weight", '{"schema": "jixiao.form/1", "kind": "evaluation", "year": 2022, "goals": [], "x": NaN}', ""),
    ("stated not object", lambda d: d.update(stated=52), "stated"),
]


@pytest.mark.parametrize("name, change, key_path", BAD, ids=[b[0] for b in BAD])
def test_bad_files_are_refused_with_the_key_path(name: str, change: Any, key_path: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    if isinstance(change, str):
        text = change
    else:
        doc = _base()
        change(doc)
        text = json.dumps(doc, ensure_ascii=False)
    path = tmp_path / "坏文件.json"
    path.write_text(text, "utf-8")
    with pytest.raises(FormFileError) as err:
        load_form(path)
    message = str(err.value)
    assert "坏文件.json" in message
    assert key_path in message
    assert err.value.fix and message.endswith("。")
    # Through the command line: exit 1, the same message, and the database exactly as it was.
    data = tmp_path / "data"
    store = Store.open(data)
    store.add(make_sample_form())
    store.close()
    before = _table_dump(data)
    assert main(["import", str(path), "--data-dir", str(data)]) == 1
    assert message in capsys.readouterr().err
    assert _table_dump(data) == before


def _table_dump(data: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(database_path(data))
    try:
        return [row for table in ("forms", "settings", "form_history")
                for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()]
    finally:
        conn.close()


def test_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(FormFileError, match="无法读取"):
        load_form(tmp_path / "missing.json")
    (tmp_path / "gbk.json").write_bytes("{\"schema\": \"表\"}".encode("gbk"))
    with pytest.raises(FormFileError, match="UTF-8"):
        load_form(tmp_path / "gbk.json")


# -- generated forms ---------------------------------------------------------------------------

_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
_num = st.one_of(st.integers(-10**6, 10**6), st.floats(-1e6, 1e6, width=64))
_opt_text = st.none() | _text
_opt_num = st.none() | _num
_extra = st.dictionaries(st.sampled_from(["x_a", "x_b", "未来字段"]), st.none() | _text | st.integers(-10**15, 10**15))


def _leaf_doc() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"name": _text},
        optional={"code": _text, "target": _opt_text, "actual": _opt_text, "weight": _opt_num,
                  "score": _opt_num, "reason": _opt_text, "tier": st.sampled_from(["达成", "部分达成", "未达成"]),
                  "rule": st.none() | st.fixed_dictionaries({"type": st.sampled_from(["ratio", "manual"])}),
                  "checklist": st.lists(st.fixed_dictionaries(
                      {"text": _text, "share": _opt_num, "gate": st.booleans(), "met": st.none() | st.booleans()}),
                      max_size=3),
                  "survey": st.dictionaries(st.sampled_from(["很满意", "满意", "一般"]), st.integers(0, 99)),
                  "x_leaf": _text})


def _group_doc(children: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"name": _text, "children": st.lists(children, max_size=3)},
                                 optional={"weight": _opt_num, "code": _text})


_level3 = _leaf_doc()
_level2 = st.one_of(_leaf_doc(), _group_doc(_level3))
_level1 = st.one_of(_leaf_doc(), _group_doc(_level2))

form_docs = st.fixed_dictionaries(
    {"schema": st.just("jixiao.form/1"), "kind": st.sampled_from(sorted(KINDS)), "year": st.integers(1990, 2200),
     "goals": st.lists(st.fixed_dictionaries({"title": _text, "indicators": st.lists(_level1, max_size=3)},
                                             optional={"expected": _opt_text, "x_goal": _text}), max_size=3)},
    optional={"id": _text, "title": _text, "money_unit": st.sampled_from(["万元", "元"]),
              "header": st.dictionaries(st.sampled_from(["project_name", "preparer", "自定义"]), _text),
              "funds": st.fixed_dictionaries({"rows": st.lists(st.fixed_dictionaries(
                  {"name": _text}, optional={"initial": _opt_num, "annual": _opt_num, "executed": _opt_num}),
                  max_size=4)}, optional={"weight": _opt_num, "score": _opt_num}),
              "spending_plan": st.lists(st.fixed_dictionaries({"label": _text, "percent": _opt_num}), max_size=4),
              "stated": st.dictionaries(st.sampled_from(["total", "funds_rate"]), _num | _text),
              "rules": st.sampled_from(["central-2020", "hunan-2023"]),
              "x_top": _extra},
)


@settings(max_examples=150, deadline=None)
@given(form_docs)
def test_generated_forms_round_trip(doc: dict[str, Any]) -> None:
    text = json.dumps(doc, ensure_ascii=False)
    once = dumps_form(loads_form(text))
    assert dumps_form(loads_form(once)) == once
