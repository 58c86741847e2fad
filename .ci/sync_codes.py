"""Rewrite the 级别 column of the finding-code tables in docs/findings.md and docs/scoring.md from
scoring/codes.py (one source of truth). `--check` only reports whether they are in step (exit 1 if not).

Run as `make docs-codes` after adding or changing a code in scoring/codes.py.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.codes import sync_severity_column  # noqa: E402

DOCS = (ROOT / "docs" / "findings.md", ROOT / "docs" / "scoring.md")


def main(argv: list[str]) -> int:
    """Sync (or with --check, compare) every doc; returns the exit code."""
    stale = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        synced = sync_severity_column(text)
        if synced != text:
            stale.append(path.name)
            if "--check" not in argv:
                path.write_text(synced, encoding="utf-8")
    if stale:
        print(("out of step: " if "--check" in argv else "updated: ") + ", ".join(stale))
    return 1 if stale and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
