"""What the 维权 console pages share: who may see them, where a cadre stands."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest

from gonghui.core.permissions import Perm
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, scope_for, scope_for_any
from gonghui.orgs.selectors import tree_roots

CASE_PERMISSIONS = (Perm.CASE_VIEW, Perm.CASE_INTAKE, Perm.CASE_HANDLE, Perm.CASE_SUPERVISE)


def case_scope(request: HttpRequest, permission: str = Perm.CASE_VIEW) -> Scope:
    return scope_for(request.user, permission)


View = TypeVar("View", bound=Callable[..., Any])


def needs_case_permission(*permissions: str) -> Callable[[View], View]:
    """A page of the 维权 section for those holding one of `permissions` anywhere; others get 403."""
    wanted = permissions or CASE_PERMISSIONS

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if scope_for_any(request.user, wanted).is_empty:
                raise DjangoPermissionDenied
            return view(request, *args, **kwargs)

        return cast(View, wrapper)

    return decorate


def home_union(request: HttpRequest, permission: str) -> TradeUnion | None:
    """The union a cadre works at for `permission`: their own when covered, else the top of their grant."""
    granted = scope_for(request.user, permission)
    own: TradeUnion | None = getattr(request.user, "org", None)
    if own is not None and granted.covers(own.path):
        return own
    return tree_roots(scope=granted).order_by("depth", "path").first()

