"""Times the PDF export of a seed-001-sized form (12 goals, ~80 rows) against LibreOffice, two ways.

1. warm: reports.render_pdf inside one process, fonts and imports already loaded (the window's
   second and later exports);
2. whole process: `python main.py render FORM --pdf OUT` as a new process each time, imports, font
   loading and scoring included (what a user of the command line, or the first export, feels),
   against `soffice --headless --convert-to pdf` of the same form's XLSX, also a new process each
   time (its user profile made once beforehand, as on a PC where LibreOffice has run before).

Goals: warm ≥ 10× LibreOffice, whole process ≥ 3×. The machine is shared, so each figure is the
best of N runs (the least disturbed one) with the median beside it, and the CPU time of the
processes (user + system, which waiting for a busy CPU does not inflate) beside the wall time. Bytecode is written to a
temporary folder, as an installed program writes its __pycache__ once; the font cache
(reports/font_cache.py) is built by a first, uncounted run into a temporary folder.
Run from the repository root: python bench/bench_export.py [runs]
"""
from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from model.codec import load_form  # noqa: E402
from model.tree import leaves  # noqa: E402
from reports import render_pdf, render_xlsx  # noqa: E402
from resources.profile_files import load_profile_data  # noqa: E402
from scoring import evaluate  # noqa: E402
from scoring.rules.profile import profile_for  # noqa: E402

SEED = REPO / "tests" / "fixtures" / "seeds" / "seed001_dept.json"


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the process and its children) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=REPO)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _figures(times: list[float]) -> str:
    return f"best {min(times) * 1000:.0f} ms, median {statistics.median(times) * 1000:.0f} ms"


def _runs(command: list[str], env: dict[str, str], runs: int) -> tuple[list[float], list[float]]:
    pairs = [_timed(command, env) for _ in range(runs)]
    return [w for w, _c in pairs], [c for _w, c in pairs]


def main(runs: int = 5) -> int:
    form = load_form(SEED)
    result = evaluate(form, profile_for(form.rules, form.profile_name(), load_profile_data))
    print(f"form: {len(form.goals)} goals, {sum(1 for _ in leaves(form))} indicator rows")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(JIXIAO_CACHE_DIR=str(folder / "cache"), PYTHONPYCACHEPREFIX=str(folder / "pyc"))
        os.environ["JIXIAO_CACHE_DIR"] = env["JIXIAO_CACHE_DIR"]
        warm = []
        for i in range(runs + 1):
            start = time.perf_counter()
            render_pdf(form, result, folder / f"ours{i}.pdf")
            warm.append(time.perf_counter() - start)
        print(f"warm reports.render_pdf: {_figures(warm[1:])} (first in the process, fonts loaded: "
              f"{warm[0] * 1000:.0f} ms)")
        ours_cmd = [sys.executable, "main.py", "render", str(SEED), "--pdf", str(folder / "cli.pdf")]
        _timed(ours_cmd, env)  # writes the bytecode and the font cache, as a first start does
        ours, ours_cpu = _runs(ours_cmd, env, runs)
        print(f"whole process, main.py render → PDF: wall {_figures(ours)}; CPU {_figures(ours_cpu)}")
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            print("LibreOffice not installed (apt-get install libreoffice-calc-nogui): no comparison")
            return 0
        xlsx = folder / "form.xlsx"
        render_xlsx(form, result, xlsx)
        lo_cmd = [soffice, "--headless", f"-env:UserInstallation=file://{folder}/lo-profile",
                  "--convert-to", "pdf", "--outdir", str(folder / "lo"), str(xlsx)]
        _timed(lo_cmd, env)  # creates LibreOffice's user profile
        theirs, theirs_cpu = _runs(lo_cmd, env, runs)
        print(f"whole process, LibreOffice XLSX → PDF: wall {_figures(theirs)}; CPU {_figures(theirs_cpu)}")
        print(f"ratio, warm: {min(theirs) / min(warm[1:]):.1f}× (goal ≥ 10×); whole process: "
              f"{min(theirs) / min(ours):.1f}× best, {statistics.median(theirs) / statistics.median(ours):.1f}× "
              f"median wall; {min(theirs_cpu) / min(ours_cpu):.1f}× CPU (goal ≥ 3×)")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
