"""check.py's listing and file comparison rules, on a made-up listing and unpacked tree."""
from __future__ import annotations

from pathlib import Path

from installer import check

REPO_FILES = ["main.py", "resources/fonts/a.ttf", "resources/profiles/p.json"]


def test_a_complete_listing_passes() -> None:
    entries = [*check.REQUIRED, *(f"pkgs/{f}" for f in REPO_FILES)]
    assert check.check_listing(entries, REPO_FILES) == []


def test_listing_reports_missing_files_missing_fonts_and_pip() -> None:
    entries = [e for e in check.REQUIRED if e != "pkgs/PySide6/Qt6Widgets.dll"] + ["pkgs/main.py",
                                                                                    "pkgs/pip/__init__.py"]
    problems = check.check_listing(entries, ["main.py"])
    assert "missing from the installer: pkgs/PySide6/Qt6Widgets.dll" in problems
    assert any("resources/fonts/" in p for p in problems)
    assert any("resources/profiles/" in p for p in problems)
    assert "pip is bundled; it must be left out" in problems


def test_app_files_compare_byte_for_byte(tmp_path: Path) -> None:
    repo, root = tmp_path / "repo", tmp_path / "unpacked"
    for base, text in ((repo, "print(1)\n"), (root / "pkgs", "print(2)\n")):
        (base / "ui").mkdir(parents=True)
        (base / "ui" / "a.py").write_text(text)
    (root / "pkgs" / "ui" / "stray.py").write_text("")
    problems = check.check_app_files(root, ["ui/a.py", "ui/gone.py"], repo=repo)
    assert sorted(problems) == ["differs from the repository: ui/a.py", "not shipped: ui/gone.py",
                                "shipped but not in the repository: ui/stray.py"]
