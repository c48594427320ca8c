"""The demo province for the tests that read it: the `demo` command's build inside a transaction that
is rolled back afterwards, so no test outside the fixture's scope sees it."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import override_settings

from gonghui.orgs.models import TradeUnion


def _vacuum() -> None:
    """Give PostgreSQL's planner back a true picture of the (empty) tables.

    A rolled-back build leaves its tables full of dead rows; autovacuum then records them as holding
    pages but no rows (relpages > 0, reltuples = 0), and the planner takes that to mean "empty"
    whatever is inserted later. The next build in the same database, which runs in one transaction
    that autovacuum cannot look into, then gets nested loops over sequential scans: queries of 10-20 s,
    a build of 15 minutes instead of 2. A VACUUM truncates the dead pages (relpages back to 0, so the
    planner measures the table as it grows)."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:  # VACUUM runs outside one
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")


@contextmanager
def demo_province(size: dict[str, int], *, blocker: Any, scratch: Path) -> Iterator[TradeUnion]:
    """The built province's root union while the block runs (`blocker` is pytest-django's
    django_db_blocker; `scratch` a directory for the build's audit checkpoints)."""
    with blocker.unblock():
        _vacuum()  # an earlier build's rollback on this worker's database, whatever ran since
        try:
            with override_settings(
                    GONGHUI_AUDIT_CHECKPOINT_FILE=str(scratch / "checkpoints.jsonl"),
                    GONGHUI_AUDIT_CHECKPOINT_SYSLOG="",
                    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]), transaction.atomic():
                call_command("demo", quiet=True, **size)
                yield TradeUnion.objects.get(parent__isnull=True)
                transaction.set_rollback(True)
        finally:
            _vacuum()  # this build's rollback, before the worker's next tests read the same tables
