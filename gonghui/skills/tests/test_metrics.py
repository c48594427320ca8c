"""The 建功立业 metrics equal counts made here over every competition, apprenticeship, suggestion and
studio, for two counties and two periods."""

import datetime

import pytest

from gonghui.orgs.choices import Level
from gonghui.skills.models import Apprenticeship, Competition, InnovationStudio, Suggestion
from gonghui.skills.tests.innovation_setup import employer_in, pair, studio, suggestion, worker
from gonghui.testing.metrics import DAYS, assert_metric_counts, counted, within

pytestmark = pytest.mark.django_db


def test_skills_metrics_count_competitions_pairs_suggestions_and_studios(world):
    here, there = world.employer, employer_in(world.county2)
    master, _w = worker(world.grassroots, here, "师傅")
    for n, (employer, day) in enumerate([(here, DAYS[0]), (here, DAYS[1]), (here, DAYS[2]), (there, DAYS[3]),
                                         (there, DAYS[2])]):
        apprentice, _w = worker(world.grassroots, here, f"徒弟{n}")
        Apprenticeship.objects.filter(pk=pair(here, master, apprentice).pk).update(
            agreed_on=day, org_path=employer.org_path, employer=employer)
        Suggestion.objects.filter(pk=suggestion(employer, title=f"建议{n}").pk).update(submitted_on=day)
        InnovationStudio.objects.filter(pk=studio(employer, name=f"工作室{n}").pk).update(
            named_on=day, revoked_on=datetime.date(2026, 3, 1) if n == 1 else None,
            status="revoked" if n == 1 else "active")
    for n, (union, start, end, status) in enumerate([
            (world.county, DAYS[0], DAYS[1], "approved"), (world.county, DAYS[3], DAYS[3], "final"),
            (world.county2, DAYS[2], DAYS[3], "publicised"), (world.county2, DAYS[1], DAYS[2], "draft")]):
        Competition.objects.create(title=f"竞赛{n}", kind="skill", status=status, organiser=union,
                                   organiser_level=Level.COUNTY, org_path=union.path, start_on=start, end_on=end)
    unions = (world.county, world.county2)

    def path(row):
        return row.org_path

    assert_metric_counts("skills.competitions", counted(
        Competition.objects.all(), path,
        lambda c, p: c.status in ("approved", "publicised", "final") and c.start_on <= p.end and c.end_on >= p.start),
        unions)
    assert_metric_counts("skills.apprenticeships", counted(
        Apprenticeship.objects.all(), path, lambda a, p: within(a.agreed_on, p)), unions)
    assert_metric_counts("skills.suggestions", counted(
        Suggestion.objects.all(), path, lambda s, p: within(s.submitted_on, p)), unions)
    assert_metric_counts("skills.studios", counted(
        InnovationStudio.objects.all(), path,
        lambda s, p: s.named_on <= p.end and (s.revoked_on is None or s.revoked_on > p.end)), unions)
