"""Times 文件 → 生成自评报告… as the window runs it: ui.services.narrative.write_report on a form in
the store (score it, find the same unit and year's forms, build the report, write DOCX and PDF).

Goal: under 1 s for each report kind. The first report of a session also imports python-docx and
loads the fonts, so it is timed apart ("first"); later ones are the best and median of N runs.
Run from the repository root: python bench/bench_report.py [runs]
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from model.codec import load_form  # noqa: E402
from model.store import Store  # noqa: E402
from resources import samples_dir  # noqa: E402

CASES = (("项目自评报告（seed 003 附件3）", "07-seed003_project"),
         ("部门自评报告（seed 003 附件2 + 基础数据表 + 项目表）", "06-seed003_dept"),
         ("第三方评价报告（seed 004，27 项指标）", "08-seed004_eval"),
         ("部门自评报告（seed 001，12 个目标，无分值）", "03-seed001_dept"))


def main(runs: int = 5) -> None:
    """Print first, best and median seconds per report kind."""
    from ui.services.narrative import write_report

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "data")
        for path in sorted(samples_dir().glob("*.json")):
            store.add(load_form(path))
        out = Path(tmp)
        first_done = False
        for label, name in CASES:
            form = load_form(samples_dir() / f"{name}.json")
            times = []
            for i in range(runs + (0 if first_done else 1)):
                start = time.perf_counter()
                write_report(form, docx=out / "r.docx", pdf=out / "r.pdf", store=store)
                times.append(time.perf_counter() - start)
            if not first_done:
                print(f"first report of the session (imports, fonts): {times.pop(0):.3f} s")
                first_done = True
            print(f"{label}: best {min(times):.3f} s, median {statistics.median(times):.3f} s")
        store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
