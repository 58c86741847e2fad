"""Measures one edit → updated score on a 300-leaf form, as the user sees it in the tree view.

Run: `python bench/bench_edit.py [LEAVES]` (offscreen unless QT_QPA_PLATFORM says otherwise).
Times the whole setData call (command, recompute, save to a file database, model signals) and,
separately, its two big parts: evaluate() and Store.save(). docs/ui.md records the figures.
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

from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.bench_scoring import make_form  # noqa: E402
from model.store import Store  # noqa: E402
from model.tree import leaves  # noqa: E402
from ui.session import FormSession, evaluate_form  # noqa: E402
from ui.tree_view import IndicatorTreeView  # noqa: E402


def _timed(fn: Callable[[int], None], runs: int) -> list[float]:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _report(label: str, times: list[float]) -> None:
    q = statistics.quantiles(times, n=4)
    print(f"{label:<34} median {statistics.median(times):6.2f} ms   (q1 {q[0]:.2f}, q3 {q[2]:.2f}, n={len(times)})")


def main(leaf_count: int = 300, runs: int = 60) -> None:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder))
        form_id = store.add(make_form(leaf_count))
        session = FormSession(store, form_id)
        view = IndicatorTreeView(session)
        view.resize(1200, 700)
        view.show()
        app.processEvents()
        model = view.tree_model
        leaf = list(leaves(session.form))[leaf_count // 2]
        actual = model.index_of(leaf.id, model.column_of("actual"))
        score = model.index_of(leaf.id, model.column_of("score"))
        print(f"{leaf_count} leaves; edited leaf “{leaf.name}” (target {leaf.target})")

        def edit(i: int) -> None:
            model.setData(actual, f"{60 + i % 40}人")
            assert score.data() == f"{session.result.node(leaf.id).score:.2f}"
        _report("edit → score shown (setData)", _timed(edit, runs))
        _report("  of which evaluate()", _timed(lambda i: evaluate_form(session.form), runs))
        _report("  of which Store.save()", _timed(lambda i: store.save(session.form), runs))
        _report("edit + repaint (processEvents)", _timed(lambda i: (edit(i), app.processEvents()), runs))
        view.detach()
        store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
