"""Jixiao 绩效自评助手: starts the window, or runs one command without a window.

`python3 main.py` opens the program on the default database; `python3 main.py --help` lists the
commands (list, import, export-json, score, render, export-package, import-package, summary).
"""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the program; returns the process exit code."""
    _utf8_when_redirected()  # one rule for everything printed: --help, usage errors, commands, notices
    from ui.cli.main import build_parser, run_command

    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if getattr(args, "command", None):
        return run_command(args)
    from ui.app import run_gui

    return run_gui(args)


def _utf8_when_redirected() -> None:
    """Write UTF-8 to files and pipes (score > out.json), whatever the Windows code page.

    On a Chinese Windows a redirected stream is GBK, which cannot encode every character a form may
    hold (U+2212 "−" in seed 004), and on code page 1252 no Chinese at all; a console is unaffected.
    """
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and not stream.isatty():
            stream.reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
