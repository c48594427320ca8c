"""Two read-only looks at the package's shared demo province (conftest): the demo's 就业服务 at the
seeds' scale (postings of about a hundred employers, fairs online and on site with their figures, a
partner submission waiting for review, applications with consent), and 工作台 as the province admin
opens it (the to-do lines of every domain, each counted with the others of its domain in one query,
and the org figures; the menu's badges fetched by another page cost the same lines: a ceiling, so a
new line or panel that reads row by row shows)."""

import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gonghui.accounts.middleware import LAST_SEEN
from gonghui.accounts.models import User
from gonghui.jobs.choices import ApplicationStatus, FairMode, PostingSource, PostingStatus
from gonghui.jobs.figures import fair_figures
from gonghui.jobs.models import JobApplication, JobFair, JobPosting
from gonghui.orgs.scope import Scope

pytestmark = pytest.mark.django_db

HOME_QUERIES = 33  # 54 when each to-do line was its own COUNT
BADGE_QUERIES = 21  # 40 likewise


def _queries(client: Client, url: str) -> tuple[str, int]:
    # The session records activity at most once a minute: marked now, so a slow machine's minute
    # between two pages does not count that write against the page.
    session = client.session
    session[LAST_SEEN] = time.time()
    session.save()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


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


def test_the_province_home_and_its_badges_cost_a_bounded_number_of_queries(demo):
    client = Client()
    client.force_login(User.objects.get(username="province"))
    client.get("/")  # what a process keeps once warmed (the menu, the translations) is not the page's
    text, home = _queries(client, "/")
    assert text.count('data-testid="todo-') >= 5  # the demo leaves work waiting in several domains
    _fragment, badges = _queries(client, "/todos/badges/")
    print(f"home {home} queries, badges {badges}")
    assert home <= HOME_QUERIES and badges <= BADGE_QUERIES
