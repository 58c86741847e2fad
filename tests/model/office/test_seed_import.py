"""Word versions of every seed table import into forms that say what the paper says and score alike."""
from __future__ import annotations

from pathlib import Path

import pytest

from model.office.reading import read_office_file
from tests.model.office.conftest import DOCUMENTS, fixture, write_seed_document
from tests.model.office.paper import funds_rows, paper_only, scored, tree_rows
from tests.model.office.word_forms import Style

CASES = [(doc, i, name) for doc, names in DOCUMENTS.items() for i, name in enumerate(names)]


@pytest.mark.parametrize(("doc", "index", "name"), CASES, ids=[c[2] for c in CASES])
def test_every_seed_table_imports_as_on_paper(seed_docs: dict[str, Path], doc: str, index: int, name: str) -> None:
    reading = read_office_file(seed_docs[doc])
    assert len(reading.forms) == len(DOCUMENTS[doc])
    found = reading.forms[index]
    expected = paper_only(fixture(name))
    if expected.kind == "evaluation":
        # The evaluation's money figures are in its report's 附件3 (资金使用情况明细表), not in the scoring table.
        expected.funds = None
        expected.extra.pop("fund_details", None)
        # Its 得分率 per category are printed in the report's summary table 表3-1, not in 附件1 either.
        assert expected.stated is not None
        expected.stated.pop("rates", None)
    form = found.form
    assert (form.kind, form.year, form.currency) == (expected.kind, expected.year, expected.currency)
    assert tree_rows(form) == tree_rows(expected)
    assert funds_rows(form) == funds_rows(expected)
    assert [(p.label, p.percent) for p in form.spending_plan or []] == \
        [(p.label, p.percent) for p in expected.spending_plan or []]
    if expected.stated and "total" in expected.stated:
        assert form.stated is not None and form.stated["total"] == expected.stated["total"]
    assert scored(form) == scored(expected)
    assert found.unplaced == []


def test_basic_data_sections_read_with_their_figures(seed_docs: dict[str, Path]) -> None:
    form = read_office_file(seed_docs["003"]).forms[0].form
    expected = fixture("seed003_basic")
    assert [(s.section, s.columns, s.text) for s in form.basic_data or []] == \
        [(s.section, s.columns, s.text) for s in expected.basic_data or []]
    assert [[(r.name, r.values) for r in s.rows or []] for s in form.basic_data or []] == \
        [[(r.name, r.values) for r in s.rows or []] for s in expected.basic_data or []]
    assert form.header["fill_date"] == "2024-10-10"


@pytest.mark.parametrize("style", [
    Style(merge_categories=False),
    Style(wording="variant"),
    Style(split_heading=True, facts_above=True),
    Style(swap_columns=True, wording="variant"),
], ids=["repeated-categories", "variant-wording", "split-heading-facts-above", "swapped-columns"])
def test_layout_variants_read_the_same(tmp_path: Path, style: Style) -> None:
    for doc in ("000", "003"):
        reading = read_office_file(write_seed_document(doc, tmp_path / f"{doc}.docx", style))
        for found, name in zip(reading.forms, DOCUMENTS[doc]):
            expected = paper_only(fixture(name))
            assert tree_rows(found.form) == tree_rows(expected), name
            assert found.form.header.get("project_name") == expected.header.get("project_name")
