"""The aid metrics equal counts made here over every grant, for two counties and two periods: only
paid grants, by the day paid."""

import pytest

from gonghui.aid.choices import GrantStatus
from gonghui.aid.models import AidGrant
from gonghui.aid.services import batch_approve, batch_mark_paid, batch_submit, grant_add
from gonghui.aid.tests.conftest import worker
from gonghui.orgs.choices import Level, UnionKind
from gonghui.testing.metrics import DAYS, assert_metric_counts, counted, distinct, summed, within
from gonghui.testing.world import make_union

pytestmark = pytest.mark.django_db


def test_aid_metrics_count_paid_grants_by_the_day_paid(world, new_programme, new_campaign, new_batch):
    plant = make_union(world.county2, "涪城机械厂工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    batch = new_batch(new_campaign(new_programme()))
    people = [worker(), worker(), worker(group="outdoor"), worker(is_member=True), worker()]
    for person in people:
        grant_add(actor=world.county_clerk, batch=batch, data=person)
    batch_submit(actor=world.county_clerk, batch=batch)
    batch_approve(actor=world.county_admin, batch=batch)
    batch_mark_paid(actor=world.county_clerk, batch=batch)
    grants = list(AidGrant.objects.order_by("pk"))
    # The same person paid twice in 锦江区, once in 涪城区; one grant failed.
    places = [(world.grassroots, DAYS[1]), (world.grassroots, DAYS[2]), (plant, DAYS[2]), (plant, DAYS[3]),
              (world.grassroots, DAYS[2])]
    for grant, (union, day) in zip(grants, places, strict=True):
        AidGrant.objects.filter(pk=grant.pk).update(union=union, org_path=union.path, paid_on=day)
    AidGrant.objects.filter(pk=grants[4].pk).update(status=GrantStatus.FAILED, paid_on=None)
    AidGrant.objects.filter(pk=grants[1].pk).update(person_index=grants[0].person_index, cycle_key="another")
    rows = [g for g in AidGrant.objects.all() if g.status == GrantStatus.PAID]
    unions = (world.county, world.county2)

    def path(g):
        return g.org_path

    def paid_in(g, p):
        return within(g.paid_on, p)

    assert_metric_counts("aid.times", counted(rows, path, paid_in), unions)
    assert_metric_counts("aid.people", distinct(rows, path, paid_in, lambda g: g.person_index), unions)
    assert_metric_counts("aid.amount", summed(rows, path, paid_in, lambda g: g.cash + g.goods_value), unions)
