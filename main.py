"""Jixiao 绩效自评助手: starts the window, or runs one command without a window.

`python main.py` opens the program on the default database; `python main.py --help` lists the
commands (list, import, export-json, score, render, export-package, import-package).
"""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the program; returns the process exit code."""
    from ui.cli import build_parser, run_command

    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if getattr(args, "command", None):
        return run_command(args)
    from ui.app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
