"""The demo's 就业服务 at the seeds' scale: postings of about a hundred employers, fairs online and on
site with their figures, a partner submission waiting for review, applications with consent."""

import pytest

from gonghui.jobs.choices import ApplicationStatus, FairMode, PostingSource, PostingStatus
from gonghui.jobs.figures import fair_figures
from gonghui.jobs.models import JobApplication, JobFair, JobPosting
from gonghui.orgs.scope import Scope

pytestmark = pytest.mark.django_db


def test_the_demo_holds_postings_fairs_and_applications(demo):
    assert JobPosting.objects.count() == 285
    assert JobPosting.objects.values("employer").distinct().count() <= 104
    statuses = set(JobPosting.objects.values_list("status", flat=True))
    assert {PostingStatus.PUBLISHED, PostingStatus.PENDING, PostingStatus.RETURNED, PostingStatus.EXPIRED} <= statuses
    assert JobPosting.objects.filter(source=PostingSource.PARTNER, status=PostingStatus.PENDING).exists()
    assert {FairMode.ONLINE, FairMode.ONSITE} == set(JobFair.objects.values_list("mode", flat=True))
    assert JobApplication.objects.filter(status=ApplicationStatus.APPLIED, consent_at__isnull=False).exists()
    assert JobApplication.objects.filter(status=ApplicationStatus.RECOMMENDED, consent_at__isnull=True).exists()
    held = JobFair.objects.filter(status="held")
    start, end = min(f.held_on for f in held), max(f.held_on for f in held)
    table = fair_figures(scope=Scope.all(), root=demo, start=start, end=end)
    assert table.total.fairs == held.count() and table.total.places > 0
    assert table.total.intentions == sum(f.intentions for f in held)
