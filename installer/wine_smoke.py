"""Runs INSIDE the bundle's Windows Python (under Wine): imports, scores and renders one sample.

installer/wine_check.py copies this file next to Jixiao.launch.pyw in the unpacked installer and
runs `Python\\python.exe wine_smoke.py OUT.pdf OUT.xlsx`; it prints `SMOKE OK` when all went well.
"""
from __future__ import annotations

import os
import site
import sys

# The same search path as the generated Jixiao.launch.pyw (pkgs first, its .pth files honoured).
PKGS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pkgs")
sys.path.insert(0, PKGS)
site.addsitedir(PKGS)


def main(pdf_out: str, xlsx_out: str) -> None:
    """Print what was loaded from where, then score sample 01 and write its PDF and XLSX."""
    import platform
    import sqlite3
    from pathlib import Path

    import openpyxl
    import reportlab
    import sqlite_utils

    from model.codec import load_form
    from model.store import Store
    from reports import render_pdf, render_xlsx
    from resources import samples_dir
    from ui.services.evaluation import evaluate_with_profile

    print("python", sys.version.split()[0], platform.platform(), "sqlite", sqlite3.sqlite_version)
    print("reportlab", reportlab.Version, "openpyxl", openpyxl.__version__,
          "sqlite_utils from", Path(sqlite_utils.__file__).parent)
    sample = sorted(samples_dir().glob("01-*.json"))[0]
    form = load_form(sample)
    store = Store.memory()  # sqlite3.pyd + sqlite-utils: one write and read back
    form_id = store.add(form)
    form = store.load(form_id)
    store.close()
    result = evaluate_with_profile(form)
    print("sample", sample.name, "total", result.to_json()["total"])
    render_pdf(form, result, Path(pdf_out), appendix=True, findings=True)
    render_xlsx(form, result, Path(xlsx_out), appendix=True, findings=True)
    print("SMOKE OK")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
