"""A province at the issue's scale, written in bulk: the union tree (bench/support/province.py), members
with encrypted identity and phone (members.py), employers, collective contracts, hardship files and 12351
cases (records.py), and the demo's cadres with their published password and its hardship assessment
lines, so the console and the portal work as on the demo. What bench/reports.py, bench/pages.py --full
and bench/load.py at 100,000 unions read; the demo command would take hours at this size, through every
service.

As a script, on the database DATABASE_URL names (scripts/prod_shape.sh runs it on the primary when the
load bench asks for a province of 10,000 unions or more):

    .venv/bin/python bench/support/province_load.py --unions 100000 --members 1000000 --cases 1000000
"""

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

PROVINCE = "510000"  # 四川, as the demo


def load_province(*, unions: int, members: int, contracts: int, files: int, cases: int, seed: int,
                  actor: Any, province: str = PROVINCE, shape: Any = None, cadres: bool = True) -> Any:
    from django.core.management import call_command
    from django.db import connection

    from bench.support.harness import log
    from bench.support.members import load_members
    from bench.support.province import ProvinceGenerator, Shape
    from bench.support.records import load_cases, load_contracts, load_employers, load_hardship_files
    from gonghui.assistance.demo import seed_demo_rules
    from gonghui.demo.cadres import create_demo_cadres
    from gonghui.orgs.models import TradeUnion
    from gonghui.orgs.services.bulk import tree_bulk_load
    from gonghui.orgs.services.regions import regions_load

    t = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    regions_load(actor=actor)
    tree_bulk_load(actor=actor, parent=None, nodes=[ProvinceGenerator(province, seed).build(shape or Shape(unions))])
    root = TradeUnion.objects.get(parent__isnull=True)
    loaded = {"members": load_members(members, seed, actor)}
    if contracts:
        load_employers(contracts, seed, province)
        loaded["contracts"] = load_contracts(contracts, seed)
    loaded["hardship files"] = load_hardship_files(files, seed) if files else 0
    loaded["cases"] = load_cases(cases, seed, root) if cases else 0
    if cadres:
        create_demo_cadres(root)
        seed_demo_rules(actor=actor)  # the 困难自测 and the hardship pages read the demo's assessment lines
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"{TradeUnion.objects.count()} unions, " + ", ".join(f"{n} {what}" for what, n in loaded.items())
        + f" in {time.perf_counter() - t:.0f} s")
    return root


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unions", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=None, help="10 per union by default")
    parser.add_argument("--cases", type=int, default=None, help="10 per union by default")
    parser.add_argument("--contracts", type=int, default=None, help="1.2 per union by default")
    parser.add_argument("--files", type=int, default=None, help="1 per union by default")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    from gonghui.orgs.models import TradeUnion
    from gonghui.orgs.scope import SystemActor

    call_command("migrate", verbosity=0, interactive=False)
    if TradeUnion.objects.exists():
        print("the database already holds unions: load a province into an empty one", file=sys.stderr)
        return 1
    n = args.unions
    load_province(unions=n, members=args.members if args.members is not None else 10 * n,
                  cases=args.cases if args.cases is not None else 10 * n,
                  contracts=args.contracts if args.contracts is not None else n * 6 // 5,
                  files=args.files if args.files is not None else n, seed=args.seed, actor=SystemActor("bench"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
