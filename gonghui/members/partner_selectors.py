"""Reads of the partner register, through the caller's user.manage scope like every other list."""

from typing import Any

from django.db.models import QuerySet

from gonghui.core.errors import NotFound
from gonghui.members.models import Partner
from gonghui.orgs.scope import Scope


def partner_list(*, scope: Scope) -> QuerySet[Partner]:
    return Partner.objects.visible_to(scope).select_related("union").order_by("name", "pk")


def partner_get(*, scope: Scope, pk: Any = None, key_prefix: str = "") -> Partner:
    lookup = {"key_prefix": key_prefix} if key_prefix else {"pk": pk}
    found = list(partner_list(scope=scope).filter(**lookup)[:2])
    if len(found) != 1:  # a prefix shared by two keys is as good as none: ask for the other one
        raise NotFound()
    return found[0]
