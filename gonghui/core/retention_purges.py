"""The batch loop every retention rule runs, and the rules whose records live in core."""

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from gonghui.core.audit import WORKER_PREFIX
from gonghui.core.idempotency import IdempotentCreate
from gonghui.core.retention import Applied


def in_batches(step: Callable[[int], int], *, batch: int, max_batches: int) -> Applied:
    """Call `step(batch)` (one transaction, returns how many it handled) until a short batch or
    `max_batches`: a sweep over years of rows holds no lock for long and stops in bounded time; the
    next run carries on where it stopped."""
    total = 0
    for _ in range(max_batches):
        done = step(batch)
        total += done
        if done < batch:
            return Applied(total)
    return Applied(total, more=True)


def apply_in_batches(qs: QuerySet, act: Callable[[list[Any]], object], *, batch: int, max_batches: int,
                     dry_run: bool, order: str = "pk") -> Applied:
    """The one batched step of every rule: take the next `batch` keys of `qs` (already filtered to the
    records past their period, so a record acted on leaves it) in `order`, and `act(keys)` on them in
    one transaction. A dry run counts `qs` and acts on nothing."""
    if dry_run:
        return Applied(qs.count())

    def step(size: int) -> int:
        with transaction.atomic():
            ids = list(qs.order_by(order).values_list("pk", flat=True)[:size])
            if ids:
                act(ids)
        return len(ids)

    return in_batches(step, batch=batch, max_batches=max_batches)


def purge_rows(qs: QuerySet, *, batch: int, max_batches: int, dry_run: bool) -> Applied:
    """Delete the rows of `qs` (already filtered to those past their period), oldest key first."""
    manager = qs.model._default_manager
    return apply_in_batches(qs, lambda ids: manager.filter(pk__in=ids).delete(), batch=batch,
                            max_batches=max_batches, dry_run=dry_run)


def purge_idempotency_keys(*, cutoff: datetime, batch: int, max_batches: int, dry_run: bool) -> Applied:
    """A key older than the period no longer protects a retry: the client gave up on it long ago."""
    return purge_rows(IdempotentCreate.objects.filter(created_at__lt=cutoff), batch=batch,
                      max_batches=max_batches, dry_run=dry_run)


def delete_files_on_commit(field: Any, names: Iterable[str]) -> None:
    """Delete the stored files of `field` (a FileField) once the rows no longer name them: a rollback
    then leaves rows naming files that still exist, never the other way round."""
    storage, names = field.storage, [name for name in names if name]

    def delete() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def forget_portal_callers(events: QuerySet) -> None:
    """An archived record's events keep who acted, but a worker who acted on the portal is stored as
    "portal:" and their masked phone: that goes with the record's own phone, leaving "portal:" (shown
    as 职工本人, core.audit.actor_shown). A cadre's events keep the cadre's name."""
    events.filter(actor_id__isnull=True, actor_label__startswith=WORKER_PREFIX).exclude(
        actor_label=WORKER_PREFIX).update(actor_label=WORKER_PREFIX)
