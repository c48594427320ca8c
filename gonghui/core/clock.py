"""Replaying a history through the services, each step at the time it would have happened.

Every service reads the time from `django.utils.timezone.now` (directly, through `localdate()` and
`localtime()`, and through `auto_now` fields), so that one function is the services' clock. The demo
writes two years of work in a minute: it sets the clock for each step instead of writing rows
behind the services' backs or threading a `now=` through every call.

The clock is process-wide, so it is for a single-threaded command (the demo) only, never for a
request or a task.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

_TICK = datetime.timedelta(microseconds=1)


@contextmanager
def clock_at(at: datetime.datetime) -> Iterator[None]:
    """The services' clock reads `at` (advancing by a microsecond a reading, so the rows a step
    writes keep their order) until the block ends, when the real clock is back."""
    if timezone.is_naive(at):
        raise ValueError("clock_at needs an aware datetime")
    # In UTC, as the real clock answers: what is hashed when written (the audit chain) must read back
    # the same from the database.
    at = at.astimezone(datetime.UTC)
    real = timezone.now
    readings = 0

    def now() -> datetime.datetime:
        nonlocal readings
        readings += 1
        return at + readings * _TICK

    timezone.now = now
    try:
        yield
    finally:
        timezone.now = real
