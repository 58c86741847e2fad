"""Signing, unlocking and reporting the sign-off state of a stored form (the window and `sign`/`unlock`/`status`).

Each write loads the stored form, applies model/signoff.py and saves it as the next revision with
the replaced one kept in history (so 历史版本 can show the signed content against later ones).
"""
from __future__ import annotations

from dataclasses import dataclass

from model.form import Form
from model.form_diff import Change
from model.signoff import MODIFIED, SignEvent, Status, event_text, sign, status, unlock
from model.signoff_history import changes_since_signing
from model.store import Store


def today(store: Store) -> str:
    """The store clock's date as YYYY-MM-DD (the default signing date)."""
    return store.clock().date().isoformat()


def sign_form(store: Store, form_id: str, role: str, name: str, date: str | None = None) -> Status:
    """Sign a stored form as `role`; raises SignOffError (nothing saved) when not allowed."""
    base, form = store.revision(form_id), store.load(form_id)
    result = sign(form, role, name, date or today(store))
    store.save_keeping(form, f"{role}签字前", base)
    return result


def unlock_form(store: Store, form_id: str, reason: str, name: str | None = None,
                date: str | None = None) -> Status:
    """Return a signed form to 草稿 with a reason; raises SignOffError (nothing saved) when not allowed."""
    base, form = store.revision(form_id), store.load(form_id)
    result = unlock(form, reason, date or today(store), name)
    store.save_keeping(form, "解锁前（已签字的一版）", base)
    return result


@dataclass(frozen=True)
class StatusReport:
    """A form's state, its signatures, its history and the changes since the last signing."""

    form: Form
    status: Status
    changes: list[Change] | None

    @property
    def history(self) -> list[SignEvent]:
        """Every signing and unlock, oldest first."""
        return list(self.form.signoff.history) if self.form.signoff else []

    def lines(self) -> list[str]:
        """The report as the `status` command prints it (and the window's 签字记录 shows it)."""
        s = self.status
        out = [f"状态：{s.label}" + (f"（原状态：{s.state}）" if s.modified else "")]
        if s.locked:
            out.append("已审核，内容已锁定。")
        for sig in s.signatures:
            out.append(f"{sig.role}：{sig.name}　{sig.date}")
        if self.form.signoff is None or self.form.signoff.fingerprint is None:
            out.append("内容指纹：未签字，没有指纹。")
        elif s.modified:
            out.append(f"内容指纹：不一致——{MODIFIED}。")
        else:
            out.append("内容指纹：与签字时的内容一致。")
        if self.changes:
            out.append(f"签字后的改动（{len(self.changes)} 处）：")
            out.extend(f"  {c.text()}" for c in self.changes)
        elif s.modified:
            out.append("签字时的版本不在本数据库中（可能是在程序外改动的文件），无法列出具体改动。")
        if self.history:
            out.append("签字记录：")
            out.extend(f"  {event_text(e)}" for e in self.history)
        return out


def form_status(store: Store, form_id: str) -> StatusReport:
    """The sign-off report of a stored form."""
    form = store.load(form_id)
    now = status(form)
    changes = changes_since_signing(store, form) if now.modified else None
    return StatusReport(form, now, changes)
