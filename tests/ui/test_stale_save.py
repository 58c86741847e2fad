"""A second writer (issue #11 point 1): every save states its base revision; a stale save is refused,
the window shows what changed, reloads and keeps the user's cell as a draft. Never a silent overwrite."""
from __future__ import annotations

import pytest

from model.errors import StaleRevision
from model.package_apply import import_items
from model.package_read import read_package
from model.store import Store
from model.tree import leaves
from tests.conftest import FakeClock, make_sample_form
from tests.model.package_helpers import good_package
from ui.editing.session import FormSession
from ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def test_a_save_from_a_stale_base_is_refused_and_writes_nothing(memory_store: Store) -> None:
    form = make_sample_form()
    form_id = memory_store.add(form)
    mine, base = memory_store.load_with_revision(form_id)
    theirs = memory_store.load(form_id)
    theirs.header["preparer"] = "李华"
    assert memory_store.save(theirs, base) == 2
    mine.header["leader"] = "王芳"
    with pytest.raises(StaleRevision, match="第 1 版之后已存为第 2 版") as err:
        memory_store.save(mine, base)
    assert err.value.current == 2
    stored = memory_store.load(form_id)
    assert stored.header["preparer"] == "李华" and stored.header.get("leader") != "王芳"


def test_two_sessions_on_one_form_never_lose_the_first_writers_value(qapp, memory_store: Store) -> None:  # type: ignore[no-untyped-def]
    form_id = memory_store.add(make_sample_form())
    first, second = FormSession(memory_store, form_id), FormSession(memory_store, form_id)
    stale: list[str] = []
    second.stale.connect(stale.append)
    first.set_header("preparer", "李华")  # acknowledged: saved as revision 2
    leaf_id = next(leaves(second.form)).id
    second.set_node_field(leaf_id, "actual", "99人")
    assert stale and "没有保存" in stale[0] and second.unsaved
    assert memory_store.load(form_id).header["preparer"] == "李华"
    assert second.draft is not None and second.draft.value == "99人" and "实际完成值" in second.draft.text
    fresh = FormSession(memory_store, form_id)
    assert fresh.apply_draft(second.draft)
    stored = memory_store.load(form_id)
    assert stored.header["preparer"] == "李华" and next(leaves(stored)).actual == "99人"
    _close(first, second, fresh)


def _close(*sessions: FormSession) -> None:
    """Delete sessions as the window does (deleteLater), not through the garbage collector."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for session in sessions:
        session.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize("answer", [True, False])
def test_an_import_while_the_form_is_open_is_kept_and_the_users_cell_becomes_a_draft(
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, clock: FakeClock, answer: bool) -> None:  # type: ignore[no-untyped-def]
    form = make_sample_form()
    form_id = window.store.add(form)
    assert window.open_form(form_id)
    # A newer revision arrives from a package while the window has the form open.
    sender = Store.memory(clock)
    newer = make_sample_form()
    newer.id = form_id
    sender.add(newer)
    newer.header["preparer"] = "包里的填表人"
    sender.save(newer, 1)
    sender.save(newer, 2)
    import_items(window.store, read_package(good_package(sender)), "单位.jxpkg")
    assert window.store.revision(form_id) == 3
    asked: list[str] = []

    def confirm(_parent: object, text: str, **_kw: object) -> bool:
        asked.append(text)
        return answer
    monkeypatch.setattr("ui.messages.confirm", confirm)
    assert window.session is not None
    leaf_id = next(leaves(window.session.form)).id
    window.session.set_node_field(leaf_id, "actual", "窗口里填的88人")
    qtbot.waitUntil(lambda: bool(asked))
    assert "包里的填表人" in asked[0] and "窗口里填的88人" in asked[0]
    stored = window.store.load(form_id)
    assert stored.header["preparer"] == "包里的填表人"  # the import was not overwritten
    assert window.store.history_entries(form_id)  # nor its history
    assert window.session is not None and window.session.form.header["preparer"] == "包里的填表人"
    assert (next(leaves(stored)).actual == "窗口里填的88人") is answer
