"""Transaction-level advisory locks on PostgreSQL: held until the holding transaction ends, however it
ends (a killed worker's too), and safe behind pgbouncer in transaction mode, which shares sessions.

Each use has its own namespace, the first of the two keys, so one use's keys never meet another's:
the stored figures' refresh once took (0x6768, 0x6D72) beside the roster commits' (0x6768, import id),
and would have been refused while import 28,018 committed, and held that commit up while it ran.
Elsewhere (SQLite, development) there is no such lock: `try_take` answers None."""

from django.db import connection

ROSTER_COMMIT = 0x6768  # "gh": a roster commit, keyed by its import's id (scripts/prod_smoke_drive.py reads it)
METRIC_REFRESH = 0x676D  # "gm": the stored figures' refresh, one key (0)


def _key(key: int) -> int:
    return key % 2_147_483_647  # the two-key form takes 32-bit integers


def take(namespace: int, key: int) -> None:
    """Wait for the lock, inside the caller's transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [namespace, _key(key)])


def try_take(namespace: int, key: int) -> bool | None:
    """Take the lock if it is free, inside the caller's transaction: whether it was; None where the
    database has no such locks."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [namespace, _key(key)])
        (free,) = cursor.fetchone()
    return bool(free)
