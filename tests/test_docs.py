"""The documents the code cites are in the repository: every docs/*.md named exists, and every
“docs/rules.md §N.M” names a section of it (no comment points outside the repository)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO

CODE = [p for pkg in ("model", "scoring", "reports", "resources", "ui", "tests", "bench", "installer")
        for p in sorted((REPO / pkg).rglob("*.py"))] + [REPO / "main.py"]


def _cited(pattern: str) -> list[tuple[Path, str]]:
    return [(p, m) for p in CODE for m in re.findall(pattern, p.read_text("utf-8"))]


def test_cited_documents_exist() -> None:
    missing = sorted({f"{p.relative_to(REPO)}: {doc}" for p, doc in _cited(r"docs/[\w-]+\.md")
                      if not (REPO / doc).is_file()})
    assert missing == []


def test_cited_rule_sections_exist() -> None:
    headings = set(re.findall(r"^#+ (\d+(?:\.\d+)?)[. ]", (REPO / "docs" / "rules.md").read_text("utf-8"), re.M))
    cited = {(p, n) for p, text in _cited(r"docs/rules\.md((?:(?:,| /|、)? ?§\d+(?:\.\d+)?)+)")
             for n in re.findall(r"\d+(?:\.\d+)?", text)}
    assert sorted(f"{p.relative_to(REPO)}: §{n}" for p, n in cited if n not in headings) == []


@pytest.mark.parametrize("design", ["domain.md", "form-format.md"])
def test_no_comment_cites_the_design_folder(design: str) -> None:
    outside = [str(p.relative_to(REPO)) for p in CODE
               if re.search(rf"(?<![\w/]){re.escape(design)}", p.read_text("utf-8"))
               and p.name != "test_docs.py"]
    assert outside == []
