"""Import of a nine-table .docx (seed 002's 目标表, built with python-docx) as a whole: goal < 1 s.

Measures what `main.py import-doc` does for the file: open and read the Word file, find and build the
nine forms, and store them in one transaction (an in-memory store). Prints the median of 5 runs.

    python3 bench/bench_import_doc.py
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.store import Store  # noqa: E402
from tests.model.office.conftest import write_seed_document  # noqa: E402
from ui.services.import_doc import read_files, store_run  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        doc = write_seed_document("002", Path(folder) / "seed002.docx")
        times = []
        for _ in range(5):
            store = Store.memory()
            start = time.perf_counter()
            run = read_files([doc])
            store_run(store, run)
            times.append(time.perf_counter() - start)
            store.close()
        assert len(run.found) == 9
        print(f"import-doc, nine 目标表 in one .docx ({doc.stat().st_size // 1024} KB): "
              f"median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms (goal < 1000 ms)")


if __name__ == "__main__":
    main()
