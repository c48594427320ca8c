"""What every 服务阵地 page shares: the scopes, the choices a form offers, the check-in QR code."""

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import reverse

from gonghui.core.errors import NotFound
from gonghui.core.permissions import Perm
from gonghui.core.qr import qr_data_uri
from gonghui.orgs.scope import Scope, scope_for
from gonghui.orgs.selectors import employer_list
from gonghui.positions.coverage import area_filter
from gonghui.positions.models import ServicePosition
from gonghui.positions.selectors import kinds, services
from gonghui.positions.services.visits import checkin_token
from gonghui.skills.studio_selectors import studio_list

VIEW, MANAGE = Perm.POSITION_VIEW, Perm.POSITION_MANAGE
PERMS = (VIEW, MANAGE)
EMPLOYER_CHOICES_LIMIT = 300


def view_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, VIEW)


def manage_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, MANAGE)


def area_in_scope(request: HttpRequest, division: str) -> str:
    """An area asked for by code, or 404: another county is refused like any out-of-scope read, not
    answered with an empty list or map (positions.coverage.area_filter, as the exports)."""
    try:
        return area_filter(scope=view_scope(request), division=division)
    except NotFound:
        raise Http404 from None


def kind_choices() -> list[tuple[str, str]]:
    return [(k.code, k.name) for k in kinds()]


def service_choices() -> list[tuple[str, str]]:
    return [(s.code, s.name) for s in services()]


def employer_choices(request: HttpRequest) -> list[tuple[int, str]]:
    return [(e.pk, e.name) for e in employer_list(scope=manage_scope(request))[:EMPLOYER_CHOICES_LIMIT]]


def studio_choices(request: HttpRequest) -> list[tuple[int, str]]:
    """The studios a 创新工作室 position may be linked to: those in the cadre's own scope."""
    rows = studio_list(scope=manage_scope(request)).order_by("employer__name", "name")
    return [(s.pk, f"{s.name}（{s.employer.name}）") for s in rows[:EMPLOYER_CHOICES_LIMIT]]


def checkin_url(request: HttpRequest, position: ServicePosition) -> str:
    # Printed codes carry the public address even when the console runs on an internal host.
    base = settings.GONGHUI_PORTAL_BASE_URL or request.build_absolute_uri("/").rstrip("/")
    return base + reverse("portal:positions_checkin", args=[checkin_token(position)])


def checkin_qr_svg(request: HttpRequest, position: ServicePosition, *, scale: int) -> Any:
    return qr_data_uri(checkin_url(request, position), scale=scale)
