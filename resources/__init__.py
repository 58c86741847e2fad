"""Locates the files shipped with the program (fonts, profiles, samples, icons).

Pure Python, no Qt, so that reports/ and the command line can use it. When the program runs from
the Windows installer the package sits beside the other packages, so the same relative lookup works.
"""
from __future__ import annotations

from pathlib import Path

_ROOT = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """Return the path of a shipped resource.

    Args:
        parts: path components below resources/, e.g. ("profiles", "central-2020.json").

    Returns:
        The absolute path (it may not exist; callers decide what a missing file means).
    """
    return _ROOT.joinpath(*parts)


def profiles_dir() -> Path:
    """Folder of the scoring profiles (JSON)."""
    return resource_path("profiles")


def samples_dir() -> Path:
    """Folder of the sample forms loaded into an empty database on first start."""
    return resource_path("samples")


def fonts_dir() -> Path:
    """Folder of the bundled CJK fonts and their licences."""
    return resource_path("fonts")
