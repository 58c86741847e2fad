"""First run on stock Debian (issue #11 point 11): outside a virtual environment every make target
uses the project's .venv (Debian's python3 refuses pip install, PEP 668); the README never says
`python` (absent on stock Debian) and keeps its two set-up commands."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from tests.conftest import REPO


def _dry_run(target: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHON")}
    return subprocess.run(["make", "-n", target], cwd=REPO, env={**clean, **env}, capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("target", ["run", "test", "installer-wine-check", "soak"])
def test_outside_a_virtual_environment_make_uses_the_project_venv(target: str) -> None:
    commands = _dry_run(target)
    assert "python3 -m venv --system-site-packages .venv" in commands or (REPO / ".venv").exists()
    python_calls = re.findall(r"(\S*python3?)(?= )", commands)
    assert python_calls and all(c in (".venv/bin/python3", "python3") for c in python_calls)
    assert not re.search(r"(?<![/\w])python3 -m pip", commands)  # never pip into the system python3
    assert not re.search(r"(?<![/\w.])python3 (main\.py|installer/|bench/|\.ci/)", commands)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_inside_a_virtual_environment_make_uses_it() -> None:
    commands = _dry_run("test", VIRTUAL_ENV="/somewhere/venv")
    assert ".venv" not in commands and "python3 -m mypy" in commands


def test_the_readme_never_says_python_and_keeps_two_set_up_commands() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    assert not re.search(r"(?<![\w./-])python(?![\w-])", readme)
    block = re.search(r"## 两条命令.*?```sh\n(.*?)```", readme, re.S)
    assert block is not None
    assert [line.split()[:2] for line in block.group(1).splitlines()] == [["make", "run"], ["make", "test"]]
