"""Small helpers shared by console views: scopes, pagination, the 404 mapping, refusals, masked queries."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse

from gonghui.core.errors import DomainError, NotFound
from gonghui.core.idnumbers import mask_id, mask_phone
from gonghui.orgs.scope import Scope, scope_for, scope_for_any


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


View = TypeVar("View", bound=Callable[..., Any])


def needs_any(*permissions: str) -> Callable[[View], View]:
    """A page for those holding one of `permissions` somewhere (its section's entry); others get 403.
    What they may do there is still checked against each object's place by the services."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if scope_for_any(request.user, permissions).is_empty:
                raise DjangoPermissionDenied
            return view(request, *args, **kwargs)

        return cast(View, wrapper)

    return decorate


def flash_error(request: HttpRequest, error: DomainError) -> None:
    """A refusal with nothing to correct in a form (a lost race, a state changed meanwhile)."""
    for one in getattr(error, "errors", None) or [error]:
        messages.error(request, str(one.message))


def shown_query(query: str) -> str:
    """What the search box shows again: an identity number or phone only masked."""
    compact = query.replace(" ", "")
    if compact[:-1].isdigit() and len(compact) in (15, 18):
        return mask_id(compact)
    if compact.isdigit() and len(compact) == 11:
        return mask_phone(compact)
    return query


MAX_ID = 2**31 - 1


def query_id(text: Any) -> int | None:
    """A record id from a query string, or None for anything that is not one (letters, a number too
    big for the database's key): the page then answers as for no id, never with a 500."""
    text = str(text or "")
    # ASCII digits only: str.isdigit() also accepts "²" and other digit signs int() refuses.
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 10 and int(text) <= MAX_ID else None
