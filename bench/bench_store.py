"""Measures the store at the scale issue #2 plans for: 50,000 leaves (170 forms of 300 leaves).

Run: `python bench/bench_store.py`; prints the time to list and search every form, to load one
form and to save one edit (one transaction, synchronous=FULL), medians over repeated calls.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_scoring import make_form  # noqa: E402
from model.store import Store  # noqa: E402
from model.tree import leaves  # noqa: E402

FORMS, LEAVES = 170, 300


def median_ms(action: Callable[[], object], repeats: int) -> float:
    """Median wall time of an action in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp))
        start = time.perf_counter()
        with store.db.atomic():
            for i in range(FORMS):
                form = make_form(LEAVES)
                form.year = 2015 + i % 10
                form.header = {"unit_name": f"示例县第{i % 17}单位", "project_name": f"示例项目{i}"}
                store.add(form)
        print(f"filled {FORMS} forms × {LEAVES} leaves = {FORMS * LEAVES} leaves in "
              f"{time.perf_counter() - start:.1f} s; file {store.path.stat().st_size / 1e6:.1f} MB")
        some = store.list_forms()[FORMS // 2]
        form = store.load(some.id)
        leaf = next(leaves(form))
        counter = iter(range(10**9))

        def edit() -> None:
            leaf.actual = f"{next(counter)}人"
            store.save(form)

        print(f"list all forms            median {median_ms(store.list_forms, 50):7.2f} ms")
        print(f"search “指标3-7 示例项目1”  median "
              f"{median_ms(lambda: store.list_forms('指标3-7 示例项目1'), 50):7.2f} ms")
        print(f"list one unit and year    median "
              f"{median_ms(lambda: store.list_forms(unit='示例县第3单位', year=2018), 50):7.2f} ms")
        print(f"load one 300-leaf form    median {median_ms(lambda: store.load(some.id), 50):7.2f} ms")
        print(f"save one edit (fsync)     median {median_ms(edit, 50):7.2f} ms")
        store.close()


if __name__ == "__main__":
    main()
