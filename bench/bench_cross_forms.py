"""Measures the re-check across forms (CROSS_FORM_MISMATCH) after one edit of an open 300-leaf form,
against 5 other stored forms of the same unit and year whose every indicator name is shared.

Run: `python bench/bench_cross_forms.py [LEAVES] [OTHERS]`; prints the median and quartiles per re-check.
The goal is well under 50 ms per keystroke (a delay people feel); ≈ 6 ms was measured when the
indexes were introduced (the open form is read again, the others' indexes are kept).
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model.form import Form, Goal, Group, Leaf  # noqa: E402
from scoring.cross_forms import cross_check_indexed, index_form  # noqa: E402


def _form(form_id: str, leaves: list[Leaf]) -> Form:
    return Form(kind="dept_self_eval", year=2024, id=form_id, header={"unit_name": "示例县残疾人联合会"},
                goals=[Goal(title="目标1", indicators=[Group(name="产出指标", children=[
                    Group(name="数量指标", children=leaves)])])])


def _leaves(count: int) -> list[Leaf]:
    return [Leaf(name=f"指标{i}", target=f"≥{i + 1}人", actual=f"{i}人", weight=5) for i in range(count)]


def main() -> None:
    leaf_count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    other_count = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    others = [index_form(_form(f"o{k}", _leaves(leaf_count))) for k in range(other_count)]
    leaves = _leaves(leaf_count)
    open_form = _form("open", leaves)
    times = []
    for n in range(200):
        leaves[7].actual = f"{n}人"  # an edit: the open form is read again, the others are kept
        start = time.perf_counter()
        cross_check_indexed([index_form(open_form), *others])
        times.append(time.perf_counter() - start)
    q1, median, q3 = statistics.quantiles(times, n=4)
    print(f"re-check after an edit, {leaf_count} leaves × {other_count + 1} forms: "
          f"median {median * 1000:.2f} ms (quartiles {q1 * 1000:.2f}–{q3 * 1000:.2f} ms)")


if __name__ == "__main__":
    main()
