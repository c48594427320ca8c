"""Reads of accounts, grants and the audit log, each through the caller's scope."""

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from gonghui.accounts.models import Grant, PasswordReset, PasswordResetEvent, User
from gonghui.accounts.workflow import OPEN
from gonghui.core.audit_models import AuditEntry
from gonghui.core.text import normalize_text
from gonghui.orgs import tree
from gonghui.orgs.scope import Scope, get_visible


def user_list(*, scope: Scope, query: str = "", active: bool | None = None, locked: bool = False) -> QuerySet[User]:
    qs = User.objects.visible_to(scope).select_related("org")
    if locked:
        qs = qs.filter(locked_until__gt=timezone.now())
    text = normalize_text(query)
    if text:
        qs = qs.filter(Q(username__icontains=text) | Q(full_name__contains=text))
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs.order_by("username")


def user_get(*, scope: Scope, pk: Any) -> User:
    return get_visible(User.objects.select_related("org"), scope, pk=pk)


def user_grants(*, user: User) -> QuerySet[Grant]:
    return Grant.objects.filter(user=user).select_related("org", "granted_by", "revoked_by").order_by(
        "revoked_at", "-granted_at"
    )


def grant_get(*, scope: Scope, pk: Any) -> Grant:
    return get_visible(Grant.objects.select_related("org", "user"), scope, pk=pk)


def audit_list(*, scope: Scope, actor: str = "", action: str = "", obj: str = "",
               since: datetime.date | None = None, until: datetime.date | None = None) -> QuerySet[AuditEntry]:
    """The audit log is scoped by the org path recorded with each entry. Entries tied to no node
    (a login attempt under an unknown name) belong to whoever audits a whole top-level tree."""
    where = scope.q("org_path")
    if any(len(root) == tree.STEP_LEN for root in scope.roots):
        where |= Q(org_path="")
    qs = AuditEntry.objects.filter(where)
    if actor:
        qs = qs.filter(actor_label__icontains=normalize_text(actor))
    if action:
        qs = qs.filter(action__startswith=normalize_text(action))
    if obj:
        text = normalize_text(obj)
        qs = qs.filter(Q(object_label__contains=text) | Q(object_id=text))
    if since:
        qs = qs.filter(at__date__gte=since)
    if until:
        qs = qs.filter(at__date__lte=until)
    return qs.order_by("-id")


def reset_open_for(*, user: User) -> PasswordReset | None:
    return PasswordReset.objects.filter(user=user, status__in=sorted(OPEN)).first()


def reset_list(*, scope: Scope, open_only: bool = True, status: str = "") -> QuerySet[PasswordReset]:
    qs = PasswordReset.objects.visible_to(scope).select_related("user__org", "requested_by", "decided_by")
    if status:
        qs = qs.filter(status=status)
    elif open_only:
        qs = qs.filter(status__in=sorted(OPEN))
    return qs.order_by("-requested_at", "-id")


def reset_get(*, scope: Scope, pk: Any) -> PasswordReset:
    return get_visible(PasswordReset.objects.select_related("user__org", "requested_by", "decided_by"), scope,
                       pk=pk)


def reset_events(*, reset: PasswordReset) -> QuerySet[PasswordResetEvent]:
    return reset.events.select_related("actor").order_by("at", "id")
