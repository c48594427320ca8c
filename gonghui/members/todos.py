"""What waits for a cadre in the member registry: applications, transfers, roster imports."""

from typing import Any

from django.db.models import Count, Max, Min
from django.utils.translation import gettext_lazy as _

from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.members.models import JoinApplication, PersonalDataRequest, RosterImport, Transfer
from gonghui.orgs.scope import scope_for


def members_todos(*, user: Any) -> list[Todo]:
    items: list[Todo] = []
    review = scope_for(user, Perm.MEMBER_REVIEW)
    if not review.is_empty:
        n = JoinApplication.objects.visible_to(review).filter(status=JoinApplication.Status.PENDING).count()
        items.append(todo("members.applications", _("入会申请待审核"), n, "web:application_queue"))
    edit = scope_for(user, Perm.MEMBER_EDIT)
    if edit.is_empty:
        return items
    # Each end answers its own step: the sending union releases a request the worker agreed to, the
    # receiving union accepts what was released (members.services.transfers).
    n = Transfer.objects.filter(edit.q("from_path"), status=Transfer.Status.REQUESTED).count()
    items.append(todo("members.transfers_release", _("会籍接转待转出"), n, "web:transfer_list", box="out"))
    n = Transfer.objects.filter(edit.q("to_path"), status=Transfer.Status.RELEASED).count()
    items.append(todo("members.transfers_accept", _("会籍接转待接收"), n, "web:transfer_list", box="in",
                      status=Transfer.Status.RELEASED))
    items.append(_roster_todo(edit))
    # A person's correction or erasure request (PIPL arts. 46-47) waits for the member's union.
    n = PersonalDataRequest.objects.pending().visible_to(edit).count()
    items.append(todo("members.data_requests", _("个人信息更正/删除申请待处理"), n, "web:data_request_list"))
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
