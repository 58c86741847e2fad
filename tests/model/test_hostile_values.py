"""Values that must never get into the store (issue #11 points 2–5): each refused at load, in Chinese,
with the key path, before anything is written; files and the forms inside packages alike."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from model.codec import form_to_dict, load_form, loads_form
from model.errors import FormFileError
from model.form_limits import MAX_FORM_BYTES, MAX_LEAVES, WARN_LEAVES, leaf_count, size_warning
from model.package_format import PackageError
from model.package_read import read_package
from model.store import Store
from tests.conftest import make_sample_form
from tests.model.package_helpers import good_package, pack, store_with_forms, unpack


def _doc() -> dict[str, Any]:
    return form_to_dict(make_sample_form())


def _leaf(doc: dict[str, Any]) -> dict[str, Any]:
    leaf: dict[str, Any] = doc["goals"][0]["indicators"][0]["children"][0]["children"][0]
    return leaf


def _text(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False)


@pytest.mark.parametrize("literal", ["1e400", "-1e400", "NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize("where", ["known", "unknown"])
def test_non_finite_numbers_are_refused_anywhere(literal: str, where: str) -> None:
    doc = _doc()
    if where == "known":
        _leaf(doc)["weight"] = "@@"
    else:
        _leaf(doc)["x_future"] = {"deep": ["@@"]}
    text = _text(doc).replace('"@@"', literal)
    with pytest.raises(FormFileError) as err:
        loads_form(text, "bad.json")
    assert "数字" in str(err.value) and "JSON" not in str(err.value)


@pytest.mark.parametrize("key, value, path", [
    ("weight", 1e27, "weight"), ("score", 1e26, "score"), ("weight", 10**30, "weight"),
    ("x_future", 10**20, "x_future"),
])
def test_magnitudes_are_bounded_with_the_key_path(key: str, value: Any, path: str) -> None:
    doc = _doc()
    _leaf(doc)[key] = value
    with pytest.raises(FormFileError) as err:
        loads_form(_text(doc), "big.json")
    assert err.value.key_path.endswith(path) and "过大" in str(err.value)


def test_money_is_bounded() -> None:
    doc = _doc()
    doc["funds"]["rows"][0]["annual"] = 5e12
    with pytest.raises(FormFileError, match=r"全年预算数（funds\.rows\[0\]\.annual）"):
        loads_form(_text(doc), "money.json")


@pytest.mark.parametrize("rule, path", [
    ({"type": "bands", "bands": "x"}, "rule.bands"),
    ({"type": "bands", "bands": [{"min": "x", "score": 1}]}, "rule.bands[0].min"),
    ({"type": "quality_floor", "floor": "x"}, "rule.floor"),
    ({"type": "deviation", "band": [1]}, "rule.band"),
    ({"type": "deviation", "side": "left"}, "rule.side"),
    ({"type": "qualitative", "bands": [0.8]}, "rule.bands"),
    ({"type": "survey", "weights": [1, 2]}, "rule.weights"),
    ({"type": "nonsense"}, "rule.type"),
])
def test_rule_parameters_are_validated_at_load(rule: dict[str, Any], path: str) -> None:
    doc = _doc()
    _leaf(doc)["rule"] = rule
    with pytest.raises(FormFileError) as err:
        loads_form(_text(doc), "rule.json")
    assert err.value.key_path.endswith(path)


def test_inline_profile_rules_are_validated_with_their_key_path() -> None:
    doc = _doc()
    doc["rules"] = {"name": "自定义", "place_rules": {"质量": {"type": "quality_floor", "floor": "x"}}}
    with pytest.raises(FormFileError) as err:
        loads_form(_text(doc), "rules.json")
    assert err.value.key_path == "rules.place_rules.质量.floor"


def test_a_valid_rule_still_loads() -> None:
    doc = _doc()
    _leaf(doc)["rule"] = {"type": "bands", "bands": [{"min": 1.0, "score": 4}], "shares": False}
    assert loads_form(_text(doc)).goals


@pytest.mark.parametrize("name", ["x" * 300, "a/b", ""])
def test_a_bad_rules_name_is_refused(name: str) -> None:
    doc = _doc()
    doc["rules"] = name
    with pytest.raises(FormFileError) as err:
        loads_form(_text(doc), "rules.json")
    assert err.value.key_path == "rules" and "评分规则（rules）" in str(err.value)


@pytest.mark.parametrize("where", ["name", "x_future", "key"])
def test_a_lone_surrogate_is_refused_before_the_store(where: str, memory_store: Store) -> None:
    doc = _doc()
    if where == "key":
        _leaf(doc)["\ud800"] = 1
    else:
        _leaf(doc)[where] = "前\ud800后"
    text = json.dumps(doc)  # ASCII escapes: "\ud800" is valid JSON text
    with pytest.raises(FormFileError, match="不成对的代理字符"):
        loads_form(text, "sur.json")
    assert memory_store.is_empty()


@pytest.mark.parametrize("kind", [[], {}, 3, None])
def test_a_kind_that_is_not_text_is_refused_in_chinese(kind: Any) -> None:
    doc = _doc()
    doc["kind"] = kind
    with pytest.raises(FormFileError) as err:
        loads_form(_text(doc), "kind.json")
    assert err.value.key_path == "kind" and "表格种类（kind）" in str(err.value)


def test_a_form_file_over_the_package_limit_is_refused(tmp_path: Path) -> None:
    doc = _doc()
    _leaf(doc)["x_padding"] = "字" * (MAX_FORM_BYTES // 3 + 10)
    path = tmp_path / "huge.json"
    path.write_text(_text(doc), encoding="utf-8")
    with pytest.raises(FormFileError, match="文件过大"):
        load_form(path)


def _with_leaves(count: int) -> dict[str, Any]:
    doc = _doc()
    doc["goals"] = [{"title": "目标", "indicators": [{"name": f"指标{i}", "weight": 1} for i in range(count)]}]
    return doc


def test_too_many_leaves_are_refused_and_many_are_warned_about() -> None:
    with pytest.raises(FormFileError, match="末级指标"):
        loads_form(_text(_with_leaves(MAX_LEAVES + 1)), "many.json")
    doc = _with_leaves(WARN_LEAVES)
    assert leaf_count(doc) == WARN_LEAVES
    assert size_warning(WARN_LEAVES) and "变慢" in str(size_warning(WARN_LEAVES))
    assert size_warning(300) is None
    assert len(loads_form(_text(doc)).goals[0].indicators) == WARN_LEAVES


def _package_with(store: Store, change: Any) -> bytes:
    manifest, files = unpack(good_package(store))
    name = next(n for n in files if n.startswith("forms/"))
    files[name] = change(files[name].decode()).encode()
    return pack(manifest, files)


@pytest.mark.parametrize("change", [
    lambda t: t.replace('"year": 2024', '"year": 2024, "x_future": 1e400', 1),
    lambda t: t.replace('"year": 2024', '"year": 2024, "x_future": "\\ud800"', 1),
    lambda t: t.replace('"year": 2024', '"year": 2024, "x_future": 1e30', 1),
])
def test_a_package_carrying_a_hostile_form_is_refused(memory_store: Store, change: Any) -> None:
    store_with_forms(memory_store)
    with pytest.raises(PackageError) as err:
        read_package(_package_with(memory_store, change))
    assert err.value.code == "bad_form"


@pytest.mark.parametrize("indicators", [1.5, "x", None, {"a": 1}])
def test_indicators_that_are_not_a_list_are_refused_in_chinese(indicators: Any) -> None:
    # Found by bench/fuzz_files.py: the leaf count crashed on "indicators": 1.5 (TypeError).
    doc = _doc()
    doc["goals"][0]["indicators"] = indicators
    with pytest.raises(FormFileError) as err:
        loads_form(_text(doc), "bad.json")
    assert err.value.key_path == "goals[0].indicators"


@pytest.mark.parametrize("text", ["1e400", "-1e30", "9" * 40])
def test_a_huge_number_written_as_text_scores_without_crashing(text: str) -> None:
    # Found by bench/fuzz_files.py: "stated": {"funds_rate": "1e400"} made quantize raise InvalidOperation.
    from ui.services.evaluation import evaluate_with_profile

    doc = _doc()
    doc["stated"] = {"funds_rate": text, "funds_score": text, "total": text}
    _leaf(doc)["actual"] = text
    result = evaluate_with_profile(loads_form(_text(doc)))
    assert result.total is not None


def test_control_characters_are_refused_and_a_stored_one_still_renders(memory_store: Store) -> None:
    # Found by tests/test_accepted_forms.py: "\x01" in a text crashed the XLSX export (openpyxl).
    import io

    from reports import render_xlsx
    from ui.services.evaluation import evaluate_with_profile

    doc = _doc()
    _leaf(doc)["name"] = "指标\x01名称"
    with pytest.raises(FormFileError, match="控制字符"):
        loads_form(_text(doc), "ctrl.json")
    form = make_sample_form()
    form.header["project_name"] = "旧版本存入的\x02项目"  # the store reads its own forms as they are
    stored = memory_store.load(memory_store.add(form))
    render_xlsx(stored, evaluate_with_profile(stored), io.BytesIO())  # type: ignore[arg-type]
