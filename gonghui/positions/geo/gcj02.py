"""GCJ-02 (国测局坐标, what Chinese map pickers and AMap/Tencent tiles use) ⇄ WGS-84 (GPS, what we store).

The forward transform is the published closed form (Krasovsky ellipsoid, the offset polynomials in
x = lng − 105, y = lat − 35). It has no closed inverse: `gcj_to_wgs` iterates the forward transform
(fixed point on the offset) until the round trip is within 1e-9 degrees (about 0.1 mm), well under the
1 m the pages need. Outside China's rough box there is no offset, as on the maps themselves.
"""

import math

_A = 6378245.0  # Krasovsky 1940 semi-major axis, as the formula uses
_EE = 0.00669342162296594323  # its first eccentricity squared
_TOLERANCE = 1e-9
_MAX_ROUNDS = 30


def outside_offset_box(lat: float, lng: float) -> bool:
    """The box outside which GCJ-02 applies no offset (the formula's own bound, not the border)."""
    return not (0.8293 <= lat <= 55.8271 and 72.004 <= lng <= 137.8347)


def _d_lat(x: float, y: float) -> float:
    r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    r += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return r


def _d_lng(x: float, y: float) -> float:
    r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    r += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return r


def _offset(lat: float, lng: float) -> tuple[float, float]:
    x, y = lng - 105.0, lat - 35.0
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = _d_lat(x, y) * 180.0 / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lng = _d_lng(x, y) * 180.0 / (_A / sqrt_magic * math.cos(rad) * math.pi)
    return d_lat, d_lng


def wgs_to_gcj(lat: float, lng: float) -> tuple[float, float]:
    if outside_offset_box(lat, lng):
        return lat, lng
    d_lat, d_lng = _offset(lat, lng)
    return lat + d_lat, lng + d_lng


def gcj_to_wgs(lat: float, lng: float) -> tuple[float, float]:
    """The WGS-84 point whose GCJ-02 image is (lat, lng), by fixed-point iteration on the offset."""
    if outside_offset_box(lat, lng):
        return lat, lng
    w_lat, w_lng = lat, lng
    for _ in range(_MAX_ROUNDS):
        g_lat, g_lng = wgs_to_gcj(w_lat, w_lng)
        e_lat, e_lng = g_lat - lat, g_lng - lng
        if abs(e_lat) < _TOLERANCE and abs(e_lng) < _TOLERANCE:
            break
        w_lat, w_lng = w_lat - e_lat, w_lng - e_lng
    return w_lat, w_lng
