"""What every 就业服务 page shares: the two scopes, the pick lists, and the region of the cadre's union."""

from django.http import HttpRequest

from gonghui.core.permissions import Perm
from gonghui.jobs.selectors import area_options, region_options
from gonghui.orgs.scope import Scope, scope_for
from gonghui.orgs.selectors import employer_list
from gonghui.web.common.unions import home_union

VIEW, MANAGE = Perm.JOBS_VIEW, Perm.JOBS_MANAGE
PERMS = (VIEW, MANAGE)
EMPLOYER_CHOICES_LIMIT = 300


def view_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, VIEW)


def manage_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, MANAGE)


def may_manage(request: HttpRequest, path: str) -> bool:
    return manage_scope(request).covers(path)


def _province_code(request: HttpRequest) -> str:
    union = home_union(request, VIEW)
    return union.region_id or "" if union is not None else ""


def regions(request: HttpRequest) -> list[tuple[str, str]]:
    return region_options(province_of=_province_code(request))


def areas(request: HttpRequest) -> list[tuple[str, str]]:
    return area_options(province_of=_province_code(request))


def employers(request: HttpRequest) -> list[tuple[int, str]]:
    return [(e.pk, e.name) for e in employer_list(scope=manage_scope(request))[:EMPLOYER_CHOICES_LIMIT]]
