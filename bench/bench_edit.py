"""Measures one edit → updated score on a 300-leaf form, in the tree view alone and in the whole window.

Run: `python bench/bench_edit.py [LEAVES]` (offscreen unless QT_QPA_PLATFORM says otherwise).
Times the setData call (command, recompute, save to a file database, model signals, panels) and its
parts: evaluate(), Store.save(), the tree model's signals and the window's panels. docs/ui.md keeps
the figures.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.bench_scoring import make_form  # noqa: E402
from model.store import Store  # noqa: E402
from model.tree import leaves  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.editing.session import FormSession, evaluate_form  # noqa: E402
from ui.settings import UiSettings  # noqa: E402
from ui.tree_view import IndicatorTreeView  # noqa: E402


def _timed(fn: Callable[[int], object], runs: int) -> list[float]:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _report(label: str, times: list[float]) -> None:
    q = statistics.quantiles(times, n=4)
    print(f"{label:<38} median {statistics.median(times):6.2f} ms   (q1 {q[0]:.2f}, q3 {q[2]:.2f}, n={len(times)})")


def _values(runs: int) -> list[str]:
    # Every edit a new value, so the scorer's per-leaf memo never answers from an earlier run.
    return [f"{60 + i}.{i % 7}人" for i in range(runs)]


def bench_view(app: QApplication, store: Store, form_id: str, leaf_count: int, runs: int) -> None:
    """The session and the tree view alone (what the editing core owns)."""
    session = FormSession(store, form_id)
    view = IndicatorTreeView(session)
    view.resize(1200, 700)
    view.show()
    app.processEvents()
    model = view.tree_model
    leaf = list(leaves(session.form))[leaf_count // 2]
    actual = model.index_of(leaf.id, model.column_of("actual"))
    score = model.index_of(leaf.id, model.column_of("score"))
    values = _values(runs * 2)
    print(f"{leaf_count} leaves; edited leaf “{leaf.name}” (target {leaf.target})")

    def edit(i: int) -> None:
        model.setData(actual, values[i])
        assert score.data() == f"{session.result.node(leaf.id).score:.2f}"
    _report("view: edit → score shown (setData)", _timed(edit, runs))
    _report("  of which evaluate()", _timed(lambda i: evaluate_form(session.form), runs))
    _report("  of which Store.save()", _timed(lambda i: store.save(session.form), runs))
    _report("  of which the model's signals", _timed(lambda i: model._scores_changed(), runs))
    _report("view: edit + repaint (processEvents)",
            _timed(lambda i: (edit(runs + i), app.processEvents()), runs))
    view.detach()


def bench_window(app: QApplication, store: Store, form_id: str, leaf_count: int, runs: int,
                 folder: Path) -> None:
    """The whole window: tree view, score and checker panels, navigator."""
    settings = UiSettings(QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(store, settings)
    window.resize(1366, 728)
    window.show()
    window.open_form(form_id)
    app.processEvents()
    view = window.editor.tree_view  # type: ignore[union-attr]
    model = view.tree_model
    session = window.session
    assert session is not None
    leaf = list(leaves(session.form))[leaf_count // 2]
    actual = model.index_of(leaf.id, model.column_of("actual"))
    values = _values(runs * 2)
    _report("window: edit → panels updated", _timed(lambda i: model.setData(actual, values[i]), runs))
    _report("  of which the panels (_on_changed)", _timed(lambda i: window._on_changed(), runs))
    _report("window: edit + repaint (processEvents)",
            _timed(lambda i: (model.setData(actual, values[runs + i]), app.processEvents()), runs))
    window.close()


def main(leaf_count: int = 300, runs: int = 60) -> None:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        store = Store.open(folder / "data")
        form_id = store.add(make_form(leaf_count))
        bench_view(app, store, form_id, leaf_count, runs)  # type: ignore[arg-type]
        bench_window(app, store, form_id, leaf_count, runs, folder)  # type: ignore[arg-type]
        store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
