"""Windows wheels for the bundle: a hash-pinned lock made from pyproject.toml, and its download.

`python -m installer.wheels lock` (make installer-lock) refreshes requirements-win.txt after a change
of the runtime dependencies; the build only downloads what that file pins.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from installer.embed_python import sha256_of

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LOCK = HERE / "requirements-win.txt"
WIN_ARGS = ["--platform", "win_amd64", "--only-binary=:all:", "--python-version", "3.11",
            "--implementation", "cp"]
# sqlite-utils declares pip as a dependency (for its `install` command); the program never uses it.
LEFT_OUT = {"pip"}


def normalise(name: str) -> str:
    """PEP 503 name normalisation (PySide6_Essentials → pyside6-essentials)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_requirements(pyproject: Path = REPO / "pyproject.toml") -> list[str]:
    """The [project].dependencies of pyproject.toml."""
    with pyproject.open("rb") as fh:
        return list(tomllib.load(fh)["project"]["dependencies"])


def requirement_name(requirement: str) -> str:
    """The normalised distribution name of a requirement string such as 'reportlab>=4.0'."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    if not match:
        raise ValueError(f"cannot read a package name from {requirement!r}")
    return normalise(match.group(1))


def wheel_name_version(filename: str) -> tuple[str, str]:
    """(normalised name, version) from a wheel file name."""
    name, version = filename.split("-")[:2]
    return normalise(name), version


def locked_names(lock: Path = LOCK) -> set[str]:
    """Normalised names pinned in the lock file."""
    names = set()
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            names.add(requirement_name(line))
    return names


def missing_from_lock(requirements: list[str], lock: Path = LOCK) -> list[str]:
    """Runtime requirements whose package the lock does not pin (the lock is then stale)."""
    pinned = locked_names(lock) if lock.is_file() else set()
    return [req for req in requirements if requirement_name(req) not in pinned]


def write_lock(lock: Path = LOCK) -> list[str]:
    """Resolve the runtime requirements for Windows and pin every wheel by sha256."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", *WIN_ARGS, "-d", tmp,
                        *runtime_requirements()], check=True)
        lines = []
        for wheel in sorted(Path(tmp).glob("*.whl")):
            name, version = wheel_name_version(wheel.name)
            if name not in LEFT_OUT:
                lines.append(f"{name}=={version} --hash=sha256:{sha256_of(wheel)}")
    header = ("# Windows (win_amd64, CPython 3.11) wheels bundled into the installer, pinned by hash.\n"
              "# Made by `make installer-lock` from pyproject.toml's dependencies; pip is left out.\n")
    lock.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return lines


def download(dest: Path, lock: Path = LOCK) -> list[Path]:
    """Download the locked wheels into `dest` (pip checks every hash) and return their paths."""
    dest.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", *WIN_ARGS, "--no-deps",
                    "--require-hashes", "-r", str(lock), "-d", str(dest)], check=True)
    # The cache may still hold wheels of an earlier lock: take exactly the pinned versions.
    pinned = locked_pins(lock)
    return sorted(w for w in dest.glob("*.whl") if wheel_name_version(w.name) in pinned)


def locked_pins(lock: Path = LOCK) -> set[tuple[str, str]]:
    """(normalised name, version) of every wheel pinned in the lock file."""
    pins = set()
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", line)
        if match and not line.lstrip().startswith("#"):
            pins.add((normalise(match.group(1)), match.group(2)))
    return pins


if __name__ == "__main__":
    if sys.argv[1:] == ["lock"]:
        print("\n".join(write_lock()))
    else:
        sys.exit("usage: python -m installer.wheels lock")
