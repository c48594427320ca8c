"""The job-service metrics equal counts made here over every posting, fair and fair employer, for two
counties and two periods."""

import pytest

from gonghui.jobs.models import FairEmployer, JobFair, JobPosting
from gonghui.testing.metrics import DAYS, assert_metric_counts, counted, distinct, noon, summed, within
from gonghui.testing.world import SYSTEM, make_employer

pytestmark = pytest.mark.django_db


def test_job_metrics_count_postings_fairs_employers_and_intentions(world, posting, county2_employer):
    employers = [world.employer, make_employer(world.grassroots, "锦江第二公司"), county2_employer]
    for n, (employer, day) in enumerate([(employers[0], DAYS[0]), (employers[0], DAYS[1]), (employers[1], DAYS[2]),
                                         (employers[2], DAYS[2]), (employers[2], None)]):
        job = posting(employer=employer, places=n + 1, actor=SYSTEM)
        JobPosting.objects.filter(pk=job.pk).update(published_at=noon(day) if day else None,
                                                    status="published" if day else "pending")
    for n, (union, day, status) in enumerate([(world.county, DAYS[1], "held"), (world.county, DAYS[2], "held"),
                                              (world.county, DAYS[2], "cancelled"), (world.county2, DAYS[3], "planned"),
                                              (world.county2, DAYS[2], "held")]):
        fair = JobFair.objects.create(union=union, org_path=union.path, title=f"招聘会{n}", mode="onsite", held_on=day,
                                      place="广场", status=status, visitors=100, intentions=10 + n)
        for employer in employers[: 1 + n % 3]:
            FairEmployer.objects.create(fair=fair, employer=employer)
    unions = (world.county, world.county2)
    fairs = [f for f in JobFair.objects.all() if f.status != "cancelled"]

    def held(f, p):
        return within(f.held_on, p)

    postings = list(JobPosting.objects.all())
    assert_metric_counts("jobs.postings", counted(postings, lambda j: j.org_path,
                                                  lambda j, p: within(j.published_at, p)), unions)
    assert_metric_counts("jobs.places", summed(postings, lambda j: j.org_path, lambda j, p: within(j.published_at, p),
                                               lambda j: j.places), unions)
    assert_metric_counts("jobs.fairs", counted(fairs, lambda f: f.org_path, held), unions)
    assert_metric_counts("jobs.intentions", summed(fairs, lambda f: f.org_path, held, lambda f: f.intentions), unions)
    taking_part = [e for e in FairEmployer.objects.select_related("fair") if e.fair.status != "cancelled"]
    assert_metric_counts("jobs.fair_employers", distinct(
        taking_part, lambda e: e.fair.org_path, lambda e, p: held(e.fair, p), lambda e: e.employer_id), unions)
