"""The sign-off record as stored under a form's `signoff` key: signatures, fingerprint, history.

Plain dataclasses and their JSON reading/writing (used by model/codec.py); the state machine and the
fingerprint are in model/signoff.py, which imports the codec (this module must not, to keep the
import graph acyclic).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

from model.errors import JixiaoError

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



def check_date(date: str) -> str:
    """A YYYY-MM-DD date as given, or SignOffError saying how to write it."""
    try:
        if not _DATE.fullmatch(date):
            raise ValueError(date)
        dt.date.fromisoformat(date)
    except ValueError:
        raise SignOffError(f"日期“{date[:20]}”不对。请按 年-月-日 写，如 2024-03-01。") from None
    return date


# -- JSON ------------------------------------------------------------------------------------------

Fail = Callable[[str, str, str], NoReturn]


def signoff_from_dict(value: Any, path: str, fail: Fail) -> SignOff:
    """Read the `signoff` object; `fail(path, problem, fix)` raises the codec's error."""
    if not isinstance(value, dict):
        fail(path, "签字记录应是一个对象（{…}）", "请按 docs/form-format.md 的 signoff 格式改正，或删去此项")
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
