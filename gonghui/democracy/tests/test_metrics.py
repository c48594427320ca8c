"""The democratic-management metrics equal counts made here over every congress, session and
disclosure, for two counties and two periods."""

import pytest

from gonghui.democracy.models import CongressSession, Disclosure, WorkersCongress
from gonghui.democracy.tests.setup import make_congress
from gonghui.testing.metrics import DAYS, assert_metric_counts, counted, distinct, noon, within

pytestmark = pytest.mark.django_db


def test_democracy_metrics_count_congresses_sessions_and_disclosures(world):
    places = [(world.grassroots, DAYS[0]), (world.grassroots, DAYS[2]), (world.county2, DAYS[1])]
    congresses = [make_congress(union) for union, _day in places]
    for c, (_union, day) in zip(congresses, places, strict=True):
        WorkersCongress.objects.filter(pk=c.congress.pk).update(established_on=day)
        CongressSession.objects.filter(pk=c.session.pk).update(held_on=day)
    for n, (c, day) in enumerate([(congresses[0], DAYS[1]), (congresses[0], DAYS[2]), (congresses[1], DAYS[3]),
                                  (congresses[2], DAYS[2]), (congresses[2], None)]):
        Disclosure.objects.create(employer=c.employer, org_path=c.employer.org_path, category="wages", title=f"公开{n}",
                                  content="……", channel="board", period_start=DAYS[0], period_end=DAYS[3],
                                  published_at=noon(day) if day else None)
    unions = (world.county, world.county2)

    def path(row):
        return row.org_path

    assert_metric_counts("democracy.congresses", counted(
        WorkersCongress.objects.all(), path, lambda c, p: c.established_on <= p.end), unions)
    assert_metric_counts("democracy.sessions", counted(
        CongressSession.objects.all(), path, lambda s, p: within(s.held_on, p)), unions)
    disclosures = list(Disclosure.objects.all())
    assert_metric_counts("democracy.disclosures", counted(
        disclosures, path, lambda d, p: within(d.published_at, p)), unions)
    assert_metric_counts("democracy.disclosing_units", distinct(
        disclosures, path, lambda d, p: within(d.published_at, p), lambda d: d.employer_id), unions)
