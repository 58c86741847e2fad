"""Importing a verified package: first a plan (new / newer / same / older), then one transaction.

The plan changes nothing; the caller shows it and asks. apply_plan writes every new or newer form
through Store.put_revision inside one `store.db.atomic()`, so either all of them land or none.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from model.codec import dumps_form
from model.form import KINDS
from model.package_format import PackageError
from model.package_read import Package, PackagedForm
from model.signoff import DRAFT, MODIFIED, status
from model.store import Store

NEW, NEWER, SAME, OLDER, CONFLICT = "new", "newer", "same", "older", "conflict"
SHOWN_CHANGES = 5  # changes since signing named in the plan line; the package may list more


@dataclass(frozen=True)
class PlanItem:
    """What importing one form would do, and why."""

    item: PackagedForm
    action: str
    stored_revision: int | None
    # Same id and revision but another content: skipped all the same, and said so.
    differs: bool = False
    # CONFLICT: the stored form's unit and kind, which the package's form does not share.
    stored_unit: str = ""
    stored_kind: str = ""

    @property
    def state_note(self) -> str:
        """The form's sign-off state as the import shows it; a draft is allowed but marked."""
        now = status(self.item.form)
        if now.modified:
            changes = self.item.entry.changes
            listed = f"；发送方列出的改动：{'；'.join(changes[:SHOWN_CHANGES])}" if changes else ""
            more = f" 等 {len(changes)} 处" if len(changes) > SHOWN_CHANGES else ""
            return f"{MODIFIED}：内容与签字时不一致，请向报送单位核实{listed}{more}"
        if now.state == DRAFT:
            return "草稿：未经审核签字，导入后标为草稿"
        return now.state

    @property
    def message(self) -> str:
        """One Chinese line for the summary the user confirms."""
        e = self.item.entry
        what = f"{e.year} {e.unit or '未填单位'} {e.title}（编号 {e.id[:8]}，第{e.revision}版，{self.state_note}）"
        if self.action == NEW:
            return f"新增：{what}"
        if self.action == NEWER:
            return f"更新：{what}，替换数据库中的第{self.stored_revision}版（旧版保留在历史记录中）"
        if self.action == SAME:
            note = "；注意：内容与数据库中的不同，未覆盖，请与发送方核对" if self.differs else ""
            return f"跳过（已有相同版本）：{what}{note}"
        if self.action == CONFLICT:
            stored = f"{self.stored_unit or '未填单位'}的{KINDS.get(self.stored_kind, self.stored_kind)}"
            return (f"拒绝：{what}，数据库中同一编号的表格是{stored}，不是同一张表（可能是复制了别的单位的表格文件），"
                    "不会覆盖它。请让发送方在其表格中“另存为新表格”后重新导出；"
                    "若确是本单位改了单位名称，请先在数据库中删除旧表格（保留在历史中）再导入")
        return (f"拒绝：{what}，数据库中已有更新的第{self.stored_revision}版，较旧的版本不会覆盖它。"
                "如确需使用旧版，请让发送方在其最新版基础上修改后重新导出")


@dataclass(frozen=True)
class ImportPlan:
    """The plan for one package: an item per form, in the package's order."""

    package: Package
    items: tuple[PlanItem, ...]

    def of(self, action: str) -> list[PlanItem]:
        """The items with a given action."""
        return [i for i in self.items if i.action == action]

    @property
    def changes(self) -> list[PlanItem]:
        """The items that applying would write (new and newer)."""
        return [i for i in self.items if i.action in (NEW, NEWER)]

    @property
    def refused(self) -> list[PlanItem]:
        """The items that will not be imported: older revisions and id conflicts."""
        return [i for i in self.items if i.action in (OLDER, CONFLICT)]

    def summary(self) -> str:
        """A short Chinese count line: 新增 N 张，更新 N 张，跳过 N 张，拒绝 N 张."""
        return (f"新增 {len(self.of(NEW))} 张，更新 {len(self.of(NEWER))} 张，"
                f"跳过 {len(self.of(SAME))} 张，拒绝 {len(self.refused)} 张")


def _classify(store: Store, item: PackagedForm) -> PlanItem:
    stored = store.revision(item.entry.id)
    if stored is None:
        return PlanItem(item, NEW, None)
    # Ids are random UUIDs, so the same id on another unit's or another kind's form means a copied
    # file, not a new revision: replacing would silently lose that unit's form at the bureau.
    unit, kind = store.owner(item.entry.id) or ("", item.entry.kind)
    if kind != item.entry.kind or (unit and item.entry.unit and unit != item.entry.unit):
        return PlanItem(item, CONFLICT, stored, stored_unit=unit, stored_kind=kind)
    if item.entry.revision > stored:
        return PlanItem(item, NEWER, stored)
    if item.entry.revision == stored:
        return PlanItem(item, SAME, stored, store.load_body(item.entry.id) != dumps_form(item.form))
    return PlanItem(item, OLDER, stored)


def plan_import(store: Store, package: Package) -> ImportPlan:
    """Compare each form of a package with the database; changes nothing.

    Args:
        store: the database to import into.
        package: a package verified by read_package.
    """
    return ImportPlan(package, tuple(_classify(store, item) for item in package.forms))


def apply_plan(store: Store, plan: ImportPlan, source: str = "") -> list[PlanItem]:
    """Write the plan's new and newer forms in one transaction.

    Args:
        store: the database the plan was made against.
        plan: from plan_import; re-checked inside the transaction.
        source: the package file name, recorded in the history reason.

    Returns:
        The items written. Raises PackageError, writing nothing, when the database changed
        since the plan was made (another import, an edit).
    """
    written: list[PlanItem] = []
    reason = f"交换包导入替换{('：' + source) if source else ''}"
    with store.db.atomic():
        for planned in plan.items:
            if _classify(store, planned.item).action != planned.action:
                raise PackageError("stale_plan", "确认期间数据库中的表格已发生变化（例如被编辑或另一次导入），"
                                                 "本次没有导入任何内容。请重新导入该交换包。")
            if planned.action in (NEW, NEWER):
                store.put_revision(planned.item.form, planned.item.entry.revision, reason)
                written.append(planned)
    return written


def import_items(store: Store, package: Package, source: str = "") -> tuple[ImportPlan, Sequence[PlanItem]]:
    """Plan and apply at once (scripts that already agreed): returns the plan and what was written."""
    plan = plan_import(store, package)
    return plan, apply_plan(store, plan, source)
