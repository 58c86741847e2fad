"""`main.py library [WORDS…]` and `export-json --library` (ui/cli/library.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from main import main
from model.library import Entry, add_user_entry
from model.store import Store


def _lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_library_prints_matches_as_json_lines(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["library", "托养", "--data-dir", str(data_dir)]) == 0
    rows = _lines(capsys.readouterr().out)
    assert rows and all("托养" in str(r["name"]) or r["category"] for r in rows)
    first = rows[0]
    assert set(first) >= {"name", "category", "unit", "direction"}
    assert "托养" in str(first["name"]) and len(first["category"]) == 2  # type: ignore[arg-type]


def test_category_filter_and_nothing_found(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["library", "--category", "过程", "--data-dir", str(data_dir)]) == 0
    rows = _lines(capsys.readouterr().out)
    assert rows and {r["category"][0] for r in rows} == {"过程"}  # type: ignore[index]
    assert main(["library", "没有这种指标", "--data-dir", str(data_dir)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "没有找到" in captured.err


def test_own_entries_are_found_first_and_exported(data_dir: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(data_dir)
    try:
        add_user_entry(store.db, Entry(("产出指标", "数量指标"), "助残志愿服务人次", "人次", "≥", "≥200人次", "解释",
                                       {"type": "ratio"}), "2024-01-01T00:00:00")
    finally:
        store.close()
    assert main(["library", "志愿", "--data-dir", str(data_dir)]) == 0
    [row] = _lines(capsys.readouterr().out)
    assert row["name"] == "助残志愿服务人次" and row["own"] is True
    out = tmp_path / "out"
    assert main(["export-json", "--library", str(out), "--data-dir", str(data_dir)]) == 0
    doc = json.loads((out / "指标库.json").read_text("utf-8"))
    assert doc["schema"] == "jixiao.library/1"
    assert [e["name"] for e in doc["entries"]] == ["助残志愿服务人次"]
    assert main(["export-json", str(out), "--data-dir", str(data_dir)]) == 1
    assert "--library" in capsys.readouterr().err
