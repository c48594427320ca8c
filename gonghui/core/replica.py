"""Reads from the streaming replica, where a page can afford to be a few seconds behind.

Only what is marked read-only goes there — the dashboards, the figures pages, the metric layer, the
list exports (`@read_only` on the view; a background export reads the primary, which holds the job
row it was queued for) — and even then a read stays on the primary when
- it runs inside a transaction on the primary (a service reading what it is about to change),
- the same user wrote within GONGHUI_REPLICA_STICKY_S (the `PrimaryAfterWriteMiddleware` cookie), so
  a cadre who saved a record sees it on the next page,
- the replica lags more than GONGHUI_REPLICA_MAX_LAG_S or does not answer: checked at most every
  GONGHUI_REPLICA_CHECK_S per process, so a stopped replica costs one failed connection, not one
  per request.
Every write goes to the primary. Without DATABASE_REPLICA_URL the router is not installed at all.
"""

import functools
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
STICKY_COOKIE = "gh_wrote"

_read_only: ContextVar[bool] = ContextVar("gonghui_replica_reads", default=False)
_pinned: ContextVar[bool] = ContextVar("gonghui_primary_pinned", default=False)

R = TypeVar("R")


@dataclass(frozen=True)
class ReplicaState:
    usable: bool
    lag_s: float | None  # None: not measured (no replica, or it did not answer)
    detail: str = ""


_LAG_SQL = """
SELECT pg_is_in_recovery(),
       CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END
"""

_lock = threading.Lock()
_cached: tuple[float, ReplicaState] | None = None


def configured() -> bool:
    return REPLICA in settings.DATABASES


def _ask() -> ReplicaState:
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(_LAG_SQL)
            _in_recovery, lag = cursor.fetchone()
    except DatabaseError as exc:
        return ReplicaState(False, None, type(exc).__name__)
    finally:
        # This thread's own connection: opened for the probe, closed with it.
        connections[REPLICA].close()
    lag_s = float(lag or 0)
    if lag_s > settings.GONGHUI_REPLICA_MAX_LAG_S:
        return ReplicaState(False, lag_s, f"lag {lag_s:.0f} s")
    return ReplicaState(True, lag_s)


_probe: threading.Thread | None = None


def measure() -> ReplicaState:
    """Ask the replica now how far behind it is (for /readyz and the cached check).

    The question is asked from a thread of its own and given GONGHUI_REPLICA_PROBE_TIMEOUT_S: behind
    pgbouncer a stopped replica does not refuse the connection, the pooler keeps the client waiting
    for a server, and a request must not wait with it. One probe at a time per process."""
    global _probe
    if not configured():
        return ReplicaState(False, None, "not configured")
    with _lock:
        if _probe is not None and _probe.is_alive():
            return ReplicaState(False, None, "no answer")
        answer: list[ReplicaState] = []
        _probe = threading.Thread(target=lambda: answer.append(_ask()), name="replica-probe", daemon=True)
        _probe.start()
        probe = _probe
    probe.join(settings.GONGHUI_REPLICA_PROBE_TIMEOUT_S)
    return answer[0] if answer else ReplicaState(False, None, "no answer")


def state() -> ReplicaState:
    """The last measurement, taken again when older than GONGHUI_REPLICA_CHECK_S."""
    global _cached
    now = time.monotonic()
    with _lock:
        if _cached is not None and now - _cached[0] < settings.GONGHUI_REPLICA_CHECK_S:
            return _cached[1]
    measured = measure()
    with _lock:
        _cached = (time.monotonic(), measured)
    return measured


def forget_state() -> None:
    global _cached
    with _lock:
        _cached = None


@contextmanager
def replica_reads() -> Iterator[None]:
    token = _read_only.set(True)
    try:
        yield
    finally:
        _read_only.reset(token)


@contextmanager
def primary_pinned() -> Iterator[None]:
    token = _pinned.set(True)
    try:
        yield
    finally:
        _pinned.reset(token)


def read_only(view: Callable[..., R]) -> Callable[..., R]:
    """Mark a view whose reads may come from the replica. Its POST still reads the primary: only GET
    and HEAD are routed."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> R:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        with replica_reads():
            return view(request, *args, **kwargs)

    return wrapped


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str:
        if not _read_only.get() or _pinned.get() or connections["default"].in_atomic_block:
            return "default"
        return REPLICA if state().usable else "default"

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # one database, two copies of it

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"


class PrimaryAfterWriteMiddleware:
    """After a request that may have written (any method but GET/HEAD/OPTIONS), the browser keeps a
    short-lived cookie; while it is there, that user's reads stay on the primary. Unsigned on
    purpose: all a forged cookie does is read from the primary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not configured():
            return self.get_response(request)
        if STICKY_COOKIE in request.COOKIES:
            with primary_pinned():
                response = self.get_response(request)
        else:
            response = self.get_response(request)
        sticky = settings.GONGHUI_REPLICA_STICKY_S
        if request.method not in ("GET", "HEAD", "OPTIONS") and sticky:
            response.set_cookie(STICKY_COOKIE, "1", max_age=sticky, httponly=True, samesite="Lax",
                                secure=settings.SESSION_COOKIE_SECURE)
        return response
