"""Layer rules (architecture.md): no Qt in model/scoring/reports, no SQLite or file I/O in scoring."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PURE = ("model", "scoring", "reports")
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
SQL = ("sqlite3", "sqlite_utils")
SCORING_IO_MODULES = (*SQL, "os", "io", "pathlib", "shutil", "tempfile", "subprocess", "socket", "urllib",
                      "openpyxl", "reportlab", "time")
SCORING_IO_CALLS = ("open", "read_text", "read_bytes", "write_text", "write_bytes", "now", "today", "time")


def _modules(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _top(name: str) -> str:
    return name.split(".")[0]


@pytest.mark.parametrize("path", [p for pkg in PURE for p in _modules(pkg)], ids=lambda p: str(p.relative_to(REPO)))
def test_pure_layers_import_no_qt_and_no_ui(path: Path) -> None:
    bad = [n for n in _imports(path) if _top(n) in (*QT, "ui")]
    assert not bad, f"{path.relative_to(REPO)} imports {bad}"


@pytest.mark.parametrize("path", [p for pkg in ("scoring", "reports") for p in _modules(pkg)],
                         ids=lambda p: str(p.relative_to(REPO)))
def test_sql_only_in_model(path: Path) -> None:
    bad = [n for n in _imports(path) if _top(n) in SQL or n == "model.store"]
    assert not bad, f"{path.relative_to(REPO)} imports {bad}"


@pytest.mark.parametrize("path", _modules("scoring"), ids=lambda p: str(p.relative_to(REPO)))
def test_scoring_does_no_io(path: Path) -> None:
    bad = [n for n in _imports(path) if _top(n) in SCORING_IO_MODULES or (_top(n) == "model" and n not in (
        "model", "model.form", "model.tree", "model.rates"))]  # model.rates: pure reading of 100% / 1.0
    assert not bad, f"{path.relative_to(REPO)} imports {bad}"
    tree = ast.parse(path.read_text("utf-8"))
    calls = [node.func for node in ast.walk(tree) if isinstance(node, ast.Call)]
    named = [f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else "" for f in calls]
    assert not [n for n in named if n in SCORING_IO_CALLS], f"{path.relative_to(REPO)} calls file or clock functions"


def test_the_checker_itself_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport sqlite3\n", "utf-8")
    names = _imports(bad)
    assert "PySide6.QtCore" in names and "sqlite3" in names
