"""What every 民主管理 page shares: the two scopes and whether the viewer may act on a row."""

from django.http import HttpRequest

from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope, scope_for

VIEW, MANAGE = Perm.DEMOCRACY_VIEW, Perm.DEMOCRACY_MANAGE
PERMS = (VIEW, MANAGE)


def view_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, VIEW)


def may_manage(request: HttpRequest, org_path: str) -> bool:
    return scope_for(request.user, MANAGE).covers(org_path)
