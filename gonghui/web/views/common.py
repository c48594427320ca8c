"""Small helpers shared by console views: scopes, pagination, the 404 mapping."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse

from gonghui.core.errors import NotFound
from gonghui.orgs.scope import Scope, scope_for


def scope(request: HttpRequest, permission: str) -> Scope:
    return scope_for(request.user, permission)


def can(request: HttpRequest, permission: str, path: str) -> bool:
    return scope_for(request.user, permission).covers(path)


def paginate(request: HttpRequest, queryset: Any, per_page: int = 50, count: int | None = None) -> Page:
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # known already (stored totals): no COUNT(*) over a whole province
    return paginator.get_page(request.GET.get("page"))


def not_found_as_404(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Out of scope and missing both become the ordinary 404 page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404() from None

    return wrapper
