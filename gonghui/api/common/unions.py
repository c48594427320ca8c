"""The unions an endpoint reads through: the caller's view of the org tree, and a referenced union in it."""

from django.http import HttpRequest

from gonghui.core.errors import NotFound
from gonghui.core.permissions import Perm
from gonghui.orgs import selectors
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, scope_for


def view_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, Perm.ORG_VIEW)


def load_union(request: HttpRequest, pk: int, *, field: str | None = None) -> TradeUnion:
    """A union the caller can see; a reference in the body names its key when it cannot be found."""
    try:
        return selectors.union_get(scope=view_scope(request), pk=pk)
    except NotFound as exc:
        exc.field = field
        raise
