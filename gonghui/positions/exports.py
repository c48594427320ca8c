"""The position list as filtered on its console page, as xlsx through the shared export framework."""

from collections.abc import Iterator, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.exports import Kind, ListExport, choice, col, labels, register_export
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope
from gonghui.positions.choices import PositionStatus, RatingLevel
from gonghui.positions.selectors import position_list

F = Mapping[str, str]


def _area(scope: Scope, f: F) -> str:
    # As on the pages: another county's area is not found (a 404), not an empty sheet.
    from gonghui.positions.coverage import area_filter

    return area_filter(scope=scope, division=f.get("division", ""))


def positions(scope: Scope, f: F) -> Any:
    return position_list(scope=scope, kind=f.get("kind", "")[:30], status=choice(f.get("status", ""),
                         PositionStatus.values), service=f.get("service", "")[:30], division=_area(scope, f),
                         idle=bool(f.get("idle")), query=f.get("q", ""))


def position_rows(*, actor: Any, scope: Scope, filters: F) -> Iterator[list[Any]]:
    status, rating = labels(PositionStatus.choices), labels(RatingLevel.choices)
    for p in positions(scope, filters).iterator(chunk_size=2000):
        yield [p.name, p.kind.name, status.get(p.status, ""), p.owner.name, p.region.name, p.address, p.place_name,
               str(p.lat), str(p.lng), p.contact_phone, p.star_level or None, rating.get(p.rating_level, ""),
               p.opened_on, p.last_visit_on]


def _count(*, actor: Any, scope: Scope, filters: F) -> int:
    return int(positions(scope, filters).count())


register_export(ListExport(
    name="positions.positions", title=_("服务阵地"), permission=(Perm.POSITION_VIEW, Perm.POSITION_MANAGE),
    rows=position_rows, count=_count, params=("kind", "status", "service", "division", "idle", "q"),
    route="web:positions_list",
    columns=[col(_("名称"), width=28), col(_("类型"), width=16), col(_("状态"), width=8), col(_("主管工会"), width=24),
             col(_("所在区划"), width=12), col(_("详细地址"), width=30), col(_("所在场所"), width=20),
             col(_("纬度（WGS-84）"), width=12), col(_("经度（WGS-84）"), width=12), col(_("服务电话"), width=14),
             col(_("星级"), Kind.INT, 6), col(_("模范职工之家级别"), width=10), col(_("启用日期"), Kind.DATE, 12),
             col(_("最近签到"), Kind.DATE, 12)]))


def coverage_rows(*, actor: Any, scope: Scope, filters: F) -> Iterator[list[Any]]:
    """Not a generator itself: another county's area is refused when called, before any row."""
    from gonghui.positions.coverage import coverage, flatten

    areas = flatten(coverage(scope=scope, division=_area(scope, filters)), sort=filters.get("sort", ""))
    return ([a.code, a.name, str(_("县（市、区）") if a.level == 3 else _("乡镇（街道）")), a.workers,
             a.town_unknown if a.level == 3 else None, a.stations, a.idle_stations, a.per_station, str(a.gap_label)]
            for a in areas)


register_export(ListExport(
    name="positions.coverage", title=_("服务圈覆盖"), permission=(Perm.POSITION_VIEW, Perm.POSITION_MANAGE),
    rows=coverage_rows, params=("division", "sort"), route="web:positions_coverage",
    columns=[col(_("区划代码"), width=12), col(_("区划"), width=18), col(_("层级"), width=12),
             col(_("户外及新就业形态职工"), Kind.INT, 14), col(_("其中未落到乡镇"), Kind.INT, 12),
             col(_("开放驿站"), Kind.INT, 10), col(_("其中60天无人签到"), Kind.INT, 12),
             col(_("每站职工"), Kind.INT, 10), col(_("覆盖情况"), width=14)]))
