"""Layer rules (docs/map.md): no Qt in model/scoring/reports, no SQLite or file I/O in scoring, no Qt in
the command line and the shared use cases (ui/cli, ui/services), no import cycles, no second copy of
a use case that has its one home in ui/services."""
from __future__ import annotations

import ast
from functools import cache
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
    # model.rates: pure reading of 100% / 1.0; model.errors: the family of errors a user can cause.
    bad = [n for n in _imports(path) if _top(n) in SCORING_IO_MODULES or (_top(n) == "model" and n not in (
        "model", "model.form", "model.tree", "model.rates", "model.errors"))]
    assert not bad, f"{path.relative_to(REPO)} imports {bad}"
    tree = ast.parse(path.read_text("utf-8"))
    calls = [node.func for node in ast.walk(tree) if isinstance(node, ast.Call)]
    named = [f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else "" for f in calls]
    assert not [n for n in named if n in SCORING_IO_CALLS], f"{path.relative_to(REPO)} calls file or clock functions"


PROJECT = ("model", "scoring", "reports", "resources", "ui")
QT_FREE_UI = ("ui/cli", "ui/services")


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _project_modules() -> dict[str, Path]:
    found = {_module_name(p): p for pkg in PROJECT for p in _modules(pkg)}
    found["main"] = REPO / "main.py"
    return found


def _runtime_imports(path: Path, known: dict[str, Path]) -> set[str]:
    """Project modules a module imports when it runs (anywhere in it, lazily too; not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
               for child in node.body for n in ast.walk(child)}
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            subs = [f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in known]
            out.update(subs)
            if len(subs) < len(node.names) and node.module in known:
                out.add(node.module)
    return out - {_module_name(path) if path.name != "main.py" or path.parent != REPO else "main"}


@cache
def _import_graph() -> dict[str, set[str]]:
    known = _project_modules()
    return {name: _runtime_imports(path, known) for name, path in known.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_no_import_cycles() -> None:
    assert _cycles(_import_graph()) == []


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("path", [p for d in QT_FREE_UI for p in sorted((REPO / d).rglob("*.py"))],
                         ids=lambda p: str(p.relative_to(REPO)))
def test_cli_and_services_reach_no_qt(path: Path) -> None:
    """Nothing the command line or a shared use case imports, directly or through others, is Qt."""
    graph, known = _import_graph(), _project_modules()
    seen, todo = set(), [_module_name(path)]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(graph[name])
    bad = sorted(n for n in seen if any(_top(i) in QT for i in _imports(known[n])))
    assert not bad, f"{path.relative_to(REPO)} reaches Qt through {bad}"


def test_widgets_do_not_import_the_command_line() -> None:
    graph = _import_graph()
    bad = [(m, d) for m, deps in graph.items() if not m.startswith("ui.cli") and m != "main"
           for d in deps if d.startswith("ui.cli")]
    assert not bad


# A use case with one home: only these modules may call what it is built from.
ONE_HOME = {
    "profile_for": ("scoring.rules.profile", "ui.services.evaluation"),
    "build_summary": ("reports.summary_rows", "ui.services.summary"),
    "export_stem": ("ui.services.naming", "ui.services.packaging"),
    "export_stems": ("ui.services.naming", "ui.services.export", "ui.cli.main"),
    "write_package": ("model.package_write", "ui.cli.package", "ui.package_dialogs"),
    # The tree's rules (three levels, where 降级/升级 go, what may be dropped where) live in model/tree.py.
    "MAX_DEPTH": ("model.tree", "model.codec"),
    "indent_place": ("model.tree", "ui.editing.session"),
    "outdent_place": ("model.tree", "ui.editing.session"),
}


@pytest.mark.parametrize("name", sorted(ONE_HOME))
def test_use_cases_have_one_home(name: str) -> None:
    users = sorted(m for m, p in _project_modules().items()
                   if any(isinstance(n, ast.Name | ast.Attribute) and (getattr(n, "id", None) == name or
                                                                       getattr(n, "attr", None) == name)
                          for n in ast.walk(ast.parse(p.read_text("utf-8")))))
    assert set(users) <= set(ONE_HOME[name]), f"{name} is used outside its home: {users}"


def test_the_checker_itself_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport sqlite3\n", "utf-8")
    names = _imports(bad)
    assert "PySide6.QtCore" in names and "sqlite3" in names


def test_no_test_file_imports_another() -> None:
    """Shared test helpers live in helper modules (tests/ui/helpers.py, conftest.py), not in test files."""
    bad = [(str(p.relative_to(REPO)), n) for p in sorted((REPO / "tests").rglob("test_*.py"))
           for n in _imports(p) if n.split(".")[-1].startswith("test_") and n.startswith("tests.")]
    assert bad == []


# Old second homes that issue #10 removed; defining one again would bring a duplicate back.
GONE = ("evaluate_form", "file_stem", "rendering_base", "export_file_name", "_is_under", "_too_deep", "_check_drop",
        "_SEVERITY_NAMES", "_SEVERITY_LABEL", "SEVERITY_NAMES", "is_scored_dept", "_TIERS", "_LEAF_TEXT")


def test_removed_duplicates_stay_removed() -> None:
    defined = [(m, n.name if isinstance(n, (ast.FunctionDef, ast.ClassDef)) else n.id)
               for m, p in _project_modules().items() for n in ast.walk(ast.parse(p.read_text("utf-8")))
               if (isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name in GONE)
               or (isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and n.id in GONE)]
    assert defined == []


def test_load_summary_and_package_renderings_live_in_services() -> None:
    homes = {n.name: m for m, p in _project_modules().items() for n in ast.walk(ast.parse(p.read_text("utf-8")))
             if isinstance(n, ast.FunctionDef) and n.name in ("load_summary", "render_for_package",
                                                              "evaluate_with_profile", "export_forms")}
    assert all(m.startswith("ui.services.") for m in homes.values()) and len(homes) == 4


def test_widgets_connect_no_lambda_that_names_self() -> None:
    """A connected lambda naming `self` ties a widget to its own child: use ui/weak.weak_slot."""
    bad = []
    for path in sorted((REPO / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect"
                    and node.args and isinstance(node.args[0], ast.Lambda)
                    and any(isinstance(n, ast.Name) and n.id == "self" for n in ast.walk(node.args[0]))):
                bad.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert bad == []
