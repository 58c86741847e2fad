"""The sign-off record of a form: 填表人 / 审核人 / 单位负责人, the state, the fingerprint, the history.

A form's state follows from who has signed: nobody → 草稿; 填表人 → 待审核; 审核人 → 已审核 (locked).
Signing records a fingerprint (SHA-256 of the form's body, the JSON document without `signoff`/`id`);
when the body no longer matches it, the form shows 签字后被修改. Unlocking clears the signatures
(they stay in `history`) and returns the form to 草稿. Qt-free; the JSON key is `signoff`
(docs/rules-format.md).

On a shared PC this prevents accidents and shows tampering; it is not a cryptographic signature:
anyone who can edit the file can also recompute the fingerprint.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

from model.errors import JixiaoError

if TYPE_CHECKING:
    from model.form import Form

PREPARER, REVIEWER, LEADER = "填表人", "审核人", "单位负责人"
ROLES = (PREPARER, REVIEWER, LEADER)
DRAFT, PENDING, APPROVED, MODIFIED = "草稿", "待审核", "已审核", "签字后被修改"
STATES = (DRAFT, PENDING, APPROVED, MODIFIED)
SIGNED, UNLOCKED = "签字", "解锁"
LOCKED_MESSAGE = "这张表格已审核，内容已锁定，不能修改"
LOCKED_FIX = "如确需修改，请先解锁（文件 → 解锁…，或命令 unlock 表格编号 --reason 原因），解锁后需重新签字"
MAX_NAME = 40
MAX_REASON = 500
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FINGERPRINT = re.compile(r"sha256:[0-9a-f]{64}")


class SignOffError(JixiaoError):
    """A signing or unlocking that the state does not allow, or a bad name/date/reason."""


@dataclass(eq=False)
class Signature:
    """One current signature: the role, the signer's name and the date (YYYY-MM-DD)."""

    role: str
    name: str
    date: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class SignEvent:
    """One line of the history: a signing (role, name, date) or an unlock (date, reason, name)."""

    event: str
    date: str
    role: str | None = None
    name: str | None = None
    reason: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class SignOff:
    """The record kept under the form's `signoff` key."""

    signatures: list[Signature] = field(default_factory=list)
    fingerprint: str | None = None
    history: list[SignEvent] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def signature(self, role: str) -> Signature | None:
        """The current signature of a role, if any."""
        return next((s for s in self.signatures if s.role == role), None)


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
    from model.codec import form_to_dict

    doc = form_to_dict(form)
    doc.pop("signoff", None)
    doc.pop("id", None)
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def status(form: Form) -> Status:
    """The state of a form; a form without a record (every old file) is 草稿, unmodified."""
    record = form.signoff
    if record is None:
        return Status(DRAFT, False, ())
    roles = {s.role for s in record.signatures}
    state = APPROVED if REVIEWER in roles else PENDING if PREPARER in roles else DRAFT
    modified = record.fingerprint is not None and record.fingerprint != body_fingerprint(form)
    return Status(state, modified, tuple(record.signatures))


def is_final(form: Form) -> bool:
    """已审核 and unchanged since: printed without the 草稿 watermark."""
    s = status(form)
    return s.locked and not s.modified


def check_writable(form: Form) -> None:
    """Raise SignOffError when the form is locked (已审核)."""
    if form.signoff is not None and status(form).locked:
        raise SignOffError(f"{LOCKED_MESSAGE}。{LOCKED_FIX}。")


# -- the state machine -----------------------------------------------------------------------------

def check_date(date: str) -> str:
    """A YYYY-MM-DD date as given, or SignOffError saying how to write it."""
    try:
        if not _DATE.fullmatch(date):
            raise ValueError(date)
        dt.date.fromisoformat(date)
    except ValueError:
        raise SignOffError(f"日期“{date[:20]}”不对。请按 年-月-日 写，如 2024-03-01。") from None
    return date


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


# -- JSON ------------------------------------------------------------------------------------------

Fail = Callable[[str, str, str], NoReturn]


def signoff_from_dict(value: Any, path: str, fail: Fail) -> SignOff:
    """Read the `signoff` object; `fail(path, problem, fix)` raises the codec's error."""
    if not isinstance(value, dict):
        fail(path, "签字记录应是一个对象（{…}）", "请按 docs/rules-format.md 的 signoff 格式改正，或删去此项")
    fp = value.get("fingerprint")
    if fp is not None and (not isinstance(fp, str) or not _FINGERPRINT.fullmatch(fp)):
        fail(f"{path}.fingerprint", "内容指纹格式不对", "应为 sha256: 加 64 位十六进制数字；不确定时请删去此项")
    signatures = [_signature(s, f"{path}.signatures[{i}]", fail)
                  for i, s in enumerate(_list(value.get("signatures"), f"{path}.signatures", fail))]
    roles = [s.role for s in signatures]
    if len(set(roles)) != len(roles):
        fail(f"{path}.signatures", "同一身份签了两次", "每个身份（填表人、审核人、单位负责人）只保留一个签字")
    history = [_event(e, f"{path}.history[{i}]", fail)
               for i, e in enumerate(_list(value.get("history"), f"{path}.history", fail))]
    extra = {k: v for k, v in value.items() if k not in ("signatures", "fingerprint", "history")}
    return SignOff(signatures, fp, history, extra)


def signoff_to_dict(record: SignOff) -> dict[str, Any]:
    """The `signoff` object, keys in a fixed order, unknown keys last."""
    d: dict[str, Any] = {}
    if record.fingerprint is not None:
        d["fingerprint"] = record.fingerprint
    d["signatures"] = [{"role": s.role, "name": s.name, "date": s.date, **_new(s.extra, ("role", "name", "date"))}
                       for s in record.signatures]
    d["history"] = []
    for e in record.history:
        item: dict[str, Any] = {"event": e.event, "date": e.date}
        for key in ("role", "name", "reason"):
            if getattr(e, key) is not None:
                item[key] = getattr(e, key)
        d["history"].append({**item, **_new(e.extra, tuple(item))})
    return {**d, **_new(record.extra, tuple(d))}


def _new(extra: dict[str, Any], known: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in extra.items() if k not in known}


def _list(value: Any, path: str, fail: Fail) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        fail(path, "应是一个列表（[…]）", "请按 signoff 格式改正")
    return value


def _text(d: dict[str, Any], key: str, path: str, fail: Fail, required: bool = True) -> str | None:
    value = d.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        fail(f"{path}.{key}", "缺少文字或不是文字", "请用双引号括起内容")
    return value


def _date(d: dict[str, Any], path: str, fail: Fail) -> str:
    date = _text(d, "date", path, fail) or ""
    try:
        check_date(date)
    except SignOffError:
        fail(f"{path}.date", f"日期“{date[:20]}”不对", "请按 年-月-日 写，如 2024-03-01")
    return date


def _signature(value: Any, path: str, fail: Fail) -> Signature:
    if not isinstance(value, dict):
        fail(path, "签字应是一个对象", "例如 {\"role\": \"填表人\", \"name\": \"李明\", \"date\": \"2024-03-01\"}")
    role = _text(value, "role", path, fail) or ""
    if role not in ROLES:
        fail(f"{path}.role", f"签字身份“{role[:20]}”不认识", f"应为 {'、'.join(ROLES)} 之一")
    return Signature(role, _text(value, "name", path, fail) or "", _date(value, path, fail),
                     _new(value, ("role", "name", "date")))


def _event(value: Any, path: str, fail: Fail) -> SignEvent:
    if not isinstance(value, dict):
        fail(path, "签字历史的每一项应是一个对象", "请按 signoff 格式改正")
    event = _text(value, "event", path, fail) or ""
    if event not in (SIGNED, UNLOCKED):
        fail(f"{path}.event", f"事件“{event[:20]}”不认识", "应为“签字”或“解锁”")
    role = _text(value, "role", path, fail, required=False)
    if role is not None and role not in ROLES:
        fail(f"{path}.role", f"签字身份“{role[:20]}”不认识", f"应为 {'、'.join(ROLES)} 之一")
    return SignEvent(event, _date(value, path, fail), role=role,
                     name=_text(value, "name", path, fail, required=False),
                     reason=_text(value, "reason", path, fail, required=False),
                     extra=_new(value, ("event", "date", "role", "name", "reason")))
