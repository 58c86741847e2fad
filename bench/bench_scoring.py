"""Measures evaluate() (scores + every check) on a generated 300-leaf form, unchanged and right
after a one-leaf edit (a keystroke), plus the engine alone and the first call with empty memos.

Run: `python bench/bench_scoring.py [LEAVES]`; prints the median and quartiles per call.
The goal in issue #3 is ≤ 1 ms median; docs/scoring.md records what was measured.
"""
from __future__ import annotations

import itertools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import scoring.engine as engine  # noqa: E402
from model.form import Form, Funds, FundsRow, Goal, Group, Leaf  # noqa: E402
from model.tree import leaves  # noqa: E402
from resources.profile_files import load_profile_data  # noqa: E402
from scoring import Profile, check_runner, evaluate, leaf_memo  # noqa: E402

# (二级 name, target, actual, tier) patterns that exercise every default rule.
_PATTERNS = [
    ("数量指标", "≥{n}人", "{m}人", None), ("质量指标", "≥90%", "{p}%", None),
    ("时效指标", "2024年10月底", "2024年9月", None), ("成本指标", "≤{n}万元", "{m}万元", None),
    ("社会效益指标", "明显改善", "明显改善", "达成"), ("服务对象满意度指标", "≥95%", "{p}%", None),
]


def make_form(leaf_count: int = 300) -> Form:
    """A project self-evaluation with `leaf_count` leaves spread over goals of 30 leaves."""
    goals = []
    for g in range(max(1, leaf_count // 30)):
        subs: dict[str, list[Leaf]] = {}
        for i in range(min(30, leaf_count - g * 30)):
            sub, target, actual, tier = _PATTERNS[i % len(_PATTERNS)]
            n, m, p = 100 + i, 80 + (i * 7) % 60, 70 + i % 30
            subs.setdefault(sub, []).append(Leaf(
                name=f"指标{g}-{i}", target=target.format(n=n), actual=actual.format(m=m, p=p),
                weight=3, tier=tier, score=3 if i % 5 == 0 else None, reason="资金到位较晚" if i % 3 else None))
        goals.append(Goal(title=f"目标{g + 1}", indicators=[
            Group(name="产出指标", children=[Group(name=s, children=c) for s, c in subs.items()])]))
    return Form(kind="project_self_eval", year=2024, goals=goals,
                funds=Funds(weight=10, rows=[FundsRow("年度资金总额", 40, 40, 37.5)]))


def measure(form: Form, profile: Profile | Callable[[], Profile], repeats: int = 300,
            edit: Leaf | None = None) -> list[float]:
    """Seconds per evaluate() call, after a warm-up.

    `profile` may be a callable building the profile on each call (as ui.editing.session.evaluate_form does).
    With `edit`, that leaf's actual gets a value not seen before ahead of each timed call, so the
    call re-reads, re-scores and re-checks one leaf and its goal as after a keystroke.
    """
    build = profile if callable(profile) else (lambda: profile)
    evaluate(form, build())
    times = []
    for _ in range(repeats):
        if edit is not None:
            edit.actual = f"{next(_FRESH)}人"
        start = time.perf_counter()
        evaluate(form, build())
        times.append(time.perf_counter() - start)
    return times


_FRESH = itertools.count(1000)  # edited values never seen before, so the memo cannot answer


def _line(label: str, times: list[float]) -> str:
    q1, median, q3 = statistics.quantiles(times, n=4)
    return f"{label:<44} median {median * 1000:5.2f} ms (quartiles {q1 * 1000:.2f}–{q3 * 1000:.2f} ms)"


def main() -> None:
    leaf_count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    form = make_form(leaf_count)
    profile = Profile.from_dict(load_profile_data("central-2020"))
    result = evaluate(form, profile)
    edited = list(leaves(form))[leaf_count // 2]
    print(f"{len(result.nodes)} leaves, {len(result.findings)} findings; Python {sys.version.split()[0]}")
    print(_line("evaluate (scores + checks), form unchanged", measure(form, profile)))
    print(_line("evaluate after a one-leaf edit", measure(form, profile, edit=edited)))
    print(_line("  same, profile built per call (UI path)",
                measure(form, lambda: Profile.from_dict(load_profile_data("central-2020")), edit=edited)))
    # Without the checker, to tell the engine's share from the checks'.
    real_checks = engine.run_checks
    engine.run_checks = lambda *args: []
    try:
        print(_line("  scores only (no checks), unchanged", measure(form, profile)))
    finally:
        engine.run_checks = real_checks
    leaf_memo.clear()
    check_runner.clear()
    cold = time.perf_counter()
    evaluate(form, profile)
    print(f"{'first call with empty memos':<44} {(time.perf_counter() - cold) * 1000:5.2f} ms")


if __name__ == "__main__":
    main()
