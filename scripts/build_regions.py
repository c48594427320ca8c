"""Rebuild gonghui/orgs/data/gb2260.json from python-stdnum's GB/T 2260 history (cn/loc.dat).

Only divisions still in force are kept (a validity range with no end year). Run it after
upgrading python-stdnum, review the diff, and bump the dataset name: existing Region rows keep the
name of the list they came from.
"""

import json
import re
import sys
from pathlib import Path

import stdnum

SOURCE = Path(stdnum.__file__).parent / "cn" / "loc.dat"
OUT = Path(__file__).resolve().parent.parent / "gonghui" / "orgs" / "data" / "gb2260.json"
ENTRY = re.compile(r'^\s+(\d{4}) county="(?:\[(\d{4})?-(\d{4})?\])?(.+)"$')
PLACEHOLDERS = {"市辖区", "县", "市", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def main() -> None:
    regions = []
    province = ""
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if not line.startswith(" "):
            province = line.split()[0]
            continue
        m = ENTRY.match(line)
        if not m:
            continue
        suffix, _start, end, name = m.groups()
        if end or name in PLACEHOLDERS:
            continue
        code = province + suffix
        level = 1 if suffix == "0000" else 2 if suffix.endswith("00") else 3
        parent = None if level == 1 else (code[:2] + "0000" if level == 2 else code[:4] + "00")
        regions.append({"adcode": code, "name": name, "level": level, "parent": parent})
    known = {r["adcode"] for r in regions}
    for r in regions:
        # Counties directly under a province (省直辖县) have no city row: attach them to the province.
        if r["parent"] and r["parent"] not in known:
            r["parent"] = r["adcode"][:2] + "0000"
    data = {
        "dataset": f"GB/T 2260 (python-stdnum {stdnum.__version__})",
        "source": "python-stdnum cn/loc.dat, compiled from the published GB/T 2260 division codes",
        "regions": regions,
    }
    # One region a line keeps the file reviewable as a diff.
    rows = ",\n".join(json.dumps(r, ensure_ascii=False) for r in regions)
    head = json.dumps({k: v for k, v in data.items() if k != "regions"}, ensure_ascii=False)[:-1]
    OUT.write_text(f'{head}, "regions": [\n{rows}\n]}}\n', encoding="utf-8")
    print(f"{len(regions)} regions written to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
