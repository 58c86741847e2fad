"""Start-menu entry point of the installed program: runs the repository's main.py as __main__.

pynsist's shortcut calls `jixiao_launcher:run`; going through runpy keeps main.py free to name its
own start function and lets `python main.py` and the shortcut behave the same.
"""
from __future__ import annotations

import runpy


def run() -> None:
    """Run the top-level module `main` exactly as `python main.py` would."""
    runpy.run_module("main", run_name="__main__", alter_sys=True)
