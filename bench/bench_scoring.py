"""Measures evaluate() (scores + every registered check) on a generated 300-leaf form.

Run: `python bench/bench_scoring.py [LEAVES]`; prints the median and quartiles per call.
The goal in issue #3 is ≤ 1 ms median; docs/scoring.md records what was measured.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model.form import Form, Funds, FundsRow, Goal, Group, Leaf  # noqa: E402
from resources.profile_files import load_profile_data  # noqa: E402
from scoring import Profile, evaluate  # noqa: E402

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


def measure(form: Form, profile: Profile, repeats: int = 200) -> list[float]:
    """Seconds per evaluate() call, after a warm-up (the value reader caches targets)."""
    evaluate(form, profile)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        evaluate(form, profile)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    leaf_count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    form = make_form(leaf_count)
    profile = Profile.from_dict(load_profile_data("central-2020"))
    times = measure(form, profile)
    q1, median, q3 = statistics.quantiles(times, n=4)
    result = evaluate(form, profile)
    print(f"evaluate on {len(result.nodes)} leaves, {len(result.findings)} findings: "
          f"median {median * 1000:.2f} ms (quartiles {q1 * 1000:.2f}–{q3 * 1000:.2f} ms), "
          f"{median / len(result.nodes) * 1e6:.1f} µs per leaf")
    # The same without the checker modules, to tell the engine's share from the checks'.
    import scoring.engine as engine

    checks = engine._checks
    engine._checks = lambda: ()
    try:
        print(f"  scores only (no checks): median {statistics.median(measure(form, profile)) * 1000:.2f} ms")
    finally:
        engine._checks = checks
    engine._CORE_CACHE.clear()
    cold = time.perf_counter()
    evaluate(form, profile)
    print(f"  first call with an empty leaf cache: {(time.perf_counter() - cold) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
