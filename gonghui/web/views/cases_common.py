"""What the 维权 console pages share: who may see them, where a cadre stands."""

from collections.abc import Callable

from django.http import HttpRequest

from gonghui.core.permissions import Perm
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, scope_for
from gonghui.orgs.selectors import tree_roots
from gonghui.web.views.common import View, needs_any

CASE_PERMISSIONS = (Perm.CASE_VIEW, Perm.CASE_INTAKE, Perm.CASE_HANDLE, Perm.CASE_SUPERVISE)


def case_scope(request: HttpRequest, permission: str = Perm.CASE_VIEW) -> Scope:
    return scope_for(request.user, permission)


def needs_case_permission(*permissions: str) -> Callable[[View], View]:
    """A page of the 维权 section for those holding one of `permissions` anywhere; others get 403."""
    return needs_any(*(permissions or CASE_PERMISSIONS))


def home_union(request: HttpRequest, permission: str) -> TradeUnion | None:
    """The union a cadre works at for `permission`: their own when covered, else the top of their grant."""
    granted = scope_for(request.user, permission)
    own: TradeUnion | None = getattr(request.user, "org", None)
    if own is not None and granted.covers(own.path):
        return own
    return tree_roots(scope=granted).order_by("depth", "path").first()

