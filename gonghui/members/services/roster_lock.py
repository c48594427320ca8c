"""Whether a roster commit is still running somewhere.

A commit is one transaction (nothing is half-written), run by a task worker. If the worker dies, the
database rolls the transaction back, but the import's row still says 提交中. On PostgreSQL the commit
holds a transaction-level advisory lock for its whole run, released by the database the moment the
transaction ends for any reason (a transaction-level lock, because pgbouncer in transaction mode
shares sessions); the stalled-import sweep asks for that lock and knows a commit that is not held is
dead. Elsewhere (SQLite, development) only the heartbeat's age is judged.
"""

from django.db import connection

_NAMESPACE = 0x6768  # "gh": keeps these locks apart from anyone else's two-key advisory locks


def _key(import_id: int) -> int:
    return import_id % 2_147_483_647


def hold_commit_lock(import_id: int) -> None:
    """Inside the commit's transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_NAMESPACE, _key(import_id)])


def commit_is_running(import_id: int) -> bool | None:
    """True or False on PostgreSQL; None where the database cannot tell."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [_NAMESPACE, _key(import_id)])
        (free,) = cursor.fetchone()
    # Taken here inside the caller's transaction, it is let go when that transaction ends.
    return not free
