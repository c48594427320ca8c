"""The demo's collective contracts as a county would read them: every stage present, deadlines kept
and missed, regional contracts covering many small employers, wage increases and minimum wages in
plausible ranges, and figures (备案率, coverage) like the ones unions report. On the package's shared
province (conftest), whose size has enough large employers for every stage."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Count
from django.utils import timezone

from gonghui.contracts.choices import Reach, Status
from gonghui.contracts.figures import contract_figures
from gonghui.contracts.models import CollectiveContract, KeyTerm, MinimumWage, SupervisionCheck
from gonghui.demo.contract_terms import WAGE_SOURCE
from gonghui.orgs.scope import Scope

pytestmark = pytest.mark.django_db


def test_the_demo_holds_contracts_at_every_stage(demo):
    statuses = set(CollectiveContract.objects.values_list("status", flat=True))
    assert statuses >= {Status.OFFERED, Status.NEGOTIATING, Status.DRAFTED, Status.ADOPTED, Status.SIGNED,
                        Status.FILED, Status.PUBLISHED, Status.EXPIRED, Status.RENEWED}
    today = timezone.localdate()
    offered = CollectiveContract.objects.filter(status=Status.OFFERED)
    assert offered.filter(answer_due__lt=today).exists() and offered.filter(answer_due__gte=today).exists()
    signed = CollectiveContract.objects.filter(status=Status.SIGNED)
    assert signed.filter(filing_due__lt=today).exists() and signed.filter(filing_due__gte=today).exists()
    assert CollectiveContract.objects.filter(status=Status.FILED, takes_effect_on__gt=today).exists()
    in_force = CollectiveContract.objects.filter(status__in=[Status.EFFECTIVE, Status.PUBLISHED])
    assert in_force.filter(end_on__lte=today + datetime.timedelta(days=90)).exists()
    # Each renewed contract was ended by its successor entering force, never before its own end.
    for old in CollectiveContract.objects.filter(status=Status.RENEWED):
        successor = old.renewals.get()
        assert successor.status in (Status.EFFECTIVE, Status.PUBLISHED) and old.ended_on <= old.end_on
    assert SupervisionCheck.objects.exists()


def test_regional_and_industry_contracts_cover_twenty_or_more_small_employers_each(demo):
    regional = (CollectiveContract.objects.exclude(reach=Reach.EMPLOYER)
                .annotate(employers=Count("coverage")).values_list("employers", flat=True))
    assert regional and all(n >= 20 for n in regional)


def test_wage_increases_and_lowest_wages_are_plausible_and_the_minimum_wages_say_where_they_come_from(demo):
    rates = list(KeyTerm.objects.filter(variable__code="wages.increase_rate").values_list("number", flat=True))
    assert rates and all(Decimal(3) <= r <= Decimal(8) for r in rates)
    assert Decimal("4.5") <= sum(rates) / len(rates) <= Decimal(6)
    wages = MinimumWage.objects.all()
    assert wages.exists() and all(w.source == WAGE_SOURCE and "演示数据" in w.source for w in wages)
    lowest = KeyTerm.objects.filter(variable__code="wages.lowest_paid").values_list("number", flat=True)
    assert all(Decimal(1700) <= w <= Decimal(3000) for w in lowest)


def test_the_filing_and_coverage_rates_are_like_the_ones_unions_report(demo):
    today = timezone.localdate()
    figures = contract_figures(scope=Scope(roots=(), everything=True), union=demo,
                               start=today - datetime.timedelta(days=730), end=today, today=today)
    assert figures.filing_rate is not None and 0.85 <= figures.filing_rate < 1  # some still awaiting filing
    # About half at the default size (regional contracts in most counties); fewer at this small size.
    assert figures.coverage_rate is not None and 0.15 <= figures.coverage_rate <= 0.9
    assert figures.workers_covered > 0 and figures.expiring > 0
    assert figures.average_wage_increase is not None and 4 <= figures.average_wage_increase <= 6.5
