"""附近的服务站点 over the API, open to anyone as on the portal: the nearest open positions of a kind
around a point, with distance, "open now" and the phone's route link.

The caller states the datum of the point (a phone's geolocation is WGS-84; a map picker's is GCJ-02)
and gets the positions' coordinates back in the same one, so a client never mixes the two."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router

from gonghui.api.common.errors import READ_ERRORS
from gonghui.api.common.schemas import ErrorOut
from gonghui.api.positions.schemas import Datum, PositionNearFilters, PositionNearListOut
from gonghui.core.errors import ValidationFailed, msg
from gonghui.positions import selectors
from gonghui.positions.geo.gcj02 import gcj_to_wgs, wgs_to_gcj
from gonghui.positions.geo.places import in_china
from gonghui.positions.geo.route import route_url

router = Router(tags=["positions"])


@router.get("/positions/near", auth=None, response={200: PositionNearListOut, frozenset(READ_ERRORS | {400}): ErrorOut},
            summary="附近的服务站点（公开，无需登录）：某类型中离所给位置最近的、此刻开放的站点，含距离和高德步行导航链接；"
                    "位置须说明坐标系（手机定位 wgs84，地图拾取 gcj02），返回的坐标同此坐标系")
def position_near(request: HttpRequest, filters: Query[PositionNearFilters]) -> dict[str, Any]:
    if not selectors.kinds().filter(code=filters.kind).exists():
        raise ValidationFailed(_("请选择站点类型。"), field="kind", code="choice")
    datum = Datum(filters.datum)
    if datum == Datum.GCJ02:
        g_lat, g_lng = filters.lat, filters.lng
        w_lat, w_lng = gcj_to_wgs(g_lat, g_lng)
    else:
        w_lat, w_lng = filters.lat, filters.lng
        g_lat, g_lng = wgs_to_gcj(w_lat, w_lng)
    if not in_china(g_lat, g_lng):
        raise ValidationFailed(msg(_("坐标（纬度 %(lat)s，经度 %(lng)s）不在中国境内，请检查经纬度是否填反。"),
                                   {"lat": filters.lat, "lng": filters.lng}), field="lat", code="outside_china")
    items = []
    for near in selectors.nearest_open(kind=filters.kind, lat=w_lat, lng=w_lng, limit=filters.limit):
        p = near.position
        lat, lng = (float(p.lat), float(p.lng))
        if datum == Datum.GCJ02:
            lat, lng = wgs_to_gcj(lat, lng)
        items.append({"id": p.pk, "name": p.name, "kind": {"code": p.kind_id, "name": p.kind.name},
                      "address": p.address, "place_name": p.place_name, "contact_phone": p.contact_phone,
                      "lat": f"{lat:.6f}", "lng": f"{lng:.6f}", "datum": datum, "distance_m": round(near.distance_m),
                      "open_now": near.is_open, "route_url": route_url(p)})
    return {"datum": datum, "items": items}
