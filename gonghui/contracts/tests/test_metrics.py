"""The collective-contract metrics equal counts made here over every contract, for two counties and two
periods: in force at the period's end (or today), signed and filed within it."""

import datetime

import pytest

from gonghui.contracts.choices import Status
from gonghui.contracts.models import CollectiveContract
from gonghui.contracts.tests.conftest import kind, offer
from gonghui.orgs.choices import Level, UnionKind
from gonghui.testing.metrics import DAYS, TODAY, assert_metric_counts, counted, summed, within
from gonghui.testing.world import make_union

pytestmark = pytest.mark.django_db
D = datetime.date


def test_contract_metrics_count_contracts_in_force_signed_and_filed(world):
    plant = make_union(world.county2, "涪城机械厂工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    # (union, signed, filed, effective, term ends, ended early, status now, wage?)
    shapes = [
        (world.grassroots, DAYS[0], DAYS[0], DAYS[1], D(2028, 9, 30), None, Status.PUBLISHED, True),
        (world.grassroots, DAYS[1], DAYS[2], DAYS[2], D(2029, 1, 1), None, Status.EFFECTIVE, False),
        (world.grassroots, DAYS[2], None, None, None, None, Status.SIGNED, True),
        (world.grassroots, DAYS[1], DAYS[1], DAYS[1], D(2026, 12, 1), None, Status.EXPIRED, True),
        (plant, DAYS[3], DAYS[3], D(2026, 10, 20), D(2029, 10, 19), None, Status.EFFECTIVE, True),
        (plant, DAYS[1], DAYS[1], DAYS[1], D(2028, 1, 1), D(2026, 5, 1), Status.TERMINATED, False),
    ]
    for union, signed, filed, effective, ends, ended, status, wage in shapes:
        code = "wage" if wage else "comprehensive"
        contract = offer(world.grassroots_clerk, world.grassroots, employer=world.employer, kind_code=code)
        CollectiveContract.objects.filter(pk=contract.pk).update(
            union=union, org_path=union.path, signed_on=signed, filed_on=filed, effective_on=effective, end_on=ends,
            ended_on=ended, status=status, workers_covered=100 + len(union.name),
            kind=kind(code))
    contracts = list(CollectiveContract.objects.select_related("kind"))
    unions = (world.county, world.county2)

    def path(c):
        return c.org_path

    def standing(c, p):
        day = min(p.end, TODAY)
        return (c.effective_on is not None and c.effective_on <= day and (c.end_on is None or c.end_on >= day)
                and (c.ended_on is None or c.ended_on > day))

    def signed_in(c, p):
        return within(c.signed_on, p)

    assert_metric_counts("contracts.in_force", counted(contracts, path, standing), unions)
    assert_metric_counts("contracts.workers_covered", summed(contracts, path, standing, lambda c: c.workers_covered),
                         unions)
    assert_metric_counts("contracts.wage_in_force", counted(
        contracts, path, lambda c, p: standing(c, p) and c.kind.is_wage), unions)
    assert_metric_counts("contracts.signed", counted(contracts, path, signed_in), unions)
    assert_metric_counts("contracts.filed", counted(contracts, path, lambda c, p: signed_in(c, p) and c.filed_on),
                         unions)
