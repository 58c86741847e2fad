"""The sign-off commands: `sign ID --as ROLE --name NAME [--date D]`, `unlock ID --reason TEXT`, `status ID`.

Registered by ui/cli/main.py. A locked (已审核) form refuses every content write through the store;
these commands say so in Chinese and exit 1 with nothing changed.
"""
from __future__ import annotations

import argparse
from typing import Any

from model.signoff_record import ROLES


def register(sub: Any) -> None:
    """Add sign, unlock and status to the command line."""
    p = sub.add_parser("sign", help="签字：填表人签字后待审核，审核人签字后已审核（内容锁定）")
    p.add_argument("id", help="表格编号（可只写前几位）")
    p.add_argument("--as", dest="role", required=True, help="签字身份：" + "、".join(ROLES))
    p.add_argument("--name", required=True, help="签字人姓名")
    p.add_argument("--date", default=None, help="签字日期 YYYY-MM-DD（默认今天）")
    p.set_defaults(func=cmd_sign)

    p = sub.add_parser("unlock", help="解锁已签字的表格（回到草稿，签字保留在记录中），须写明原因")
    p.add_argument("id", help="表格编号（可只写前几位）")
    p.add_argument("--reason", required=True, help="解锁原因，如“审核发现培训人数填错”")
    p.add_argument("--name", default=None, help="解锁人姓名（可不填）")
    p.set_defaults(func=cmd_unlock)

    p = sub.add_parser("status", help="签字状态：谁在何时签字，内容是否与签字时一致，签字后的改动")
    p.add_argument("id", help="表格编号（可只写前几位）")
    p.set_defaults(func=cmd_status)


def _one(args: argparse.Namespace) -> tuple[Any, str]:
    from ui.cli.store_access import open_store, resolve_ids

    store = open_store(args)
    try:
        return store, resolve_ids(store, [args.id])[0]
    except BaseException:
        store.close()
        raise


def cmd_sign(args: argparse.Namespace) -> int:
    """Sign one form."""
    from ui.services.signoff import sign_form

    store, form_id = _one(args)
    try:
        now = sign_form(store, form_id, args.role, args.name, args.date)
        print(f"已签字：{args.role} {' '.join(args.name.split())}。表格状态：{now.label}"
              + ("，内容已锁定。" if now.locked else "。"))
    finally:
        store.close()
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    """Unlock one form with a reason."""
    from ui.services.signoff import unlock_form

    store, form_id = _one(args)
    try:
        now = unlock_form(store, form_id, args.reason, args.name)
        print(f"已解锁，表格回到{now.state}，原签字保留在签字记录中。修改后需重新签字。")
    finally:
        store.close()
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """Print the sign-off report of one form."""
    from ui.services.signoff import form_status

    store, form_id = _one(args)
    try:
        report = form_status(store, form_id)
    finally:
        store.close()
    print(f"表格：{form_id}")
    for line in report.lines():
        print(line)
    return 0
