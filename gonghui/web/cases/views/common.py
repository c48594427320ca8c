"""What the 维权 console pages share: who may see them."""

from collections.abc import Callable

from django.http import HttpRequest

from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope, scope_for
from gonghui.web.common.views import View, needs_any

CASE_PERMISSIONS = (Perm.CASE_VIEW, Perm.CASE_INTAKE, Perm.CASE_HANDLE, Perm.CASE_SUPERVISE)


def case_scope(request: HttpRequest, permission: str = Perm.CASE_VIEW) -> Scope:
    return scope_for(request.user, permission)


def needs_case_permission(*permissions: str) -> Callable[[View], View]:
    """A page of the 维权 section for those holding one of `permissions` anywhere; others get 403."""
    return needs_any(*(permissions or CASE_PERMISSIONS))
