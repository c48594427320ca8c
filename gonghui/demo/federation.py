"""Demo national tier: the demo province as the upper deployment of three of its cities that run their
own deployments (each registered with a key of its own). Two have sent the month just ended, the year
and the statistical year; the third has sent nothing yet, so 各省数据 shows what "未上报" looks like.
Through the receiving service, as a signed post would have it stored."""

import datetime
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gonghui.core.metrics import all_metrics
from gonghui.orgs.models import Region, TradeUnion
from gonghui.orgs.scope import SystemActor
from gonghui.reports.federation.services import due_periods, figures_receive, peer_register
from gonghui.reports.federation.signing import generate_private_key_pem

SENDING = 2  # of the cities registered, how many have sent


def _counted(rng: random.Random, name: str) -> int:
    scale = 30_000 if name.startswith("members.") else 400
    return rng.randint(scale // 3, scale)


def build_demo_federation(province: TradeUnion, *, seed: int) -> dict[str, Any]:
    rng = random.Random(seed + 15)
    system = SystemActor("demo")
    cities = list(Region.objects.filter(parent_id=province.region_id, level=Region.RegionLevel.CITY)
                  .order_by("adcode")[:SENDING + 1])
    metrics = all_metrics()
    received = 0
    for n, city in enumerate(cities):
        peer = peer_register(actor=system, code=city.adcode, name=f"{city.name}总工会",
                             public_key=generate_private_key_pem()[1])
        if n >= SENDING:
            continue
        as_of = timezone.now() - datetime.timedelta(hours=rng.randint(2, 72))
        for period in due_periods(timezone.localdate()):
            values: dict[str, int] = {m.name: _counted(rng, m.name) for m in metrics if not m.is_ratio}
            figures = []
            for metric in metrics:
                item = {"metric": metric.name, "version": metric.version, "unit": city.adcode,
                        "unit_name": peer.name, "root": True, "label": str(metric.label), "measure": str(metric.unit),
                        "as_of": as_of, "value": None, "numerator": None, "denominator": None}
                if metric.is_ratio:
                    num, den = values.get(metric.numerator), values.get(metric.denominator)
                    if num is not None and den:
                        num = min(num, den)
                        item.update(numerator=Decimal(num), denominator=Decimal(den),
                                    value=(Decimal(num) * metric.scale / den).quantize(Decimal("0.01")))
                else:
                    item["value"] = Decimal(values[metric.name])
                figures.append(item)
            received += figures_receive(peer=peer, deployment=peer.code, period=period.key, figures=figures).figures
    return {"peers": len(cities), "received": received}
