"""The awards metric equals a count made here over every award, for two counties and two periods: by
the date of the decision, and not once revoked by the period's end."""

import datetime

import pytest

from gonghui.honours.models import Award, AwardKind
from gonghui.testing.metrics import DAYS, assert_metric_counts, counted, within

pytestmark = pytest.mark.django_db


def test_awards_count_decisions_in_the_period_not_revoked_by_its_end(world):
    kinds = list(AwardKind.objects.order_by("pk")[:2])
    shapes = [(world.grassroots, DAYS[0], None), (world.grassroots, DAYS[1], None),
              (world.grassroots, DAYS[2], datetime.date(2026, 11, 1)), (world.county2, DAYS[2], None),
              (world.county2, DAYS[3], None), (world.county2, DAYS[1], datetime.date(2025, 12, 1))]
    for n, (union, day, revoked) in enumerate(shapes):
        Award.objects.create(kind=kinds[n % 2], honour=kinds[n % 2].honour, level=kinds[n % 2].level, year=day.year,
                             union=union, org_path=union.path, nominee_type="person", name=f"劳模{n}",
                             employer_name="示例公司", nominee_key=f"k{n}", decision_number=f"川工发〔{n}〕",
                             decided_on=day, status="revoked" if revoked else "active", revoked_on=revoked)
    assert_metric_counts("honours.awards", counted(
        Award.objects.all(), lambda a: a.org_path,
        lambda a, p: within(a.decided_on, p) and (a.revoked_on is None or a.revoked_on > p.end)),
        (world.county, world.county2))
