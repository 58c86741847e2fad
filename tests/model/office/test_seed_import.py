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


SAMPLES = sorted((Path(__file__).resolve().parents[3] / "resources" / "samples").glob("*.json"))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_word_versions_of_the_samples_score_as_the_samples(tmp_path: Path, sample: Path) -> None:
    """`score` of an imported sample gives the paper's figures and the same findings as the hand-made one."""
    from model.codec import load_form
    from tests.model.office.conftest import write_forms

    form = load_form(sample)
    found = read_office_file(write_forms([form], tmp_path / "sample.docx")).forms
    assert len(found) == 1
    expected = paper_only(form)
    if form.kind == "evaluation":
        expected.funds = None
    assert tree_rows(found[0].form) == tree_rows(expected)
    assert scored(found[0].form) == scored(expected)


def test_heading_split_with_level_names_in_the_second_row(tmp_path: Path) -> None:
    """绩效指标 (over three columns) | 年度指标值 | … above 一级指标 | 二级指标 | 三级指标: every column is found."""
    import docx

    d = docx.Document()
    d.add_paragraph("项目支出绩效自评表")
    d.add_paragraph("（2022年度）")
    d.add_paragraph("项目名称：示例项目")
    rows = [["绩效指标", "", "", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["一级指标", "二级指标", "三级指标", "", "", "", "", ""],
            ["产出指标", "数量指标", "培训人数", "≥100人", "90人", "10", "9", "资金晚到"],
            ["", "", "培训期数", "2期", "2期", "10", "10", ""],
            ["满意度", "服务对象满意度", "满意度", "≥90%", "95%", "10", "10", ""]]
    t = d.add_table(rows=len(rows), cols=8)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    t.cell(0, 0).merge(t.cell(0, 2))
    for c in range(3, 8):
        t.cell(0, c).merge(t.cell(1, c))
    t.cell(2, 0).merge(t.cell(3, 0))
    t.cell(2, 1).merge(t.cell(3, 1))
    d.save(str(tmp_path / "split.docx"))
    found = read_office_file(tmp_path / "split.docx").forms
    assert len(found) == 1 and found[0].unplaced == []
    form = found[0].form
    assert (form.kind, form.year, form.header["project_name"]) == ("project_self_eval", 2022, "示例项目")
    rows_read = tree_rows(form)
    assert [(r[1][0][0], r[1][1][0], r[2], r[5], r[6], r[7], r[8], r[9]) for r in rows_read] == [
        ("产出指标", "数量指标", "培训人数", "≥100人", "90人", 10, 9, "资金晚到"),
        ("产出指标", "数量指标", "培训期数", "2期", "2期", 10, 10, None),
        ("满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 10, 10, None)]
