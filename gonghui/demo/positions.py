"""Demo 服务阵地: positions of every kind in each county of the demo province, near the county's
centroid (jittered inside the in-county rule, geo.places), with opening hours (some 24 h, some with
a night span) and two years of check-ins. Bulk-loaded: the services' rules are what the tests prove;
the demo needs volume (a few thousand positions) quickly."""

import datetime
import random
from typing import Any

from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from gonghui.core.crypto import blind_index
from gonghui.orgs.choices import Level
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import subtree_q
from gonghui.positions.geo.gcj02 import gcj_to_wgs
from gonghui.positions.geo.places import jitter_inside
from gonghui.positions.models import PositionHours, PositionVisit, ServicePosition

# kind → (how many per county, name pattern, services)
PLAN: list[tuple[str, int, str, list[str]]] = [
    ("station", 12, "{place}工会驿站", ["water", "meal", "rest", "charging", "toilet", "first_aid"]),
    ("home", 6, "{place}职工之家", ["rest", "reading", "legal"]),
    ("library", 4, "{place}职工书屋", ["reading", "e_reading"]),
    ("mother", 3, "{place}爱心妈妈小屋", ["nursing", "rest"]),
    ("counselling", 1, "{place}职工心理咨询室", ["counselling"]),
    ("service_centre", 1, "{county}职工服务中心", ["legal", "water", "rest"]),
    ("palace", 1, "{county}工人文化宫", ["reading", "rest"]),
    ("sanatorium", 1, "{county}职工疗休养基地", ["rest"]),
    ("summer_care", 1, "{county}暑期爱心托管班", ["rest", "water"]),
    ("studio", 1, "{county}劳模和工匠人才创新工作室", []),
]
PLACES = ["人民路", "建设路", "解放路", "滨江路", "文化路", "新华街", "南门", "北站", "城东", "城西", "高新区",
          "工业园",
          "客运站", "菜市场", "中心广场", "体育馆", "汽车站", "火车站", "万达广场", "科技园"]


def _hours(kind: str, rng: random.Random) -> list[tuple[int, int, int]]:
    if kind == "station" and rng.random() < 0.3:
        return [(d, 0, 1440) for d in range(7)]
    if kind == "station" and rng.random() < 0.2:
        return [(d, 360, 1320) for d in range(7)]
    if kind in ("home", "library", "mother", "counselling", "service_centre"):
        return [(d, 510, 1050) for d in range(5)]
    return [(d, 540, 1260) for d in range(6)] + [(6, 1320, 1800)] if kind == "palace" else \
        [(d, 480, 1080) for d in range(7)]


def build_demo_positions(province: TradeUnion, *, seed: int, today: datetime.date | None = None) -> dict[str, Any]:
    rng = random.Random(seed * 7919 + 14)
    today = today or timezone.localdate()
    counties = list(TradeUnion.objects.filter(subtree_q("path", province.path), level=Level.COUNTY,
                                              region__isnull=False).select_related("region"))
    rows: list[ServicePosition] = []
    services: list[list[str]] = []
    for county in counties:
        code = county.region_id or ""
        for kind, count, pattern, offered in PLAN:
            for n in range(count):
                point = jitter_inside(code, rng.random(), rng.random())
                if point is None:
                    break
                lat, lng = gcj_to_wgs(*point)
                place = PLACES[(n + rng.randrange(len(PLACES))) % len(PLACES)]
                name = pattern.format(place=place, county=county.region.name) + (f"（{n + 1}号）" if n else "")
                rows.append(ServicePosition(
                    name=name, kind_id=kind, owner=county, org_path=county.path, region_id=code, county_code=code,
                    address=f"{county.region.name}{place}{rng.randint(1, 300)}号", place_name=f"{place}",
                    lat=round(lat, 6), lng=round(lng, 6), contact_phone=f"028-{rng.randint(80000000, 89999999)}",
                    star_level=rng.choice([0, 0, 3, 4, 5]),
                    opened_on=today - datetime.timedelta(days=rng.randint(90, 2000)),
                    rating_level=rng.choice(["", "", "province", "city"]) if kind == "home" else "",
                    status=rng.choices(["open", "suspended", "closed"], [94, 4, 2])[0]))
                services.append(offered)
    for p in rows:
        if p.rating_level:
            p.rating_year = today.year - rng.randint(1, 6)
    made = ServicePosition.objects.bulk_create(rows, batch_size=2000)
    through = ServicePosition.services.through
    through.objects.bulk_create([through(serviceposition_id=p.pk, positionservice_id=s)
                                 for p, offered in zip(made, services, strict=True) for s in offered], batch_size=5000)
    PositionHours.objects.bulk_create([PositionHours(position_id=p.pk, weekday=d, opens=o, closes=c)
                                       for p in made for d, o, c in _hours(p.kind_id, rng)], batch_size=5000)
    visits: list[PositionVisit] = []
    first = today - datetime.timedelta(days=730)
    for i, p in enumerate(made):
        offered = services[i]
        busy = 40 if p.kind_id == "station" else 12
        # One in ten goes quiet for the last three months: the 60-day flag has something to show.
        last = today - datetime.timedelta(days=90) if rng.random() < 0.1 else today
        span = (last - max(first, p.opened_on)).days
        if span <= 0:
            continue
        for _ in range(rng.randint(0, busy)):
            day = max(first, p.opened_on) + datetime.timedelta(days=rng.randint(0, span))
            moment = datetime.time(rng.randint(7, 21), rng.randint(0, 59))
            at = timezone.make_aware(datetime.datetime.combine(day, moment))
            visits.append(PositionVisit(position_id=p.pk, org_path=p.org_path, day=day, at=at,
                                        visitor_key=blind_index(f"139{rng.randint(0, 99999999):08d}"),
                                        service_id=rng.choice(offered) if offered else None,
                                        rating=rng.choice([None, None, 4, 5, 5, 3])))
    PositionVisit.objects.bulk_create(visits, batch_size=5000, ignore_conflicts=True)
    ServicePosition.objects.filter(pk__in=[p.pk for p in made]).update(last_visit_on=Subquery(
        PositionVisit.objects.filter(position_id=OuterRef("pk")).values("position_id")
        .annotate(last=Max("day")).values("last")[:1]))
    return {"positions": len(made), "visits": len(visits)}
