"""What waits for a cadre in the member registry: applications, transfers, roster imports."""

from typing import Any

from django.db.models import Count, Max, Min, QuerySet
from django.utils.translation import gettext_lazy as _

from gonghui.core.counting import count_each
from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.members.models import JoinApplication, PersonalDataRequest, RosterImport, Transfer
from gonghui.orgs.scope import scope_for


def members_todos(*, user: Any) -> list[Todo]:
    review, edit = scope_for(user, Perm.MEMBER_REVIEW), scope_for(user, Perm.MEMBER_EDIT)
    lists: dict[str, QuerySet[Any]] = {}
    if not review.is_empty:
        lists["applications"] = JoinApplication.objects.visible_to(review).filter(
            status=JoinApplication.Status.PENDING)
    if not edit.is_empty:
        # Each end answers its own step: the sending union releases a request the worker agreed to, the
        # receiving union accepts what was released (members.services.transfers).
        lists["release"] = Transfer.objects.filter(edit.q("from_path"), status=Transfer.Status.REQUESTED)
        lists["accept"] = Transfer.objects.filter(edit.q("to_path"), status=Transfer.Status.RELEASED)
        # A person's correction or erasure request (PIPL arts. 46-47) waits for the member's union.
        lists["data_requests"] = PersonalDataRequest.objects.pending().visible_to(edit)
    counts = count_each(lists)  # the lines' lists, counted in one query
    items: list[Todo] = []
    if not review.is_empty:
        items.append(todo("members.applications", _("入会申请待审核"), counts["applications"], "web:application_queue"))
    if edit.is_empty:
        return items
    items.append(todo("members.transfers_release", _("会籍接转待转出"), counts["release"], "web:transfer_list",
                      box="out"))
    items.append(todo("members.transfers_accept", _("会籍接转待接收"), counts["accept"], "web:transfer_list",
                      box="in", status=Transfer.Status.RELEASED))
    items.append(_roster_todo(edit))
    items.append(todo("members.data_requests", _("个人信息更正/删除申请待处理"), counts["data_requests"],
                      "web:data_request_list"))
    return items


def _roster_todo(edit: Any) -> Todo:
    # One query for the count and where to send the cadre: the one import's report, or the union's
    # roster page when they all went into one union.
    found = (RosterImport.objects.visible_to(edit).filter(status=RosterImport.Status.VALIDATED)
             .exclude(valid_rows=0, transfer_rows=0)
             .aggregate(n=Count("id"), last=Max("id"), low=Min("union_id"), high=Max("union_id")))
    label, n = _("集体登记名单待提交"), found["n"]
    if n == 1 or (n and found["low"] != found["high"]):
        return Todo(key="members.rosters", label=label, count=n, route="web:roster_report", args=(found["last"],))
    if n:
        return Todo(key="members.rosters", label=label, count=n, route="web:roster_home", args=(found["low"],))
    return Todo(key="members.rosters", label=label, count=0, route="")
