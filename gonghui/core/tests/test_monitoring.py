"""The recorded figures add up over every process sharing GONGHUI_METRICS_DIR and survive a process
that exits; the database figures (queue, failures, checkpoint age) are read at scrape time."""

import datetime
import json
import os

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gonghui.core.audit_checkpoints import audit_checkpoint
from gonghui.core.monitoring import Family, Sample, Store, recorded_families, render, store
from gonghui.core.monitoring_sources import database_families

VIEW = {"view": "web:home", "status": "2xx"}


@pytest.fixture(autouse=True)
def _fresh():
    store.reset()
    yield
    store.reset()


def samples(families: list[Family], name: str) -> dict[tuple, float]:
    family = next(f for f in families if f.name == name)
    return {(s.suffix, *sorted(s.labels.items())): s.value for s in family.samples}


def test_the_text_format_has_help_type_escaped_labels_and_cumulative_buckets():
    text = render([Family("x_total", "counter", "Things.", [Sample("", {"k": 'a"b\\c\nd'}, 3)])])
    assert text == '# HELP x_total Things.\n# TYPE x_total counter\nx_total{k="a\\"b\\\\c\\nd"} 3\n'
    store.observe("gonghui_http_request_duration_seconds", VIEW, 0.03)
    store.observe("gonghui_http_request_duration_seconds", VIEW, 20)
    found = samples(recorded_families(), "gonghui_http_request_duration_seconds")
    labels = tuple(sorted(VIEW.items()))
    assert found[("_bucket", *sorted({**VIEW, "le": "0.025"}.items()))] == 0
    assert found[("_bucket", *sorted({**VIEW, "le": "0.05"}.items()))] == 1
    assert found[("_bucket", *sorted({**VIEW, "le": "10"}.items()))] == 1
    assert found[("_bucket", *sorted({**VIEW, "le": "+Inf"}.items()))] == 2
    assert found[("_count", *labels)] == 2 and found[("_sum", *labels)] == pytest.approx(20.03)


def test_every_process_sharing_the_directory_is_added_up_and_an_exited_ones_figures_stay(settings, tmp_path):
    settings.GONGHUI_METRICS_DIR = str(tmp_path)
    other = Store()  # another worker: its own file in the same directory
    other.inc("gonghui_sms_sent_total", {"purpose": "portal_login", "outcome": "sent"}, 2)
    other.observe("gonghui_http_request_duration_seconds", VIEW, 0.2)
    store.inc("gonghui_sms_sent_total", {"purpose": "portal_login", "outcome": "sent"})
    store.observe("gonghui_http_request_duration_seconds", VIEW, 0.2)
    assert len(list(tmp_path.glob("*.json"))) == 2
    del other  # the worker exits; its file stays
    families = recorded_families()
    assert samples(families, "gonghui_sms_sent_total")[("", ("outcome", "sent"), ("purpose", "portal_login"))] == 3
    assert samples(families, "gonghui_http_request_duration_seconds")[("_count", *sorted(VIEW.items()))] == 2


def test_a_forked_worker_starts_from_nothing_under_a_file_of_its_own(settings, tmp_path, monkeypatch):
    settings.GONGHUI_METRICS_DIR = str(tmp_path)
    store.inc("gonghui_sms_sent_total", {"purpose": "portal_login", "outcome": "sent"})
    monkeypatch.setattr(os, "getpid", lambda: 999_999)
    store.inc("gonghui_sms_sent_total", {"purpose": "portal_login", "outcome": "sent"})
    files = sorted(tmp_path.glob("*.json"))
    assert len(files) == 2
    assert sorted(json.loads(f.read_text())["counters"][0][2] for f in files) == [1, 1]


def test_an_unwritable_directory_never_fails_the_request_being_measured(settings, tmp_path):
    settings.GONGHUI_METRICS_DIR = str(tmp_path / "missing")
    store.inc("gonghui_sms_sent_total", {"purpose": "portal_login", "outcome": "sent"})
    assert samples(recorded_families(), "gonghui_sms_sent_total") == {}


def _result(path: str, status: str, *, started: datetime.datetime | None = None,
            finished: datetime.datetime | None = None, queue: str = "default") -> None:
    row = DBTaskResult.objects.create(task_path=path, args_kwargs={"args": [], "kwargs": {}}, queue_name=queue,
                                      backend_name="default", priority=0, status=status)
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=started, finished_at=finished,
                                                  enqueued_at=started or timezone.now())


@pytest.mark.django_db
def test_queue_depth_and_failures_come_from_the_task_results():
    now = timezone.now()
    sweep = "gonghui.cases.tasks.case_sweep_overdue_task"
    _result(sweep, "READY", started=now - datetime.timedelta(seconds=90))
    _result("gonghui.reports.tasks.export_jobs_purge_task", "READY", queue="exports")
    _result(sweep, "SUCCESSFUL", started=now - datetime.timedelta(hours=2, seconds=30),
            finished=now - datetime.timedelta(hours=2))
    _result(sweep, "FAILED", started=now - datetime.timedelta(minutes=10, seconds=4),
            finished=now - datetime.timedelta(minutes=10))
    _result(sweep, "FAILED", started=now - datetime.timedelta(days=3), finished=now - datetime.timedelta(days=3))
    families = database_families(now)
    assert samples(families, "gonghui_task_queue_depth") == {("", ("queue", "default")): 1,
                                                              ("", ("queue", "exports")): 1}
    assert samples(families, "gonghui_task_queue_oldest_wait_seconds")[("",)] == pytest.approx(90, abs=1)
    assert samples(families, "gonghui_task_failures_24h") == {("", ("task", sweep)): 1}
    # A sweep's last run is what its worker recorded (core.sweep_runs, tests in test_sweep_runs.py), not
    # these rows: with RQ there are none.
    assert samples(families, "gonghui_sweep_last_duration_seconds") == {}


@pytest.mark.django_db
def test_the_checkpoint_age_is_read_from_the_checkpoint_file(settings, tmp_path):
    settings.GONGHUI_AUDIT_CHECKPOINT_FILE = str(tmp_path / "checkpoints.jsonl")
    assert samples(database_families(), "gonghui_audit_checkpoint_age_seconds") == {}
    written = audit_checkpoint()
    later = written.when + datetime.timedelta(minutes=7)
    assert samples(database_families(later), "gonghui_audit_checkpoint_age_seconds") == {("",): pytest.approx(420)}
    limit = samples(database_families(later), "gonghui_audit_checkpoint_max_age_seconds")[("",)]
    assert limit == settings.GONGHUI_AUDIT_CHECKPOINT_MAX_AGE_MINUTES * 60


@pytest.mark.django_db
def test_a_database_that_does_not_answer_leaves_its_figures_out_and_says_so(monkeypatch):
    from django.db import OperationalError

    from gonghui.core import monitoring_sources

    def down(*args):
        raise OperationalError("connection refused")

    assert samples(database_families(), "gonghui_metrics_database_up") == {("",): 1}
    monkeypatch.setattr(monitoring_sources, "_backlog", down)
    families = database_families()
    assert samples(families, "gonghui_metrics_database_up") == {("",): 0}
    assert not any(f.name == "gonghui_task_queue_depth" for f in families)


def test_a_gone_processs_file_is_folded_once_and_a_file_with_other_buckets_is_skipped(settings, tmp_path):
    import subprocess

    settings.GONGHUI_METRICS_DIR = str(tmp_path)
    dead_pid = subprocess.Popen(["true"])  # noqa: S607 - a process that has surely exited
    dead_pid.wait()
    sms = ["gonghui_sms_sent_total", [["outcome", "sent"], ["purpose", "portal_login"]], 4]
    (tmp_path / f"{dead_pid.pid}-aaaaaaaa.json").write_text(json.dumps({"counters": [sms], "histograms": [
        ["gonghui_http_request_duration_seconds", [list(p) for p in sorted(VIEW.items())], [1.0, 2.0, 3.0]]]}))
    store.inc("gonghui_sms_sent_total", {"purpose": "portal_login", "outcome": "sent"})
    for _ in range(2):  # a second scrape counts the folded figures once, not twice
        families = recorded_families()
        assert samples(families, "gonghui_sms_sent_total")[("", ("outcome", "sent"), ("purpose", "portal_login"))] == 5
    assert sorted(p.name for p in tmp_path.glob("*.json"))[-1] == "retired.json"
    assert not (tmp_path / f"{dead_pid.pid}-aaaaaaaa.json").exists()
