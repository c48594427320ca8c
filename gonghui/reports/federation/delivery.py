"""A cross-deployment transfer's words to the other deployment, sent in the background.

A step that the other side must hear of (A: the worker confirmed on the portal, the union released, the
request was closed; B: the worker was admitted, the request was refused or withdrawn) writes the word
on its row in the step's transaction; after the commit a queued task (django-tasks, as the exports
and notices) signs and sends it, so no page waits on the other deployment. The row says 发送中 until
the other side answers, then 已发送, or 发送失败 with the reason and when it is tried again; the
periodic job (`cross_transfers_due`) sends again whatever is due, with a growing wait. Every receiver
answers a repeated word as the first, so a resend is harmless.
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.errors import DomainError
from gonghui.core.queue import enqueue
from gonghui.reports.federation import client
from gonghui.reports.federation.transfer_models import CrossTransfer, Delivery

PATH = "/api/v1/federation/transfers"
# After the n-th failure the next try waits BACKOFF[n-1] (the last one from then on). A word whose
# task was lost (a worker stopped) is picked up by the timer after the first wait too.
BACKOFF = [datetime.timedelta(minutes=m) for m in (2, 10, 30, 120, 360)]
WORDS = ("confirmed", "released", "accepted", "closed")

# The body of each word, given the row (released: what B needs to admit, set by transfers_out).
BODIES: dict[str, Callable[[CrossTransfer], dict[str, Any]]] = {
    "confirmed": lambda t: {"from_union_name": t.union.name},
    "accepted": lambda t: {},
    "closed": lambda t: {"status": t.status, "reason": t.note},
}


def wait_after(attempts: int) -> datetime.timedelta:
    return BACKOFF[min(max(attempts, 1), len(BACKOFF)) - 1]


def say(transfer: CrossTransfer, word: str) -> None:
    """Inside the step's transaction: `word` is this side's next message to the other; it is queued
    once the step commits (a rolled-back step says nothing)."""
    assert word in WORDS
    pk = transfer.pk
    CrossTransfer.objects.filter(pk=pk).update(
        outgoing=word, delivery=Delivery.SENDING, send_attempts=0, send_error="", delivered_at=None,
        next_send_at=timezone.now() + BACKOFF[0])
    transaction.on_commit(lambda: _enqueue(pk), robust=True)


def _enqueue(pk: int) -> None:
    from gonghui.reports.tasks import cross_transfer_deliver_task

    enqueue(cross_transfer_deliver_task, pk)


def deliver(pk: int, *, now: datetime.datetime | None = None) -> bool:
    """Send the row's waiting word once; True when the other side took it."""
    transfer = CrossTransfer.objects.select_related("peer", "member", "union").filter(pk=pk).first()
    if transfer is None or not transfer.outgoing or transfer.delivery not in (Delivery.SENDING, Delivery.FAILED):
        return False
    word = transfer.outgoing
    error = ""
    if not transfer.peer.url or not transfer.peer.active:
        error = str(_("对方部署未启用或未登记地址。"))
    else:
        try:
            status, answer = client.post_signed(transfer.peer.url, f"{PATH}/{transfer.ref}/{word}",
                                                BODIES[word](transfer))
        except DomainError as exc:  # this deployment cannot sign yet (its code or key not set)
            status, answer, error = 0, {}, str(exc.message)
        except OSError as exc:  # unreachable, timed out
            status, answer, error = 0, {}, f"{type(exc).__name__}: {exc}"
        if status == 200:
            # Only the word that was sent: a newer step's word waits for its own send.
            return bool(CrossTransfer.objects.filter(pk=pk, outgoing=word).update(
                delivery=Delivery.SENT, delivered_at=timezone.now(), send_error="", next_send_at=None))
        if status:
            error = f"{status} {answer.get('code', '')}: {answer.get('message_zh') or answer.get('message', '')}"
    attempts = transfer.send_attempts + 1
    CrossTransfer.objects.filter(pk=pk, outgoing=word).update(
        delivery=Delivery.FAILED, send_attempts=attempts, send_error=error[:300],
        next_send_at=(now or timezone.now()) + wait_after(attempts))
    return False


def deliver_due(*, now: datetime.datetime | None = None, limit: int = 1000) -> int:
    """The periodic job: every word whose next try is due (failed, or queued and not sent in time)."""
    now = now or timezone.now()
    due = (CrossTransfer.objects.filter(delivery__in=[Delivery.SENDING, Delivery.FAILED], next_send_at__lte=now)
           .order_by("next_send_at").values_list("pk", flat=True)[:limit])
    return sum(deliver(pk, now=now) for pk in list(due))
