"""Times the PDF export of a seed-001-sized form (12 goals, ~80 rows) against LibreOffice.

In the same run LibreOffice (headless) converts the equivalent XLSX to PDF; prints both times and
the ratio (goal: our PDF ≥ 10× faster). Run from the repository root: python bench/bench_export.py
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model.codec import load_form  # noqa: E402
from model.tree import leaves  # noqa: E402
from reports import render_pdf, render_xlsx  # noqa: E402
from resources.profile_files import load_profile_data  # noqa: E402
from scoring import evaluate  # noqa: E402
from scoring.rules.profile import profile_for  # noqa: E402

SEED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seeds" / "seed001_dept.json"


def main(runs: int = 5) -> int:
    form = load_form(SEED)
    result = evaluate(form, profile_for(form.rules, form.profile_name(), load_profile_data))
    print(f"form: {len(form.goals)} goals, {sum(1 for _ in leaves(form))} indicator rows")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        times = []
        for i in range(runs):
            start = time.perf_counter()
            render_pdf(form, result, folder / f"ours{i}.pdf")
            times.append(time.perf_counter() - start)
        ours = statistics.median(times)
        print(f"reports.render_pdf: median {ours * 1000:.0f} ms of {runs} (first, with font loading: "
              f"{times[0] * 1000:.0f} ms)")
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            print("LibreOffice not installed (apt-get install libreoffice-calc-nogui): no comparison")
            return 0
        xlsx = folder / "form.xlsx"
        render_xlsx(form, result, xlsx)
        start = time.perf_counter()
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/lo-profile",
                        "--convert-to", "pdf", "--outdir", str(folder / "lo"), str(xlsx)],
                       check=True, capture_output=True)
        theirs = time.perf_counter() - start
        print(f"LibreOffice XLSX → PDF: {theirs * 1000:.0f} ms (one run, cold start included)")
        print(f"ratio: {theirs / ours:.1f}× (goal ≥ 10×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
