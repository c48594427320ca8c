"""Great-circle distance and the degrees a distance spans (for a bounding box on indexed columns)."""

import math

EARTH_RADIUS_M = 6_371_008.8  # the mean radius (IUGG); haversine on a sphere errs < 0.5 %
M_PER_DEGREE_LAT = math.pi * EARTH_RADIUS_M / 180.0


def haversine_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def bbox(lat: float, lng: float, radius_m: float) -> tuple[float, float, float, float]:
    """(south, north, west, east) enclosing every point within `radius_m` (China is far from the poles
    and the antimeridian, so no wrapping is needed)."""
    d_lat = radius_m / M_PER_DEGREE_LAT
    d_lng = radius_m / (M_PER_DEGREE_LAT * max(math.cos(math.radians(lat)), 0.01))
    return lat - d_lat, lat + d_lat, lng - d_lng, lng + d_lng
