"""A periodic job's last run reaches the metrics from whichever worker ran it: the database worker
and the RQ worker, not only the immediate backend."""

import datetime

import django_rq
import pytest
from django.core.management import call_command
from django.utils import timezone

from config import infra
from gonghui.core.monitoring import render
from gonghui.core.monitoring_sources import database_families
from gonghui.core.periodic import periodic_jobs
from gonghui.core.sweep_runs import SweepRun
from gonghui.testing.redis_server import run_burst

pytestmark = pytest.mark.django_db

JOB = "case_sweep_overdue"
LABEL = f'{{job="{JOB}"}}'


def _metrics() -> dict[str, float]:
    """The sweep lines of the /metrics text, as name{labels} -> value."""
    lines = render(database_families()).splitlines()
    return {name: float(value) for line in lines if line.startswith("gonghui_sweep_")
            for name, value in [line.rsplit(" ", 1)]}


def _use(settings, kind: str, redis_url: str = "") -> None:
    settings.GONGHUI_TASKS = kind
    settings.TASKS, settings.RQ_QUEUES = infra.tasks(kind, redis_url)


def _run_on_rq() -> None:
    run_burst(django_rq.get_queue("default"))


def test_a_sweep_run_by_the_rq_worker_is_in_the_metrics(settings, redis_server):
    _use(settings, "rq", redis_server.url)
    django_rq.get_queue("default").empty()
    assert f"gonghui_sweep_last_duration_seconds{LABEL}" not in _metrics()
    before = timezone.now()
    periodic_jobs()[JOB]()
    assert not SweepRun.objects.exists()  # queued, not run: nothing yet
    _run_on_rq()
    figures = _metrics()
    assert figures[f"gonghui_sweep_last_duration_seconds{LABEL}"] >= 0
    assert figures[f"gonghui_sweep_last_succeeded{LABEL}"] == 1
    assert figures[f"gonghui_sweep_last_finished_timestamp_seconds{LABEL}"] >= before.timestamp() - 1


def test_a_failed_sweep_on_the_rq_worker_is_in_the_metrics_as_failed(settings, redis_server, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the sweep broke")

    monkeypatch.setattr("gonghui.cases.tasks.case_sweep_overdue", broken)
    _use(settings, "rq", redis_server.url)
    django_rq.get_queue("default").empty()
    periodic_jobs()[JOB]()
    _run_on_rq()
    assert _metrics()[f"gonghui_sweep_last_succeeded{LABEL}"] == 0


def test_a_sweep_run_by_the_database_worker_is_in_the_metrics(settings, monkeypatch):
    # The worker closes connections between tasks; inside the test's transaction that would close the
    # test's own (PostgreSQL; SQLite's in-memory database ignores it).
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    _use(settings, "db")
    periodic_jobs()[JOB]()
    assert f"gonghui_sweep_last_duration_seconds{LABEL}" not in _metrics()
    call_command("db_worker", batch=True, no_startup_delay=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    figures = _metrics()
    assert figures[f"gonghui_sweep_last_duration_seconds{LABEL}"] >= 0
    assert figures[f"gonghui_sweep_last_succeeded{LABEL}"] == 1


def test_each_job_shows_its_last_run_only_while_it_is_recent():
    now = timezone.now()
    SweepRun.objects.create(job=JOB, started_at=now - datetime.timedelta(minutes=10, seconds=4),
                            finished_at=now - datetime.timedelta(minutes=10), succeeded=False)
    SweepRun.objects.create(job="retention_sweep", started_at=now - datetime.timedelta(days=3),
                            finished_at=now - datetime.timedelta(days=3), succeeded=True)
    SweepRun.objects.create(job="no_longer_registered", started_at=now, finished_at=now, succeeded=True)
    figures = _metrics()
    assert figures[f"gonghui_sweep_last_duration_seconds{LABEL}"] == pytest.approx(4)
    assert figures[f"gonghui_sweep_last_succeeded{LABEL}"] == 0
    assert figures[f"gonghui_sweep_last_finished_timestamp_seconds{LABEL}"] == pytest.approx(
        (now - datetime.timedelta(minutes=10)).timestamp())
    assert not any("retention_sweep" in k or "no_longer_registered" in k for k in figures)
