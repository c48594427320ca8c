"""The route link a phone opens: AMap's URI API (uri.amap.com), which hands over to the AMap app when
installed and is a web map otherwise. It takes GCJ-02 (`coordinate=gaode`); we store WGS-84. The portal
and the API's near-me both give it, so it is built here once."""

from typing import Any
from urllib.parse import urlencode

from gonghui.positions.geo.gcj02 import wgs_to_gcj


def route_url(position: Any) -> str:
    lat, lng = wgs_to_gcj(float(position.lat), float(position.lng))
    return "https://uri.amap.com/navigation?" + urlencode({
        "to": f"{lng:.6f},{lat:.6f},{position.name}", "mode": "walk", "coordinate": "gaode", "callnative": "1",
        "src": "gonghui"})
