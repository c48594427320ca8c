"""Where a cadre stands: the union they work at for a permission, and the unions they usually act at."""

from typing import Any, cast

from django.http import HttpRequest

from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import scope_for
from gonghui.orgs.selectors import tree_roots, union_children, union_get

UNION_CHOICES_LIMIT = 100


def home_union(request: HttpRequest, permission: str) -> TradeUnion | None:
    """The union a cadre works at for `permission`: their own when covered, else the top of their grant."""
    granted = scope_for(request.user, permission)
    own: TradeUnion | None = getattr(request.user, "org", None)
    if own is not None and granted.covers(own.path):
        return own
    return tree_roots(scope=granted).order_by("depth", "path").first()


def union_choices(request: HttpRequest, permission: str) -> list[tuple[int, str]]:
    """The union a cadre works at for `permission` and its direct branches: where they usually act."""
    top = home_union(request, permission)
    if top is None:
        return []
    branches = union_children(scope=scope_for(request.user, permission), parent=top)[:UNION_CHOICES_LIMIT]
    return [(top.pk, top.name)] + [(u.pk, f"— {u.name}") for u in branches]


def union_from_choice(request: HttpRequest, permission: str, pk: Any) -> TradeUnion:
    return cast(TradeUnion, union_get(scope=scope_for(request.user, permission), pk=pk))
