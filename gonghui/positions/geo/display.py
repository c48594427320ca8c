"""Where a stored (WGS-84) point is drawn: on GCJ-02 tiles (AMap, Tencent) it is shifted to GCJ-02, on
WGS-84 tiles (天地图, CGCS2000) or on no tiles at all it is drawn as stored. GONGHUI_MAP_TILES_CRS says
which; the map's JSON carries drawn points, so the browser does no datum arithmetic."""

from typing import Any

from django.conf import settings

from gonghui.positions.geo.gcj02 import wgs_to_gcj


def shown(lat: Any, lng: Any) -> tuple[float, float]:
    lat, lng = float(lat), float(lng)
    if settings.GONGHUI_MAP_TILES and settings.GONGHUI_MAP_TILES_CRS == "gcj02":
        lat, lng = wgs_to_gcj(lat, lng)
    return round(lat, 6), round(lng, 6)


def map_config() -> dict[str, str]:
    """The tile settings as the map script reads them (data attributes of its container)."""
    return {"tiles": settings.GONGHUI_MAP_TILES, "subdomains": settings.GONGHUI_MAP_TILES_SUBDOMAINS,
            "attribution": settings.GONGHUI_MAP_TILES_ATTRIBUTION}
