"""Start-up time and peak memory: a fresh process to the main window shown with a form open (offscreen).

Run: `python bench/bench_startup.py [runs]`. Each run is a new Python process (imports count),
on a fresh data folder with the sample forms, so the figures include seeding on first start.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_CHILD = r"""
import time, sys
t0 = time.perf_counter()
sys.path.insert(0, {repo!r})
from pathlib import Path
from PySide6.QtCore import QSettings
from ui.app import make_app, build_window
app = make_app()
t_qt = time.perf_counter()
window = build_window(Path({data!r}), qsettings=QSettings({ini!r}, QSettings.Format.IniFormat))
window.show()
app.processEvents()
t_shown = time.perf_counter()
window.restore_last_form()
app.processEvents()
t_form = time.perf_counter()
import resource
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
print(f"{{t_qt - t0:.3f}} {{t_shown - t0:.3f}} {{t_form - t0:.3f}} {{rss_mb:.1f}}")
window.close(); window.store.close()
"""


def run_once(first_start: bool) -> tuple[float, float, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        data, ini = Path(tmp) / "data", str(Path(tmp) / "ui.ini")
        code = _CHILD.format(repo=str(REPO), data=str(data), ini=ini)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        if not first_start:  # a second start: database and samples already there
            subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
        out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
        qt, shown, form, rss = (float(x) for x in out.stdout.split())
        return qt, shown, form, rss


def main(runs: int = 5) -> None:
    for first in (True, False):
        samples = [run_once(first) for _ in range(runs)]
        label = "first start (creates DB, loads samples)" if first else "later start"
        qt, shown, form, rss = (statistics.median(s[i] for s in samples) for i in range(4))
        print(f"{label}: QApplication {qt * 1000:.0f} ms, window shown {shown * 1000:.0f} ms, "
              f"form open {form * 1000:.0f} ms, peak memory {rss:.0f} MB (median of {runs})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
