"""After a refused stale save: reload the newer revision, show what changed, offer the user's draft.

Another window, an import or the command line saved the open form since the window read it; the
window's save was refused (model.store.Store.save), so nothing was overwritten. Here the window
reopens the stored revision, lists how it differs from what the window showed, and asks whether
to put the user's unsaved cell (the draft) into the newer revision.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from model.form_diff import changes

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def reload_after_stale(window: MainWindow, message: str) -> None:
    """Close the stale session, reopen the stored form and tell the user (see module docstring)."""
    from ui.messages import confirm, show_info

    session = window.session
    if session is None or session.form.id is None:
        return
    form_id, mine, draft = session.form.id, session.form, session.draft
    window._close_session()
    window.navigator.reload()
    if not window.open_form(form_id) or window.session is None:
        kept = f"\n\n您未保存的修改：{draft.text}" if draft else ""
        show_info(window, f"{message}\n\n这张表格已不在数据库中（可能已被删除），无法重新打开。{kept}",
                  title="表格已被改动")
        return
    fresh = window.session
    lines = changes(mine, fresh.form)
    listed = "\n".join(f"· {line}" for line in lines) or "· （内容相同）"
    text = (f"{message}\n\n已重新读取最新的第 {fresh.revision} 版。它与您窗口中原来的内容相比：\n{listed}")
    if draft is None:
        show_info(window, text, title="表格已被改动")
        return
    if confirm(window, f"{text}\n\n您刚才的修改没有保存，已保留为草稿：\n{draft.text}\n\n要把它填入最新版本吗？",
               yes="填入我的修改", no="放弃我的修改", title="表格已被改动"):
        if not fresh.apply_draft(draft):
            show_info(window, f"草稿“{draft.text}”对应的位置在最新版本中已不存在，没有填入。请手工重新填写。",
                      title="草稿未填入")
