"""What the aid console pages share: who may open them and the scope they read through."""

from django.http import HttpRequest

from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope, scope_for_any

# The batch reviewer (审核) approves batches with HARDSHIP_APPROVE, so the aid pages open for them too.
AID_PERMS = (Perm.AID_MANAGE, Perm.AID_DISBURSE, Perm.HARDSHIP_APPROVE)
# Whoever works in the registry may see programmes and batches (aid.services.common.VISIBLE).
AID_READ_PERMS = (Perm.AID_MANAGE, Perm.AID_DISBURSE, Perm.HARDSHIP_VIEW)


def aid_scope(request: HttpRequest) -> Scope:
    return scope_for_any(request.user, AID_READ_PERMS)


def can_any(request: HttpRequest, permissions: tuple[str, ...], path: str) -> bool:
    return scope_for_any(request.user, permissions).covers(path)
