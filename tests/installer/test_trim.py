"""The Qt trim keeps what a QtWidgets program needs and drops QML, tools, stubs and pip."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from installer.trim import keep, trim_tree


@pytest.mark.parametrize("rel", [
    "PySide6/__init__.py", "PySide6/Qt6Core.dll", "PySide6/Qt6Gui.dll", "PySide6/Qt6Widgets.dll",
    "PySide6/QtWidgets.pyd", "PySide6/pyside6.abi3.dll", "PySide6/vcruntime140.dll",
    "PySide6/plugins/platforms/qwindows.dll", "PySide6/plugins/styles/qmodernwindowsstyle.dll",
    "PySide6/plugins/imageformats/qico.dll", "PySide6/translations/qtbase_zh_CN.qm",
    "shiboken6/shiboken6.abi3.dll", "reportlab/pdfbase/ttfonts.py", "openpyxl/__init__.py",
    "resources/icons/jixiao.ico",
])
def test_keeps_what_the_program_needs(rel: str) -> None:
    assert keep(rel)


@pytest.mark.parametrize("rel", [
    "PySide6/opengl32sw.dll", "PySide6/Qt6Quick.dll", "PySide6/Qt6Qml.dll",
    "PySide6/Qt6Designer.dll", "PySide6/QtQuick.pyd", "PySide6/QtOpenGL.pyd",
    "PySide6/QtCore.pyi", "PySide6/designer.exe", "PySide6/pyside6.abi3.lib",
    "PySide6/qml/QtQuick/Controls/Basic/Button.qml", "PySide6/include/pyside.h",
    "PySide6/translations/qtbase_de.qm", "PySide6/translations/designer_zh_CN.qm",
    "PySide6/plugins/platforms/qdirect2d.dll", "PySide6/plugins/sqldrivers/qsqlite.dll",
    "PySide6/plugins/qmltooling/qmldbg_debugger.dll", "pip/__init__.py",
    "PIL/__pycache__/Image.cpython-311.pyc",
])
def test_drops_what_the_program_does_not_use(rel: str) -> None:
    assert not keep(rel)


# `environ["QT_QPA_PLATFORM"] = "x"` or `environ.setdefault("QT_QPA_PLATFORM", "x")`
_PLATFORM_SET = re.compile(r"""QT_QPA_PLATFORM["']\s*(?:\]\s*=|,)\s*["'](\w+)["']""")


def test_keeps_every_platform_plugin_the_program_asks_for() -> None:
    """`main.py --screenshot` sets QT_QPA_PLATFORM=offscreen; a trimmed plugin aborts it on Windows."""
    repo = Path(__file__).resolve().parents[2]
    sources = [repo / "main.py", *sorted((repo / "ui").rglob("*.py"))]
    asked = {name for path in sources if path.is_file()
             for name in _PLATFORM_SET.findall(path.read_text(encoding="utf-8"))}
    assert "offscreen" in asked  # the pattern still matches how ui/app.py sets it
    for name in asked:
        assert keep(f"PySide6/plugins/platforms/q{name}.dll"), name


def test_trim_tree_spares_protected_folders_and_removes_empty_ones(tmp_path: Path) -> None:
    for rel in ("PySide6/Qt6Core.dll", "PySide6/qml/a/b.qml", "ui/tool.exe", "pip/x.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"1234")
    removed, size = trim_tree(tmp_path, protected=frozenset({"ui"}))
    assert (removed, size) == (2, 8)
    assert (tmp_path / "PySide6/Qt6Core.dll").is_file()
    assert (tmp_path / "ui/tool.exe").is_file()  # the program's own files are never trimmed
    assert not (tmp_path / "PySide6/qml").exists()
    assert not (tmp_path / "pip").exists()
