"""The sign-off record of a form: 填表人 / 审核人 / 单位负责人, the state, the fingerprint, the history.

A form's state follows from who has signed: nobody → 草稿; 填表人 → 待审核; 审核人 → 已审核 (locked).
Signing records a fingerprint (SHA-256 of the form's body, the JSON document without `signoff`/`id`);
when the body no longer matches it, the form shows 签字后被修改. Unlocking clears the signatures
(they stay in `history`) and returns the form to 草稿. Qt-free; the JSON key is `signoff`
(docs/form-format.md).

On a shared PC this prevents accidents and shows tampering; it is not a cryptographic signature:
anyone who can edit the file can also recompute the fingerprint.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from model.codec import form_to_dict
from model.signoff_record import (APPROVED, DRAFT, LEADER, LOCKED_FIX, LOCKED_MESSAGE, MAX_NAME, MAX_REASON,
                                  MODIFIED, PENDING, PREPARER, REVIEWER, ROLES, SIGNED, STATES, UNLOCKED, SignEvent,
                                  SignOff, SignOffError, Signature, check_date)

if TYPE_CHECKING:
    from model.form import Form

__all__ = ["APPROVED", "DRAFT", "LEADER", "LOCKED_FIX", "LOCKED_MESSAGE", "MODIFIED", "PENDING", "PREPARER",
           "REVIEWER", "ROLES", "SIGNED", "STATES", "UNLOCKED", "SignEvent", "SignOff", "SignOffError", "Signature",
           "Status", "body_fingerprint", "check_date", "check_writable", "event_text", "is_final", "is_locked", "sign",
           "state_of", "status", "unlock"]


@dataclass(frozen=True)
class Status:
    """What the window, `status`, `score`, the package import and the summary say about a form."""

    state: str  # 草稿 / 待审核 / 已审核
    modified: bool  # the body differs from the fingerprint taken at the last signing
    signatures: tuple[Signature, ...]

    @property
    def label(self) -> str:
        """The one word shown in lists: 签字后被修改 wins over the state."""
        return MODIFIED if self.modified else self.state

    @property
    def locked(self) -> bool:
        """Whether the content may not be edited (已审核)."""
        return self.state == APPROVED



# -- fingerprint -----------------------------------------------------------------------------------

def body_fingerprint(form: Form) -> str:
    """SHA-256 of the form's body: its JSON document without `signoff` and `id`, keys sorted, compact.

    The id is identity, not content: a file signed before its first import (which assigns one)
    still matches.
    """
    doc = form_to_dict(form)
    doc.pop("signoff", None)
    doc.pop("id", None)
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def state_of(form: Form) -> str:
    """草稿 / 待审核 / 已审核 from the signatures alone (no fingerprint: cheap enough for every edit)."""
    roles = {s.role for s in form.signoff.signatures} if form.signoff else set()
    return APPROVED if REVIEWER in roles else PENDING if PREPARER in roles else DRAFT


def is_locked(form: Form) -> bool:
    """Whether the content may not change (已审核)."""
    return state_of(form) == APPROVED


def status(form: Form) -> Status:
    """The state of a form; a form without a record (every old file) is 草稿, unmodified."""
    record = form.signoff
    if record is None:
        return Status(DRAFT, False, ())
    modified = record.fingerprint is not None and record.fingerprint != body_fingerprint(form)
    return Status(state_of(form), modified, tuple(record.signatures))


def is_final(form: Form) -> bool:
    """已审核 and unchanged since: printed without the 草稿 watermark."""
    s = status(form)
    return s.locked and not s.modified


def check_writable(form: Form) -> None:
    """Raise SignOffError when the form is locked (已审核)."""
    if is_locked(form):
        raise SignOffError(f"{LOCKED_MESSAGE}。{LOCKED_FIX}。")


# -- the state machine -----------------------------------------------------------------------------

def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise SignOffError("没有填写签字人姓名。请填写姓名后再签字。")
    if len(name) > MAX_NAME:
        raise SignOffError(f"姓名太长（{len(name)} 个字）。请只填写姓名，不超过 {MAX_NAME} 个字。")
    return name


def sign(form: Form, role: str, name: str, date: str) -> Status:
    """Sign a form as one role; returns the new status. Raises SignOffError when not allowed.

    填表人 may sign a 草稿 or re-sign a 待审核 form (taking a new fingerprint); 审核人 signs a 待审核
    form whose body is unchanged since, which locks it; 单位负责人 signs once 填表人 has, unchanged.
    """
    if role not in ROLES:
        raise SignOffError(f"签字身份“{role}”不对。应为 {'、'.join(ROLES)} 之一。")
    name, date = _clean_name(name), check_date(date)
    now = status(form)
    record = form.signoff or SignOff()
    if role == PREPARER:
        if now.locked:
            raise SignOffError(f"{LOCKED_MESSAGE}，填表人不能再签字。{LOCKED_FIX}。")
        if now.modified:  # the others signed a different content: they sign again
            record.signatures = []
        record.fingerprint = body_fingerprint(form)
    else:
        if now.state == DRAFT:
            raise SignOffError(f"填表人还没有签字，{role}不能签字。请先由填表人签字（提交审核）。")
        if role == REVIEWER and now.locked:
            raise SignOffError("这张表格已由审核人签字。如需重新审核，请先解锁。")
        if now.modified:
            raise SignOffError(f"填表人签字后表格内容又被修改过，{role}不能在改过的内容上签字。"
                               "请填表人核对后重新签字，再请审核。")
    record.signatures = [s for s in record.signatures if s.role != role]
    record.signatures.append(Signature(role, name, date))
    record.signatures.sort(key=lambda s: ROLES.index(s.role))
    record.history.append(SignEvent(SIGNED, date, role=role, name=name))
    form.signoff = record
    return status(form)


def unlock(form: Form, reason: str, date: str, name: str | None = None) -> Status:
    """Return a signed form to 草稿, recording the reason; the signatures stay in the history."""
    reason = " ".join(reason.split())
    if not reason:
        raise SignOffError("没有填写解锁原因。请写明为什么要修改已签字的表格，如“审核发现培训人数填错”。")
    if len(reason) > MAX_REASON:
        raise SignOffError(f"解锁原因太长（{len(reason)} 个字），请不超过 {MAX_REASON} 个字。")
    check_date(date)
    record = form.signoff
    if record is None or not record.signatures:
        raise SignOffError("这张表格还没有人签字，是草稿，无需解锁，可以直接修改。")
    record.signatures = []
    record.history.append(SignEvent(UNLOCKED, date, name=_clean_name(name) if name else None, reason=reason))
    return status(form)


def event_text(event: SignEvent) -> str:
    """One history line as people read it: 2024-03-01 审核人 王芳 签字 / 2024-03-05 解锁（原因：…）."""
    if event.event == SIGNED:
        return f"{event.date} {event.role or ''} {event.name or ''} 签字".replace("  ", " ")
    who = f" {event.name}" if event.name else ""
    return f"{event.date}{who} 解锁（原因：{event.reason or '未写'}）"
