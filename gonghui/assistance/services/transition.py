"""The one write path for every change of a hardship file (ARCHITECTURE.md §5).

It checks the action against the status table and the actor's grant at the level the action
needs (the holding union, or the county-level federation above it for approval), writes with
compare-and-set on status and version, stamps the stage time, and leaves an event and an audit row.
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.choices import Action, Status
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.services.common import record_file_event
from gonghui.assistance.standing import archived_refusal
from gonghui.assistance.workflow import Level, check_action
from gonghui.core.errors import Conflict, NotFound, PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.orgs import tree
from gonghui.orgs.choices import Level as UnionLevel
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require, scope_for

CONCURRENT_CHANGE = _("该困难职工档案刚刚已被他人修改（状态或内容已变化），请刷新后查看再操作。")


def approval_path(org_path: str) -> str:
    """The path of the county-level (or higher) federation nearest above the holding union, itself
    included: 县级工会 approves every file of its county, whatever union in it holds the file."""
    paths = [*tree.ancestor_paths(org_path), org_path]
    found = (TradeUnion.objects.filter(path__in=paths, level__lte=UnionLevel.COUNTY)
             .order_by("-depth").values_list("path", flat=True).first())
    return found or org_path


def check_grant(actor: Any, permission: str, file: HardshipFile, level: Level) -> None:
    if level == Level.HOLDER:
        require(actor, permission, file.org_path, visible_permission=Perm.HARDSHIP_VIEW)
        return
    if scope_for(actor, permission).covers(approval_path(file.org_path)):
        return
    if scope_for(actor, Perm.HARDSHIP_VIEW).covers(file.org_path):
        raise PermissionDenied(_("困难职工建档须由县级工会审批，您的权限不在县级或以上工会。"), field="status",
                               code="county_approval")
    raise NotFound()


def refuse_stale(file: HardshipFile, version: int | None) -> None:
    """`version` is the copy the cadre acted on; older than the file as loaded now means someone else
    got there first, the same Conflict as a race lost at the write."""
    if version is not None and version != file.version:
        raise Conflict(CONCURRENT_CHANGE, code="concurrent_change", field="version")


def hardship_transition(*, actor: Any, file: HardshipFile, action: str, changes: dict[str, Any] | None = None,
                        note: str = "", detail: dict[str, Any] | None = None, now: datetime.datetime | None = None,
                        version: int | None = None, by_worker: bool = False) -> HardshipFile:
    """Apply `action` to `file` as loaded by the caller; a change by someone else since then (or since
    `version`) is a Conflict.

    `by_worker`: the portal services (services/portal.py) have checked that the file is the signed-in
    worker's own and that the action is one a worker may take; a worker holds no grant to check."""
    refuse_stale(file, version)
    if refusal := archived_refusal(file):
        raise refusal
    rule = check_action(file.status, action)
    level = Level.COUNTY if action == Action.REJECT and file.status == Status.REVIEWED else rule.level
    if rule.permission and not by_worker:
        check_grant(actor, rule.permission, file, level)
    now = now or timezone.now()
    values: dict[str, Any] = dict(changes or {})
    values.update(version=F("version") + 1, updated_at=now)
    if rule.target is not None:
        values["status"] = rule.target
    if rule.stamp:
        values[rule.stamp] = now
    old_status = file.status
    with transaction.atomic():
        if not HardshipFile.objects.filter(pk=file.pk, status=old_status, version=file.version).update(**values):
            if not HardshipFile.objects.filter(pk=file.pk).exists():
                raise NotFound()
            raise Conflict(CONCURRENT_CHANGE, code="concurrent_change")
        file.refresh_from_db()
        new_status = file.status if rule.target is not None and file.status != old_status else ""
        record_file_event(actor=actor, file=file, action=action, old_status=old_status, new_status=new_status,
                          note=note, detail=detail)
    return file
