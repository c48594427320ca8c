"""Which database a read goes to. The replica itself is exercised for real by the production smoke
test (scripts/prod_smoke.sh: a streaming replica made with pg_basebackup); here its answers are
stood in for, to pin every rule of the router."""

import pytest
from django.db import DatabaseError, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from gonghui.core import replica
from gonghui.core.audit_models import AuditEntry
from gonghui.core.replica import (
    PrimaryAfterWriteMiddleware,
    ReplicaRouter,
    ReplicaState,
    primary_pinned,
    read_only,
    replica_reads,
)

router = ReplicaRouter()


@pytest.fixture
def healthy(monkeypatch):
    monkeypatch.setattr(replica, "state", lambda: ReplicaState(True, 0.4))


def test_only_reads_marked_read_only_go_to_a_healthy_replica(healthy):
    assert router.db_for_read(AuditEntry) == "default"
    with replica_reads():
        assert router.db_for_read(AuditEntry) == "replica"
        assert router.db_for_write(AuditEntry) == "default"
        with primary_pinned():
            assert router.db_for_read(AuditEntry) == "default"


@pytest.mark.django_db
def test_a_read_inside_a_transaction_on_the_primary_stays_there(healthy):
    with replica_reads(), transaction.atomic():
        assert router.db_for_read(AuditEntry) == "default"


def test_a_lagging_or_silent_replica_is_skipped(monkeypatch):
    for measured in (ReplicaState(False, 95.0, "lag 95 s"), ReplicaState(False, None, "OperationalError")):
        monkeypatch.setattr(replica, "state", lambda measured=measured: measured)
        with replica_reads():
            assert router.db_for_read(AuditEntry) == "default"


def test_a_views_get_is_routed_and_its_post_is_not(healthy):
    seen = []

    @read_only
    def view(request):
        seen.append(router.db_for_read(AuditEntry))
        return HttpResponse()

    factory = RequestFactory()
    view(factory.get("/"))
    view(factory.post("/"))
    assert seen == ["replica", "default"]


def test_after_a_write_the_same_browser_reads_the_primary_for_a_while(settings, healthy, monkeypatch):
    monkeypatch.setattr(replica, "configured", lambda: True)
    settings.GONGHUI_REPLICA_STICKY_S = 15
    seen = []

    @read_only
    def view(request):
        seen.append(router.db_for_read(AuditEntry))
        return HttpResponse()

    middleware = PrimaryAfterWriteMiddleware(view)
    factory = RequestFactory()
    wrote = middleware(factory.post("/"))
    cookie = wrote.cookies[replica.STICKY_COOKIE]
    assert cookie["max-age"] == 15 and cookie["httponly"]
    assert replica.STICKY_COOKIE not in middleware(factory.get("/")).cookies
    request = factory.get("/")
    request.COOKIES[replica.STICKY_COOKIE] = "1"
    middleware(request)
    assert seen == ["default", "replica", "default"]


class _Cursor:
    def __init__(self, answer):
        self.answer = answer

    def __enter__(self):
        if isinstance(self.answer, Exception):
            raise self.answer
        return self

    def __exit__(self, *exc):
        return False

    def execute(self, sql):
        pass

    def fetchone(self):
        return self.answer


class _Connection:
    def __init__(self, answer):
        self.answer, self.closed = answer, False

    def cursor(self):
        return _Cursor(self.answer)

    def close(self):
        self.closed = True


def test_the_lag_is_measured_against_the_bound_and_a_broken_connection_is_dropped(settings, monkeypatch):
    monkeypatch.setattr(replica, "configured", lambda: True)
    settings.GONGHUI_REPLICA_MAX_LAG_S = 30
    for answer, expected in (((True, 2.5), ReplicaState(True, 2.5)),
                             ((True, 31), ReplicaState(False, 31.0, "lag 31 s")),
                             ((False, 0), ReplicaState(True, 0.0))):
        monkeypatch.setattr(replica, "connections", {"replica": _Connection(answer)})
        assert replica.measure() == expected
    broken = _Connection(DatabaseError("gone"))
    monkeypatch.setattr(replica, "connections", {"replica": broken})
    assert replica.measure() == ReplicaState(False, None, "DatabaseError") and broken.closed


def test_the_check_is_taken_at_most_every_few_seconds(settings, monkeypatch):
    settings.GONGHUI_REPLICA_CHECK_S = 5
    calls = []
    monkeypatch.setattr(replica, "measure", lambda: calls.append(1) or ReplicaState(True, 0.0))
    clock = iter([100.0, 100.0, 102.0, 106.0, 106.0])
    monkeypatch.setattr(replica.time, "monotonic", lambda: next(clock))
    replica.forget_state()
    try:
        for _ in range(3):
            replica.state()
    finally:
        replica.forget_state()
    assert len(calls) == 2


def test_a_replica_that_keeps_the_probe_waiting_counts_as_silent(settings, monkeypatch):
    # Behind pgbouncer a stopped replica is not refused but waited for: the probe gives up on its own.
    import threading

    settings.GONGHUI_REPLICA_PROBE_TIMEOUT_S = 1
    monkeypatch.setattr(replica, "configured", lambda: True)
    release = threading.Event()
    monkeypatch.setattr(replica, "_ask", lambda: release.wait(10) and ReplicaState(True, 0.0))
    try:
        assert replica.measure() == ReplicaState(False, None, "no answer")
        assert replica.measure() == ReplicaState(False, None, "no answer")  # one probe at a time
    finally:
        release.set()
