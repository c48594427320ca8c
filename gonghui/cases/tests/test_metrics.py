"""The 维权 metrics equal counts made here over every case, for two counties and two periods."""

import datetime
import itertools
from decimal import Decimal

import pytest

from gonghui.cases.dashboard import DONE
from gonghui.cases.models import Case
from gonghui.orgs.choices import Level, UnionKind
from gonghui.testing.metrics import DAYS, assert_metric_counts, counted, noon, summed, within
from gonghui.testing.world import make_union

pytestmark = pytest.mark.django_db


def test_case_metrics_count_what_the_handling_unions_received_in_the_period(world, new_case):
    plant = make_union(world.county2, "涪城机械厂工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    shapes = itertools.product(DAYS, (world.grassroots, plant), ("resolved", "received"), (True, False))
    for n, (day, union, status, on_time) in enumerate(shapes):
        if day == DAYS[3] and union == plant and not on_time:
            continue  # so the counties and the periods differ
        case = new_case(channel="phone" if n % 3 else "web")
        received = noon(day)
        resolved = received + datetime.timedelta(days=2) if status == "resolved" else None
        Case.objects.filter(pk=case.pk).update(
            handling_union=union, org_path=union.path, received_at=received, status=status, resolved_at=resolved,
            due_at=received + datetime.timedelta(days=3 if on_time else 1), money_recovered=Decimal(n * 100))
    cases = list(Case.objects.all())
    done = [c for c in cases if c.status in DONE]
    unions = (world.county, world.county2)

    def path(c):
        return c.org_path

    def received_in(c, p):
        return within(c.received_at, p)

    assert_metric_counts("cases.received", counted(cases, path, received_in), unions)
    assert_metric_counts("cases.resolved", counted(done, path, received_in), unions)
    assert_metric_counts("cases.resolved_on_time", counted(
        done, path, lambda c, p: received_in(c, p) and c.resolved_at <= c.due_at), unions)
    assert_metric_counts("cases.money_recovered", summed(done, path, received_in, lambda c: c.money_recovered),
                         unions)
    assert_metric_counts("cases.closure_rate", lambda under, p: (
        Decimal(100 * counted(done, path, received_in)(under, p)) / counted(cases, path, received_in)(under, p)
    ).quantize(Decimal("0.1")), unions)
    # 按时办结率: Σ on time / Σ resolved, never an average of the children's rates.
    assert_metric_counts("cases.on_time_rate", lambda under, p: (
        Decimal(100 * counted(done, path, lambda c, q: received_in(c, q) and c.resolved_at <= c.due_at)(under, p))
        / counted(done, path, received_in)(under, p)).quantize(Decimal("0.1")), unions)
