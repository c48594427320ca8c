"""Queueing background work so that none is lost while the queue is away.

With the Redis queue (GONGHUI_TASKS=rq) a stopped Redis must not turn a saved roster import or a
transfer message into an error page or a lost job: the record is already committed. So every enqueue
goes through here; when the backend cannot take the task, it is written to `PendingEnqueue` in the
database and the periodic timer hands it to the queue once the queue answers again ("queued work
waits"). Tasks are idempotent (ARCHITECTURE §5), so a task queued twice does no harm.
"""

import logging
from typing import Any

from django.db import models, transaction
from django.utils.module_loading import import_string
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class PendingEnqueue(models.Model):
    task = models.CharField(max_length=200)  # the task's import path
    args = models.JSONField(default=list)
    error = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.task


# What a queue that is away raises (the database backend's own failures are the database's).
_QUEUE_AWAY = (RedisError, ConnectionError, TimeoutError)


def enqueue(task: Any, *args: Any) -> Any:
    """Queue `task(*args)` now; if the queue does not answer, keep it for the timer. Returns the
    task result, or None when it was kept."""
    try:
        return task.enqueue(*args)
    except _QUEUE_AWAY as exc:
        log.warning("Queue unavailable (%s): %s kept for the periodic timer.", type(exc).__name__, task.module_path)
        PendingEnqueue.objects.create(task=task.module_path, args=list(args), error=type(exc).__name__)
        return None


def enqueue_on_commit(task: Any, *args: Any) -> None:
    """Queue once the surrounding transaction commits (a task must see the rows it was queued for)."""
    transaction.on_commit(lambda: enqueue(task, *args), robust=True)


def flush_pending(limit: int = 1000) -> tuple[int, int]:
    """Hand kept tasks to the queue, oldest first; stop at the first refusal. (queued, still kept)."""
    queued = 0
    for pending in PendingEnqueue.objects.order_by("id")[:limit]:
        try:
            import_string(pending.task).enqueue(*pending.args)
        except _QUEUE_AWAY as exc:
            PendingEnqueue.objects.filter(pk=pending.pk).update(attempts=pending.attempts + 1,
                                                                error=type(exc).__name__)
            break
        pending.delete()
        queued += 1
    return queued, PendingEnqueue.objects.count()
