"""Build gonghui/positions/data/county_centroids.csv from cpca's adcodes.csv (see the SOURCE.md beside it).

    python scripts/build_centroids.py /path/to/cpca/resources/adcodes.csv

Keeps one row per current county-level division of orgs/data/regions.csv.gz (and per prefecture with
no county below it: 东莞, 中山, 嘉峪关, 儋州). cpca's list predates some renames (郫县 → 郫都区): a
retired code's centroid is carried to its successor when the successor has none of its own. Rows without
coordinates (市辖区) are dropped. Current counties with no centroid are listed on stderr.
"""

import csv
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ROOT / "gonghui/orgs/data/regions.csv.gz"
OUT = ROOT / "gonghui/positions/data/county_centroids.csv"


def main(source: str) -> None:
    with gzip.open(REGIONS, "rt", encoding="utf-8") as f:
        next(f)
        regions = {r["code"]: r for r in csv.DictReader(f) if r["level"] in {"2", "3"}}
    current = {c for c, r in regions.items() if r["current"] == "1"}
    with open(source, encoding="utf-8") as f:
        points = {r["adcode"][:6]: (r["longitude"], r["latitude"]) for r in csv.DictReader(f)
                  if r["longitude"] and r["latitude"]}
    with_counties = {c[:4] for c in current if regions[c]["level"] == "3"}
    wanted = {c for c in current if regions[c]["level"] == "3" or c[:4] not in with_counties}
    rows: dict[str, tuple[str, str]] = {c: points[c] for c in wanted if c in points}
    for code, point in points.items():
        successor = regions.get(code, {}).get("successor", "")
        if successor in wanted and successor not in rows:
            rows[successor] = point
    missing = sorted(wanted - rows.keys())
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write("# dataset: cpca 0.5.5 resources/adcodes.csv (GCJ-02), codes of regions.csv.gz\n")
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["code", "name", "lng", "lat"])
        for code in sorted(rows):
            out.writerow([code, regions[code]["name"], *rows[code]])
    print(f"{len(rows)} centroids; {len(missing)} current divisions without one: {' '.join(missing)}",
          file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
