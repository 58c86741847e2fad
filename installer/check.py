"""Checks a built installer here on Linux: contents, signatures, the program's files, the size.

`python installer/check.py [dist/Jixiao-<version>-setup.exe]` (run by `make installer`) prints one
line per check and exits non-zero if any fails. tests/installer/test_built_installer.py runs the same.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from installer import build, signatures  # noqa: E402  (needs the repo on sys.path)

MAX_BYTES = 60 * 1000 * 1000
REQUIRED = ("Python/python.exe", "Python/pythonw.exe", "Python/python311.dll",
            "Python/python311.zip", "Python/python311._pth", "pkgs/PySide6/Qt6Core.dll",
            "pkgs/PySide6/Qt6Widgets.dll", "pkgs/PySide6/plugins/platforms/qwindows.dll",
            "pkgs/PySide6/plugins/platforms/qoffscreen.dll",
            "pkgs/jixiao_launcher.py", "Jixiao.launch.pyw", "jixiao.ico", "uninstall.exe")


def default_installer() -> Path:
    """Where `make installer` puts the installer of the current version."""
    return build.DIST / build.installer_name(build.project_version())


def list_entries(installer: Path) -> list[str]:
    """The paths inside the NSIS installer, as 7z lists them (posix separators)."""
    out = subprocess.run(["7z", "l", "-slt", "-ba", str(installer)], capture_output=True,
                         text=True, check=True).stdout
    return [m.group(1).replace("\\", "/") for m in re.finditer(r"^Path = (.+)$", out, re.M)]


def wanted_entries(repo_files: list[str]) -> list[str]:
    """Every path the installer must hold: the fixed list plus each of the program's own files."""
    return [*REQUIRED, *(f"pkgs/{rel}" for rel in repo_files)]


def check_listing(entries: list[str], repo_files: list[str]) -> list[str]:
    """Problems with the listing: missing paths, no fonts or profiles, pip left in."""
    present = set(entries)
    problems = [f"missing from the installer: {path}" for path in wanted_entries(repo_files)
                if path not in present]
    for folder in ("fonts", "profiles"):
        if not any(rel.startswith(f"resources/{folder}/") for rel in repo_files):
            problems.append(f"resources/{folder}/ holds no tracked file in the repository, "
                            "so the installer ships none")
    if any(e.startswith("pkgs/pip/") for e in entries):
        problems.append("pip is bundled; it must be left out")
    return problems


def check_app_files(root: Path, repo_files: list[str], repo: Path = REPO) -> list[str]:
    """Compare the unpacked program files (root/pkgs/…) byte for byte with the repository."""
    problems = []
    for rel in repo_files:
        shipped = root / "pkgs" / rel
        if not shipped.is_file():
            problems.append(f"not shipped: {rel}")
        elif shipped.read_bytes() != (repo / rel).read_bytes():
            problems.append(f"differs from the repository: {rel}")
    wanted = set(repo_files)
    for top in build.APP_MODULES:
        folder = root / "pkgs" / top
        if folder.is_dir():
            for path in folder.rglob("*"):
                rel = path.relative_to(root / "pkgs").as_posix()
                if path.is_file() and rel not in wanted:
                    problems.append(f"shipped but not in the repository: {rel}")
    return problems


def check_size(installer: Path) -> list[str]:
    """The installer must stay within 60 MB."""
    size = installer.stat().st_size
    return [] if size <= MAX_BYTES else [f"{installer.name} is {size / 1e6:.1f} MB (> 60 MB)"]


def run_checks(installer: Path) -> dict[str, list[str]]:
    """Run every check; map each check's name to its problems (empty = passed)."""
    repo_files = build.app_files()
    results = {"size ≤ 60 MB": check_size(installer),
               "7z lists the needed files": check_listing(list_entries(installer), repo_files)}
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["7z", "x", "-y", f"-o{tmp}", str(installer)], capture_output=True,
                       check=True)
        root = Path(tmp)
        results["Python binaries PSF-signed"] = signatures.check_python_binaries(root / "Python")
        results["program files match the repository"] = check_app_files(root, repo_files)
    return results


def main(argv: list[str]) -> int:
    """Command line: print PASS/FAIL per check; exit status 1 if any failed."""
    installer = Path(argv[0]) if argv else default_installer()
    if not installer.is_file():
        print(f"{installer} does not exist: run `make installer` first", file=sys.stderr)
        return 2
    failed = False
    for name, problems in run_checks(installer).items():
        print(f"{'PASS' if not problems else 'FAIL'}  {name}")
        for problem in problems:
            print(f"      {problem}")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
