"""Is a point in China, and in the county it is said to be in? We hold no boundaries, only each county's
centroid (data/county_centroids.csv, GCJ-02; see data/SOURCE.md), so the answers are an approximation
whose rule is written in docs/decisions.md ("Where a position is: county centroids"):

- each county has a *reach*: the distance from its centroid to its 2nd-nearest neighbouring centroid,
  at least 10 km (a small urban district still reaches across itself; a large county far);
- a point is in China when it lies within the reach of some county's centroid;
- a point is in the stated county when that county is among the 4 centroids nearest to the point and the
  point is within the county's reach. A county with no centroid of its own (a new 开发区 code) is judged
  by its prefecture: one of the 4 nearest centroids must be in the same prefecture.
"""

import bisect
import csv
import functools
import math
from dataclasses import dataclass
from pathlib import Path

from gonghui.positions.geo.distance import M_PER_DEGREE_LAT, haversine_m

CENTROIDS_FILE = Path(__file__).resolve().parent.parent / "data" / "county_centroids.csv"
MIN_REACH_M = 10_000.0
NEAREST_K = 4
# China lies within this box; a point outside it is refused before any distance is computed.
CHINA_BOX = (3.8, 53.6, 73.4, 135.1)


@dataclass(frozen=True)
class Centroid:
    code: str
    name: str
    lat: float
    lng: float
    reach_m: float


class Centroids:
    def __init__(self, rows: list[tuple[str, str, float, float]]) -> None:
        rows = sorted(rows, key=lambda r: r[2])
        self._lats = [r[2] for r in rows]
        bare = [Centroid(code, name, lat, lng, 0.0) for code, name, lat, lng in rows]
        self._rows = bare
        out = []
        for c in bare:
            near = self.nearest(c.lat, c.lng, 3)
            second = near[2][1] if len(near) > 2 else MIN_REACH_M  # near[0] is the county itself
            out.append(Centroid(c.code, c.name, c.lat, c.lng, max(second, MIN_REACH_M)))
        self._rows = out
        self.by_code = {c.code: c for c in out}

    def nearest(self, lat: float, lng: float, k: int) -> list[tuple[Centroid, float]]:
        """The k centroids nearest to a (GCJ-02) point, each with its distance in metres: a window on
        latitude widened until it surely holds the k nearest."""
        window_m = 50_000.0
        while True:
            d_lat = window_m / M_PER_DEGREE_LAT
            lo = bisect.bisect_left(self._lats, lat - d_lat)
            hi = bisect.bisect_right(self._lats, lat + d_lat)
            found = sorted(((c, haversine_m(lat, lng, c.lat, c.lng)) for c in self._rows[lo:hi]),
                           key=lambda pair: pair[1])
            # Anything outside the window is farther than window_m, so the first k inside it are final.
            if (len(found) >= k and found[k - 1][1] <= window_m) or (lo == 0 and hi == len(self._rows)):
                return found[:k]
            window_m *= 2


@functools.cache
def centroids() -> Centroids:
    with open(CENTROIDS_FILE, encoding="utf-8") as f:
        next(f)  # the dataset line
        rows = [(r["code"], r["name"], float(r["lat"]), float(r["lng"])) for r in csv.DictReader(f)]
    return Centroids(rows)


def in_china(lat_gcj: float, lng_gcj: float) -> bool:
    south, north, west, east = CHINA_BOX
    if not (south <= lat_gcj <= north and west <= lng_gcj <= east):
        return False
    c, d = centroids().nearest(lat_gcj, lng_gcj, 1)[0]
    return d <= c.reach_m


def in_county(lat_gcj: float, lng_gcj: float, county_code: str) -> bool:
    """Whether the point may be in the county (6-digit code), by the rule above."""
    table = centroids()
    near = table.nearest(lat_gcj, lng_gcj, NEAREST_K)
    own = table.by_code.get(county_code)
    if own is not None:
        return any(c.code == county_code for c, _ in near) and haversine_m(
            lat_gcj, lng_gcj, own.lat, own.lng) <= own.reach_m
    return any(c.code[:4] == county_code[:4] for c, _ in near)


def county_centroid(county_code: str) -> Centroid | None:
    return centroids().by_code.get(county_code)


def jitter_inside(county_code: str, u: float, v: float) -> tuple[float, float] | None:
    """A GCJ-02 point inside the county by the rule, from two numbers in [0, 1) (demo data): within a
    third of the reach of the centroid, tried at shrinking radii until the rule accepts it."""
    own = county_centroid(county_code)
    if own is None:
        return None
    radius = own.reach_m / 3 * math.sqrt(u)
    angle = 2 * math.pi * v
    for _ in range(6):
        lat = own.lat + radius * math.cos(angle) / M_PER_DEGREE_LAT
        lng = own.lng + radius * math.sin(angle) / (M_PER_DEGREE_LAT * math.cos(math.radians(own.lat)))
        if in_county(lat, lng, county_code):
            return lat, lng
        radius /= 2
    return own.lat, own.lng
