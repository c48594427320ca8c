"""/readyz: ready when the database answers, the holiday table holds the years deadlines are counted
in and no queued task waits too long for a worker; otherwise 503 naming the check, with no rows."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gonghui.web.common.health import readiness
from gonghui.workdays.models import CalendarYear

pytestmark = pytest.mark.django_db


def _at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 12))


def test_a_seeded_deployment_is_ready_and_says_so_without_a_login(client):
    years = set(CalendarYear.objects.filter(union__isnull=True).values_list("year", flat=True))
    today = timezone.localdate()
    assert today.year in years  # the library's calendar is seeded by migration
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200 and body["ready"] is True
    assert set(body["checks"]) == {"database", "calendar", "queue"}
    # A December without next year's holidays is shown to the operator, not taken out of rotation.
    assert body["checks"]["calendar"]["ok"] is not (today.month == 12 and today.year + 1 not in years)
    assert body["checks"]["calendar"]["blocking"] is False


def test_december_wants_next_years_holidays_and_names_the_missing_year():
    last = max(CalendarYear.objects.filter(union__isnull=True).values_list("year", flat=True))
    checks = {c.name: c for c in readiness(_at(last, 11, 30))}
    assert checks["calendar"].ok
    checks = {c.name: c for c in readiness(_at(last, 12, 1))}
    assert not checks["calendar"].ok and checks["calendar"].detail == f"missing {last + 1}"


def test_a_task_waiting_too_long_for_a_worker_makes_the_process_not_ready(settings, client):
    settings.GONGHUI_TASKS = "db"
    settings.GONGHUI_READY_QUEUE_MAX_WAIT_S = 60
    now = timezone.now()
    assert {c.name: c.ok for c in readiness(now)}["queue"]
    task = DBTaskResult.objects.create(task_path="gonghui.reports.tasks.metric_figures_refresh_task",
                                       args_kwargs={"args": [], "kwargs": {}}, queue_name="default",
                                       backend_name="default", priority=0, status="READY")
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=now - datetime.timedelta(seconds=120))
    queue = {c.name: c for c in readiness(now)}["queue"]
    assert not queue.ok and queue.detail == "depth 1, oldest waiting 120 s"
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["ready"] is False
