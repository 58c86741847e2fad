"""Decides which files of the unpacked wheels the program ships (the Qt trim).

The program is a QtWidgets program: QML/Quick, Designer, the developer tools, software OpenGL,
headers, type stubs and translations other than zh_CN are removed (about half of PySide6).
"""
from __future__ import annotations

import shutil
from pathlib import Path

# Qt modules the program may import (ui/ owners: ask here before using another one).
QT_MODULES = ("Core", "Gui", "Widgets", "Svg", "SvgWidgets", "PrintSupport", "Network", "Concurrent")
_QT_DLLS = {f"qt6{m.lower()}.dll" for m in QT_MODULES}
_QT_PYDS = {f"qt{m.lower()}.pyd" for m in QT_MODULES}
_PLUGIN_DIRS_KEPT = {"platforms", "styles", "imageformats", "iconengines"}
# qwindows draws the window; qoffscreen (110 KB) serves `main.py --screenshot`, which asks for it
# (ui/app.py) — without it Qt aborts the program with no message on Windows.
_PLATFORMS_KEPT = {"qwindows.dll", "qoffscreen.dll"}
_TRANSLATIONS_KEPT = {"qt_zh_CN.qm", "qtbase_zh_CN.qm"}
_DROPPED_SUFFIXES = (".pyi", ".lib", ".exe", ".h", ".cmake")
_DROPPED_PYSIDE_DIRS = {"qml", "include", "typesystems", "metatypes", "scripts", "doc", "lib",
                        "glue"}
_DROPPED_PACKAGES = {"pip", "bin"}


def keep(rel: str) -> bool:
    """True if the file at `rel` (posix path below pkgs/, e.g. 'PySide6/Qt6Core.dll') is shipped."""
    parts = rel.split("/")
    name = parts[-1]
    low = name.lower()
    if parts[0] in _DROPPED_PACKAGES or parts[0].startswith("pip-") or "__pycache__" in parts:
        return False
    if low.endswith(_DROPPED_SUFFIXES):
        return False
    if parts[0] not in ("PySide6", "shiboken6"):
        return True
    if parts[0] == "shiboken6" or len(parts) == 1:
        return True
    if len(parts) == 2:  # PySide6/<file>
        if low.startswith("qt6") and low.endswith(".dll"):
            return low in _QT_DLLS
        if low.startswith("qt") and low.endswith(".pyd"):
            return low in _QT_PYDS
        return low not in {"opengl32sw.dll", "pyside6qml.abi3.dll"}
    sub = parts[1]
    if sub in _DROPPED_PYSIDE_DIRS:
        return False
    if sub == "translations":
        return name in _TRANSLATIONS_KEPT
    if sub == "plugins":
        folder = parts[2] if len(parts) > 3 else ""
        if folder not in _PLUGIN_DIRS_KEPT:
            return False
        return folder != "platforms" or low in _PLATFORMS_KEPT
    return True


def trim_tree(pkgs: Path, protected: frozenset[str] = frozenset()) -> tuple[int, int]:
    """Delete the unwanted files below `pkgs` (and folders left empty).

    Args:
        pkgs: the unpacked pkgs/ folder of the build.
        protected: top-level names below pkgs/ that are never trimmed (the program's own files).

    Returns:
        (files removed, bytes removed)
    """
    count = size = 0
    for path in sorted(pkgs.rglob("*")):
        rel = path.relative_to(pkgs).as_posix()
        if rel.split("/")[0] in protected:
            continue
        if path.is_file() and not keep(rel):
            size += path.stat().st_size
            count += 1
            path.unlink()
    for folder in sorted((p for p in pkgs.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    for pip_dir in pkgs.glob("pip*"):
        shutil.rmtree(pip_dir, ignore_errors=True)
    return count, size
