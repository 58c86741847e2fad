"""Wholly blank rows. A spare blank row beside filled ones: one BLANK_ROW info, not counted, kept in the
editor, left out of the printout. A category whose only row is blank (the new-form skeleton's row
under each 二级) has no indicator yet: one TARGET_MISSING asking to fill it in or delete it, printed."""
from __future__ import annotations

from model.form import Leaf
from model.skeletons import new_form
from model.store import Store
from model.tree import leaves
from reports.layout import Document
from reports.rows import build_document
from tests.ui.helpers import leaf_named, open_session
from ui.form_editor import FormEditor
from ui.editing.session import FormSession

BLANK_CODES = {"BLANK_ROW", "TARGET_MISSING", "ACTUAL_MISSING"}


def _codes(session: FormSession, leaf_id: int) -> set[str]:
    return {f.code for f in session.result.findings if f.node_id == leaf_id}


def _texts(doc: Document) -> list[str]:
    return [cell.text for sheet in doc.sheets for grid in sheet.grids for row in grid.rows for cell in row
            if cell is not None]


def test_an_unfilled_category_is_one_target_missing_until_something_is_typed(qapp, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = open_session(memory_store, new_form("project_self_eval", 2023, "central-2020"))
    blank = list(leaves(session.form))
    assert blank and all(leaf.name == "" for leaf in blank)
    for leaf in blank:
        assert _codes(session, leaf.id) & BLANK_CODES == {"TARGET_MISSING"}
    missing = [f for f in session.result.findings if f.code == "TARGET_MISSING"]
    assert len(missing) == len(blank) and {f.severity for f in missing} == {"error"}
    assert missing[0].field == "target" and "还没有填写任何指标" in missing[0].message
    assert "删除" in missing[0].message
    # A name makes it a real row: now it lacks its values.
    session.set_node_field(blank[0].id, "name", "培训人数")
    assert _codes(session, blank[0].id) & BLANK_CODES == {"TARGET_MISSING", "ACTUAL_MISSING"}
    session.undo_stack.undo()
    assert _codes(session, blank[0].id) & BLANK_CODES == {"TARGET_MISSING"}


def test_a_blank_row_counts_for_nothing_and_is_not_printed(qapp, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = open_session(memory_store)
    before = (session.result.total, [(g.path, g.weight, g.score) for g in session.result.groups])
    training = leaf_named(session, "康复训练人数")
    group = next(g for g in session.form.goals[0].indicators[0].children if training in g.children)
    blank_id = session.add_node(group.id)
    assert _codes(session, blank_id) == {"BLANK_ROW"}
    assert (session.result.total, [(g.path, g.weight, g.score) for g in session.result.groups]) == before
    # Kept in the editor …
    assert any(isinstance(n, Leaf) and n.id == blank_id for n in group.children)
    # … but the printout has exactly the rows it had before (and no 计分说明 line for it).
    printed = build_document(session.form, session.result, appendix=True)
    session.undo_stack.undo()
    assert _texts(printed) == _texts(build_document(session.form, session.result, appendix=True))


def test_a_group_holding_only_blank_rows_is_printed_as_unfilled(qapp, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    form = new_form("project_self_eval", 2023, "central-2020")
    first = next(iter(leaves(form)))
    first.name, first.target, first.actual, first.weight = "培训人数", "≥100人", "120人", 10
    session = open_session(memory_store, form)
    texts = _texts(build_document(session.form, session.result))
    assert "培训人数" in texts
    assert any("经济效益" in t for t in texts)  # unfilled, as paper forms print it; the checker asks about it
    assert len(list(leaves(session.form))) == len(list(leaves(new_form("project_self_eval", 2023, "central-2020"))))


def test_clicking_a_blank_row_finding_selects_its_name_cell(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    session = open_session(memory_store)
    training = leaf_named(session, "康复训练人数")
    group = next(g for g in session.form.goals[0].indicators[0].children if training in g.children)
    session.add_node(group.id)
    editor = FormEditor(session)
    qtbot.addWidget(editor)
    finding = next(f for f in session.result.findings if f.code == "BLANK_ROW")
    assert editor.select_finding(finding.node_id, finding.field, finding.path)
    view = editor.tree_view
    assert view is not None
    current = view.currentIndex()
    assert view.tree_model.node_id(current) == finding.node_id
    assert current.column() == view.tree_model.column_of("name")
