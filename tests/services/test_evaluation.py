"""A form whose inline `rules` object is invalid, through every caller of evaluate_with_profile.

It imports (the codec accepts any object), and then every place that scores it says in Chinese that
the form's rules are wrong and how to fix them: never 程序内部出错, and it never hides other forms.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from main import main
from model.codec import dump_form_file
from model.errors import JixiaoError
from model.form import Form
from model.store import Store
from model.tree import leaves
from tests.conftest import make_sample_form
from ui.services.evaluation import FormRulesError, evaluate_with_profile, profile_of
from ui.services.summary import load_summary

BAD_RULES = {"name": "本地规则", "place_rules": {"产出指标": {"type": "no-such-type"}}}
SAYS = "表格中的评分规则（rules）有误"


def bad_form() -> Form:
    form = make_sample_form()
    form.rules = dict(BAD_RULES)
    return form


def test_the_service_raises_a_chinese_jixiao_error() -> None:
    with pytest.raises(FormRulesError) as caught:
        evaluate_with_profile(bad_form())
    assert isinstance(caught.value, JixiaoError)
    message = str(caught.value)
    assert SAYS in message and "产出指标" in message and "可用的类型" in message and "残疾人康复训练补助项目" in message
    assert profile_of(make_sample_form()).name == "central-2020"


def test_the_session_reports_it_and_keeps_the_edit(qapp, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    from ui.editing.session import FormSession

    session = FormSession(memory_store, memory_store.add(bad_form()))
    errors: list[str] = []
    session.error.connect(errors.append)
    leaf = next(iter(leaves(session.form)))
    session.set_node_field(leaf.id, "actual", "90人")
    assert errors and SAYS in errors[-1] and "维护人员" not in errors[-1]
    assert memory_store.load(session.form.id or "").goals[0] is not None
    assert leaf.actual == "90人" and "90人" in memory_store.load_body(session.form.id or "")


def test_the_summary_keeps_the_row_with_the_reason(memory_store: Store) -> None:
    bad_id, good_id = memory_store.add(bad_form()), memory_store.add(make_sample_form())
    rows = {r.form_id: r for r in load_summary(memory_store).rows}
    assert rows[bad_id].total is None and rows[bad_id].note.startswith("无法评分：") and SAYS in rows[bad_id].note
    assert rows[good_id].total is not None


def test_the_bureau_view_lists_it(qtbot, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    from ui.bureau_view import BureauView

    bad_id = memory_store.add(bad_form())
    view = BureauView(None, memory_store)
    qtbot.addWidget(view)
    (row,) = view.visible_rows()
    assert row.form_id == bad_id and SAYS in row.note


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "bad.json"
    dump_form_file(bad_form(), path)
    assert json.loads(path.read_text("utf-8"))["rules"] == BAD_RULES
    return path


@pytest.mark.parametrize("command", [["score"], ["score", "--text"], ["render", "--pdf", "{dir}/x.pdf"]])
def test_score_and_render_commands_say_what_is_wrong(command: list[str], bad_file: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    # A file's rules are checked when it is read (model/rule_params.py), naming the key path.
    args = [a.replace("{dir}", str(bad_file.parent)) for a in command]
    assert main([args[0], str(bad_file), *args[1:]]) == 1
    err = capsys.readouterr().err
    assert "规则类型（rules.place_rules.产出指标.type）" in err and "程序内部出错" not in err
    assert not (bad_file.parent / "x.pdf").exists()


def test_summary_command_on_a_form_stored_by_an_older_version(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(data_dir)
    store.add(bad_form())  # files and packages refuse it now; an older version stored it
    store.close()
    assert main(["summary", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "无法评分" in out and SAYS in out and "程序内部出错" not in out
