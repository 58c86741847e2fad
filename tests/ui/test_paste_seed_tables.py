"""A seed table copied from Excel (tab-separated, blanks where cells were merged, the seed's own wording)
pasted into a new form lands every row under the right official category, scores included."""
from __future__ import annotations

import pytest

from model.form import Group
from model.skeletons import new_form
from model.store import Store
from tests.model.office.conftest import fixture
from tests.model.office.paper import paper_only, tree_rows
from tests.model.office.word_forms import Style, indicator_rows
from tests.ui.helpers import open_session
from ui.editing.clipboard import format_tsv, parse_tsv, rows_from_table

pytestmark = pytest.mark.gui
SELF_EVAL_FIELDS = ["name", "target", "actual", "weight", "score", "reason", "rule"]


@pytest.mark.parametrize("name", ["seed000_t1", "seed000_t2", "seed003_project"])
@pytest.mark.parametrize("with_heading", [True, False], ids=["with-heading", "rows-only"])
def test_pasted_seed_table_lands_under_official_categories(qapp: object, memory_store: Store, name: str,
                                                           with_heading: bool) -> None:
    paper = fixture(name)
    cells = indicator_rows(paper, 0, Style(merge_categories=True))  # blanks where the seed merges cells
    if not with_heading:
        cells = cells[1:]
    text = format_tsv(cells)
    form = new_form(paper.kind, paper.year, paper.profile_name())
    session = open_session(memory_store, form)
    goal = session.form.goals[0]
    session.paste_rows(goal.id, len(goal.indicators), rows_from_table(parse_tsv(text), SELF_EVAL_FIELDS))
    # The skeleton's empty rows stay (not compared); every pasted row is where the paper has it, with its score.
    pasted = [r[1:] for r in tree_rows(paper_only(session.form))]
    expected = [r[1:] for r in tree_rows(paper_only(paper))]
    strip = lambda rows: [(tuple(p[0] for p in path), *rest) for path, *rest in rows]  # noqa: E731
    assert strip(pasted) == strip(expected)
    top = [g.name for g in session.form.goals[0].indicators if isinstance(g, Group)]
    assert len(top) == len(set(top)), "no second 效益指标 beside the template's"
    assert session.undo_stack.count() == 1
