"""Command output redirected to a file is UTF-8 even where the code page cannot hold the text."""
from __future__ import annotations

import io
import json
import sys

import pytest

from main import main
from tests.conftest import REPO

SAMPLE = REPO / "resources" / "samples" / "08-seed004_eval.json"


def test_redirected_output_is_utf8_on_a_gbk_code_page(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    gbk = io.TextIOWrapper(raw, encoding="gbk")  # what a redirect gets on a Chinese Windows
    monkeypatch.setattr(sys, "stdout", gbk)
    assert main(["score", str(SAMPLE)]) == 0
    gbk.flush()
    text = raw.getvalue().decode("utf-8")
    assert "−" in text  # U+2212 (in the 计算过程) has no GBK encoding: strict GBK would have raised
    assert json.loads(text)["profile"] == "xinjiang-eval-2022"
