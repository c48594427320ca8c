"""What the aid and mutual-aid console pages share: who may open them, the scope they read through,
the unions a cadre may pick, and how a service's refusal reaches the page."""

from typing import Any, cast

from django.contrib import messages
from django.http import HttpRequest

from gonghui.core.errors import DomainError
from gonghui.core.permissions import Perm
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, scope_for, scope_for_any
from gonghui.orgs.selectors import union_children, union_get
from gonghui.web.views.cases_common import home_union

# The batch reviewer (审核) approves batches with HARDSHIP_APPROVE, so the aid pages open for them too.
AID_PERMS = (Perm.AID_MANAGE, Perm.AID_DISBURSE, Perm.HARDSHIP_APPROVE)
# Whoever works in the registry may see programmes and batches (aid.services.common.VISIBLE).
AID_READ_PERMS = (Perm.AID_MANAGE, Perm.AID_DISBURSE, Perm.HARDSHIP_VIEW)
UNION_CHOICES_LIMIT = 100



def aid_scope(request: HttpRequest) -> Scope:
    return scope_for_any(request.user, AID_READ_PERMS)


def can_any(request: HttpRequest, permissions: tuple[str, ...], path: str) -> bool:
    return scope_for_any(request.user, permissions).covers(path)


def union_choices(request: HttpRequest, permission: str) -> list[tuple[int, str]]:
    """The union a cadre works at for `permission` and its direct branches: where they usually act."""
    top = home_union(request, permission)
    if top is None:
        return []
    branches = union_children(scope=scope_for(request.user, permission), parent=top)[:UNION_CHOICES_LIMIT]
    return [(top.pk, top.name)] + [(u.pk, f"— {u.name}") for u in branches]


def union_from_choice(request: HttpRequest, permission: str, pk: Any) -> TradeUnion:
    return cast(TradeUnion, union_get(scope=scope_for(request.user, permission), pk=pk))


def flash_error(request: HttpRequest, error: DomainError) -> None:
    """A refusal with nothing to correct in a form (a lost race, a state changed meanwhile)."""
    for one in getattr(error, "errors", None) or [error]:
        messages.error(request, str(one.message))


__all__ = ["AID_PERMS", "AID_READ_PERMS", "aid_scope", "can_any", "flash_error", "home_union",
           "union_choices", "union_from_choice"]
