"""Replaying a history through the services, each step at the time it would have happened.

Every service reads the time from `django.utils.timezone.now` (directly, through `localdate()` and
`localtime()`, through `auto_now` fields, and through fields declared `default=timezone.now`), so
that one function is the services' clock. The demo
writes two years of work in a minute: it sets the clock for each step instead of writing rows
behind the services' backs or threading a `now=` through every call.

The clock is process-wide, so it is for a single-threaded command (the demo) only, never for a
request or a task.
"""

import datetime
import functools
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.db.models import Field
from django.utils import timezone

_TICK = datetime.timedelta(microseconds=1)
_REAL_NOW = timezone.now


@functools.cache
def _stamped_by_default() -> list[Field]:
    """Fields declared `default=timezone.now`: they hold the function itself, not the module's
    attribute, so setting the clock must reach them too (event `at`, notices' `created_at`)."""
    return [field for model in apps.get_models() for field in model._meta.concrete_fields
            if field.default is _REAL_NOW]


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

    fields = _stamped_by_default()
    previous = [field.default for field in fields]
    _set(fields, [now] * len(fields))
    timezone.now = now
    try:
        yield
    finally:
        timezone.now = real
        _set(fields, previous)


def _set(fields: list[Field], defaults: list[object]) -> None:
    for field, default in zip(fields, defaults, strict=True):
        field.default = default
        field.__dict__.pop("_get_default", None)  # Django caches the default's callable
