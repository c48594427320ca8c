"""The 统计年报 in the demo: the demo county's returns for the statistical year being filed at every
stage — grassroots returns signed off, one still failing a check, one reopened for a correction,
one not begun; its first township aggregated (and stale after the correction); the county's own
return opened and aggregated; last year's signed returns for the year-on-year checks."""

import random
from decimal import Decimal
from typing import Any

from gonghui.demo.cadres import demo_personas
from gonghui.orgs.choices import Level
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import SystemActor
from gonghui.reports.stats import services
from gonghui.reports.stats.choices import CheckKind, Source
from gonghui.reports.stats.models import StatReturn
from gonghui.reports.stats.selectors import form_fields, reporting_children, reporting_year, values_of

ACTOR = SystemActor("demo")
CHAIRS = ["王芳", "李强", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰", "吴娟"]
GRASSROOTS_SHOWN = 8
YOY_NOTE = "本年开展集中入会行动，新发展会员较多"


def hand_values(members: int, rng: random.Random) -> dict[str, Any]:
    """What a grassroots union enters by hand, consistent with its members (every check passes)."""
    employees = members + rng.randint(2, 40)
    income = Decimal(rng.randint(20, 400) * 500)
    dues = (income * Decimal("0.2")).quantize(Decimal("0.01"))
    allocation = (income * Decimal("0.6")).quantize(Decimal("0.01"))
    spent = (income * Decimal("0.85")).quantize(Decimal("0.01"))
    activities = (spent * Decimal("0.6")).quantize(Decimal("0.01"))
    committee = rng.randint(3, 9)
    contracts = rng.randint(0, 2)
    return {"A01": employees, "A02": employees * rng.randint(25, 55) // 100,
            "A03": employees * rng.randint(5, 40) // 100, "A04": rng.randint(0, employees // 10),
            "C01": rng.choice(CHAIRS),
            "C02": committee,
            "C03": rng.randint(1, committee), "C04": rng.randint(0, 1), "C05": rng.randint(1, 5), "C06": 0,
            "C07": rng.randint(1, 4), "D01": 1, "D02": contracts, "D03": min(contracts, 1),
            "D04": employees if contracts else 0, "E01": income, "E02": dues, "E03": allocation,
            "E04": Decimal(0), "E05": income - dues - allocation, "E06": spent, "E07": activities,
            "E08": (spent * Decimal("0.1")).quantize(Decimal("0.01")), "E09": Decimal(0),
            "E10": spent - activities - (spent * Decimal("0.1")).quantize(Decimal("0.01"))}


def _fill(ret: StatReturn, rng: random.Random, **override: Any) -> StatReturn:
    held = values_of(ret)
    # The employees entered cover the members and the contracts' workers the records hold.
    floor = max((held[code].value or 0) for code in ("B01", "D04") if code in held)
    hand = {code for code, f in form_fields(ret.form).items() if f.source == Source.HAND}
    values = {k: str(v) for k, v in (hand_values(int(floor), rng) | override).items() if k in hand}
    ret.refresh_from_db()
    failures = services.return_save(actor=ACTOR, ret=ret, version=ret.version, values=values)
    ret.refresh_from_db()
    moved = {f.fields[0]: YOY_NOTE for f in failures if f.kind == CheckKind.YEAR_ON_YEAR}
    if moved:  # a union that grew this much says why, as the checks ask
        services.return_save(actor=ACTOR, ret=ret, version=ret.version, explanations=moved)
        ret.refresh_from_db()
    return ret


def _sign(ret: StatReturn, rng: random.Random) -> StatReturn:
    services.return_sign(actor=ACTOR, ret=ret, version=ret.version, name=rng.choice(CHAIRS))
    ret.refresh_from_db()
    return ret


def _upper(union: TradeUnion, year: int, rng: random.Random) -> StatReturn:
    ret = services.return_open(actor=ACTOR, union=union, year=year)
    services.return_save(actor=ACTOR, ret=ret, version=ret.version, values={
        "V01": str(rng.randint(3, 12)), "V02": str(rng.randint(5, 15)), "V11": str(rng.randint(200, 900) * 1000),
        "V12": str(rng.randint(150, 800) * 1000), "V13": str(rng.randint(10, 90) * 1000)})
    ret.refresh_from_db()
    services.return_aggregate(actor=ACTOR, ret=ret, version=ret.version)
    ret.refresh_from_db()
    return ret


def build_demo_stats(province: TradeUnion, *, seed: int = 2026) -> dict[str, int]:
    rng = random.Random(seed + 47)
    year = reporting_year()
    county = next(union for key, _n, _r, union in demo_personas(province) if key == "county")
    # The township with the most grassroots unions reporting to it (or the county's own, if none).
    townships = sorted(reporting_children(county, year).exclude(level=Level.GRASSROOTS),
                       key=lambda t: -reporting_children(t, year).filter(level=Level.GRASSROOTS).count())
    township = townships[0] if townships else None
    grassroots = list(reporting_children(township, year).filter(level=Level.GRASSROOTS)[:GRASSROOTS_SHOWN]
                      ) if township else []
    if len(grassroots) < 3:
        township = None
        grassroots = list(reporting_children(county, year).filter(level=Level.GRASSROOTS)[:GRASSROOTS_SHOWN])
    returns = []
    for union in grassroots[:-1]:  # the last one has not begun
        returns.append(services.return_open(actor=ACTOR, union=union, year=year))
    if not returns:
        return {"returns": 0, "county": county.pk, "townships": len(townships)}
    for ret in returns[:3]:  # last year's, signed: the year-on-year checks read them
        last = services.return_open(actor=ACTOR, union=ret.union, year=year - 1)
        _sign(_fill(last, rng), rng)
    signed = [_sign(_fill(ret, rng), rng) for ret in returns[:-1]]
    # The last begun return fails a check: more women than employees entered.
    _fill(returns[-1], rng, A01=1, A02=5)
    if township is not None:
        _upper(township, year, rng)
    _upper(county, year, rng)
    if len(signed) > 1:  # a correction after the township summed it: the township's sum is stale
        ret = signed[-1]
        services.return_reopen(actor=ACTOR, ret=ret, version=ret.version, reason="职工人数漏报劳务派遣工，需更正")
    return {"returns": StatReturn.objects.count()}
