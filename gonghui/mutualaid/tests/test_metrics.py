"""The mutual-aid metrics equal counts made here over every enrolment and claim, for two counties and two periods."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.mutualaid.choices import ClaimStatus, EnrolmentStatus
from gonghui.mutualaid.models import MutualAidClaim, MutualAidEnrolment
from gonghui.orgs.choices import Level, UnionKind
from gonghui.testing.metrics import DAYS, assert_metric_counts, counted, summed, within
from gonghui.testing.world import make_union

pytestmark = pytest.mark.django_db


def test_mutual_aid_metrics_count_cover_begun_and_claims_paid(world, enrolled):
    plant = make_union(world.county2, "涪城机械厂工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    places = [(world.grassroots, DAYS[0], EnrolmentStatus.ACTIVE), (world.grassroots, DAYS[1], EnrolmentStatus.ACTIVE),
              (world.grassroots, DAYS[2], EnrolmentStatus.CANCELLED), (plant, DAYS[2], EnrolmentStatus.ACTIVE),
              (plant, DAYS[3], EnrolmentStatus.ACTIVE)]
    for n, (union, day, status) in enumerate(places):
        enrolment = enrolled()
        MutualAidEnrolment.objects.filter(pk=enrolment.pk).update(union=union, org_path=union.path, covered_from=day,
                                                                  status=status, premium=Decimal(50 + n))
        claim_status = ClaimStatus.PAID if n != 1 else ClaimStatus.APPROVED
        MutualAidClaim.objects.create(
            enrolment=enrolment, plan=enrolment.plan, member=enrolment.member, org_path=union.path, kind="inpatient",
            event_date=day, amount_claimed=Decimal(1000), amount_approved=Decimal(800 + n), status=claim_status,
            paid_on=day + datetime.timedelta(days=1) if claim_status == ClaimStatus.PAID else None,
            submitted_at=timezone.now())
    enrolments = [e for e in MutualAidEnrolment.objects.all() if e.status == EnrolmentStatus.ACTIVE]
    claims = [c for c in MutualAidClaim.objects.all() if c.status == ClaimStatus.PAID]
    unions = (world.county, world.county2)

    def path(row):
        return row.org_path

    def began(e, p):
        return within(e.covered_from, p)

    def paid(c, p):
        return within(c.paid_on, p)

    assert_metric_counts("mutualaid.enrolled", counted(enrolments, path, began), unions)
    assert_metric_counts("mutualaid.premiums", summed(enrolments, path, began, lambda e: e.premium), unions)
    assert_metric_counts("mutualaid.claims_paid", counted(claims, path, paid), unions)
    assert_metric_counts("mutualaid.paid_amount", summed(claims, path, paid, lambda c: c.amount_approved), unions)
