"""A small, rarely written table held whole in each process and re-read only when it changed.

For reference data on hot paths (the working-day calendar on every case intake, the hardship standards
and their areas on every 困难自测): one cache read a call instead of queries and the objects built from
them. Never for personal data: what is held is the same for every visitor.

Invalidation: the services that write the table call `note_write()` inside their transaction; once it
commits, a fresh token goes into Django's cache (Redis when several processes share it, local memory in
development). Each call compares that token with the one its snapshot was loaded under. Inside the
writing transaction the snapshot is bypassed, so the writer sees its own change at once and nothing
uncommitted is ever held. Writes that do not go through the services (a union move rewriting paths, a
region list reloaded in bulk) are caught by a reload at least every `max_age` seconds. Loads read the
primary: a replica a few seconds behind would be held until the next change.
"""

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.core.cache import cache
from django.db import connection, transaction

from gonghui.core.replica import primary_pinned

T = TypeVar("T")


@dataclass
class _Held(Generic[T]):
    token: str
    loaded_at: float
    value: T


_every: list["SharedSnapshot[object]"] = []


def forget_all() -> None:
    """Every snapshot of this process reloads on its next call. For tests: a test's rows are rolled back
    without a commit, so nothing else would tell the snapshot loaded inside it."""
    for snapshot in _every:
        snapshot.forget()


class SharedSnapshot(Generic[T]):
    def __init__(self, key: str, load: Callable[[], T], *, max_age: float = 300.0) -> None:
        self.key = key  # the cache key of the version token
        self._load = load
        self.max_age = max_age
        self._held: _Held[T] | None = None
        self._lock = threading.Lock()
        self._pending = threading.local()  # .callback: what this thread's open transaction runs on commit
        _every.append(self)  # type: ignore[arg-type]

    def get(self) -> T:
        if self._own_write_pending():
            return self._read()  # our own uncommitted write: read it, never hold it
        token = self._current_token()
        held = self._held
        if held is None or held.token != token or time.monotonic() - held.loaded_at > self.max_age:
            with self._lock:
                held = self._held
                if held is None or held.token != token or time.monotonic() - held.loaded_at > self.max_age:
                    held = self._held = _Held(token, time.monotonic(), self._read())
        return held.value

    def changed(self) -> None:
        """Every process reloads on its next call."""
        cache.set(self.key, uuid.uuid4().hex, None)
        self._held = None

    def forget(self) -> None:
        """This process reloads on its next call (tests: each test's rows are its own)."""
        self._held = None

    def note_write(self) -> None:
        """A service wrote to the table inside the current transaction."""
        if self._own_write_pending():
            return

        def committed() -> None:
            self._pending.callback = None
            self.changed()

        self._pending.callback = committed
        transaction.on_commit(committed)

    def _read(self) -> T:
        with primary_pinned():
            return self._load()

    def _current_token(self) -> str:
        token = cache.get(self.key)
        if token is None:
            # First use, or the cache lost the key: any fresh token differs from every snapshot's.
            cache.add(self.key, uuid.uuid4().hex, None)
            token = cache.get(self.key)
        # No shared cache to answer (Redis away): "" — the snapshot loaded under it is kept, stale at most
        # max_age; a reload on every call would read the whole table on every request.
        return str(token or "")

    def _own_write_pending(self) -> bool:
        # Ours until it runs (the commit) or leaves the connection's list of what waits for the commit (a
        # rollback of the transaction or of the savepoint the write was in drops it there). A flag alone
        # outlived a rollback and left the thread re-reading the whole table on every later call.
        callback = getattr(self._pending, "callback", None)
        return callback is not None and connection.in_atomic_block and any(
            entry[1] is callback for entry in connection.run_on_commit)  # (savepoints, function, robust)
