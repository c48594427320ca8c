"""Activities for tests: an open one whose window runs now, built through the services."""

import datetime
from typing import Any

from django.utils import timezone

from gonghui.activities.models import Activity
from gonghui.activities.services import activity_create, activity_publish
from gonghui.orgs.models import Region, TradeUnion
from gonghui.orgs.scope import SystemActor

SYSTEM = SystemActor("test")


def region_for_tests() -> Region:
    """锦江区, with its city and province, when the test database has no division list loaded."""
    province, _ = Region.objects.get_or_create(adcode="510000", defaults={"name": "四川省", "level": 1,
                                                                          "dataset": "test"})
    city, _ = Region.objects.get_or_create(adcode="510100", defaults={"name": "成都市", "level": 2,
                                                                      "parent": province, "dataset": "test"})
    county, _ = Region.objects.get_or_create(adcode="510104", defaults={"name": "锦江区", "level": 3,
                                                                        "parent": city, "dataset": "test"})
    return county


def activity_data(**overrides: Any) -> dict[str, Any]:
    now = timezone.now()
    return {"kind": "sports", "title": "职工羽毛球赛", "description": "单打、双打", "audience": "subtree",
            "capacity": 2, "signup_opens_at": now - datetime.timedelta(days=1),
            "signup_closes_at": now + datetime.timedelta(days=2), "starts_at": now + datetime.timedelta(days=3),
            "ends_at": now + datetime.timedelta(days=3, hours=3), "fee": "0",
            "region": region_for_tests(), "address": "锦江区职工活动中心", **overrides}


def make_activity(organiser: TradeUnion, *, publish: bool = True, actor: Any = SYSTEM, **overrides: Any) -> Activity:
    activity = activity_create(actor=actor, organiser=organiser, data=activity_data(**overrides))
    return activity_publish(actor=actor, activity=activity) if publish else activity
