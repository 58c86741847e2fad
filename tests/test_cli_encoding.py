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


@pytest.mark.parametrize("argv, code", [(["--help"], 0), (["score", "--help"], 0), (["no-such-command"], 2),
                                        (["list", "--year", "x"], 2)])
@pytest.mark.parametrize("stream", ["stdout", "stderr"])
def test_help_and_usage_errors_follow_the_same_rule_on_code_page_1252(
        monkeypatch: pytest.MonkeyPatch, argv: list[str], code: int, stream: str) -> None:
    # `main.py --help | more` under Wine was written in the code page, and cp1252 has no Chinese at all.
    raw = io.BytesIO()
    latin = io.TextIOWrapper(raw, encoding="cp1252")
    monkeypatch.setattr(sys, stream, latin)
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == code
    latin.flush()
    text = raw.getvalue().decode("utf-8")
    assert text == "" or any("\u4e00" <= c <= "\u9fff" for c in text)
