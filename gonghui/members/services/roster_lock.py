"""Whether a roster commit is still running somewhere.

A commit is one transaction (nothing is half-written), run by a task worker. If the worker dies, the
database rolls the transaction back, but the import's row still says 提交中. On PostgreSQL the commit
holds a transaction-level advisory lock for its whole run, released by the database the moment the
transaction ends for any reason (a transaction-level lock, because pgbouncer in transaction mode
shares sessions); the stalled-import sweep asks for that lock and knows a commit that is not held is
dead. Elsewhere (SQLite, development) only the heartbeat's age is judged.
"""

from gonghui.core import xact_locks

_NAMESPACE = xact_locks.ROSTER_COMMIT


def hold_commit_lock(import_id: int) -> None:
    """Inside the commit's transaction."""
    xact_locks.take(_NAMESPACE, import_id)


def commit_is_running(import_id: int) -> bool | None:
    """True or False on PostgreSQL; None where the database cannot tell."""
    # Taken here inside the caller's transaction, it is let go when that transaction ends.
    free = xact_locks.try_take(_NAMESPACE, import_id)
    return None if free is None else not free
