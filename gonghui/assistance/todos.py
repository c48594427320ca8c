"""What waits for a cadre in the hardship registry: files at the review step this user may take, and
回头看 that has come due."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.choices import Status
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.selectors import recheck_due_list
from gonghui.core.counting import count_each
from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.orgs.choices import Level
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, scope_for


def hardship_todos(*, user: Any) -> list[Todo]:
    approve, edit = scope_for(user, Perm.HARDSHIP_APPROVE), scope_for(user, Perm.HARDSHIP_EDIT)
    lists: dict[str, QuerySet[Any]] = {}
    if not approve.is_empty:
        lists["review"] = HardshipFile.objects.visible_to(approve).filter(status=Status.APPLIED)
        county = _county_roots(approve)
        lists["approve"] = (HardshipFile.objects.visible_to(county).filter(status=Status.REVIEWED) if county.roots
                            else HardshipFile.objects.none())
    if not edit.is_empty:
        lists["recheck"] = recheck_due_list(scope=edit)
    counts = count_each(lists)  # the lines' lists, counted in one query
    items: list[Todo] = []
    if not approve.is_empty:
        items.append(todo("hardship.review", _("困难职工申请待基层审核"), counts["review"], "web:hardship_list",
                          status=Status.APPLIED))
        items.append(todo("hardship.approve", _("困难职工建档待县级审批"), counts["approve"], "web:hardship_list",
                          status=Status.REVIEWED))
    if not edit.is_empty:
        items.append(todo("hardship.recheck", _("回头看到期"), counts["recheck"], "web:hardship_due", urgent=True))
    return items


def _county_roots(approve: Scope) -> Scope:
    """The part of the scope where this user approves: 县级工会 approves every file of its county
    (assistance.services.transition.approval_path), so a grant at county level or above approves all
    below it, and one below the county approves nothing."""
    if approve.everything:
        return approve
    paths = TradeUnion.objects.filter(path__in=approve.roots, level__lte=Level.COUNTY).values_list("path", flat=True)
    return Scope.of(list(paths), approve.permission)
