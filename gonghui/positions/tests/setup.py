"""Places and positions for the positions tests: the test world's unions get real divisions."""

import datetime
from typing import Any

from gonghui.orgs.models import Region
from gonghui.positions.hours import Span
from gonghui.positions.models import ServicePosition
from gonghui.positions.services.positions import position_create, position_set_hours

TODAY = datetime.date(2026, 12, 7)  # a Monday
# 锦江区 and 涪城区 centroids (GCJ-02) as in the data file.
JINJIANG = (30.598158, 104.117022)
FUCHENG = (31.455, 104.757)


def regions() -> dict[str, Region]:
    rows = [("510000", "四川省", 1, None), ("510100", "成都市", 2, "510000"), ("510104", "锦江区", 3, "510100"),
            ("510104020", "春熙路街道", 4, "510104"), ("510700", "绵阳市", 2, "510000"),
            ("510703", "涪城区", 3, "510700"), ("520000", "贵州省", 1, None), ("520100", "贵阳市", 2, "520000"),
            ("520102", "南明区", 3, "520100")]
    out = {}
    for code, name, level, parent in rows:
        out[code], _ = Region.objects.get_or_create(adcode=code, defaults={
            "name": name, "level": level, "parent_id": parent, "dataset": "test"})
    return out


def data(**kw: Any) -> dict[str, Any]:
    regions()
    lat, lng = kw.pop("at", JINJIANG)
    return {"name": "春熙路工会驿站", "kind": "station", "region": "510104", "address": "春熙路100号",
            "place_name": "春熙路公交站旁", "lat": lat + 0.001, "lng": lng + 0.001, "services": ["water", "rest"],
            "opened_on": datetime.date(2024, 5, 1), **kw}


def station(world: Any, *, owner: Any = None, hours: list[Span] | None = None, **kw: Any) -> ServicePosition:
    position = position_create(actor=world.county_clerk if owner is None else world.province_officer,
                               owner=owner or world.county, data=data(**kw), today=TODAY)
    position_set_hours(actor=world.province_officer, position=position,
                       spans=[Span(d, 0, 1440) for d in range(7)] if hours is None else hours)
    position.refresh_from_db()
    return position
