"""The one limit on look-ups by identity number, per account (ARCHITECTURE §6a).

Every service that answers about a person found by an identity number the asker typed (a
registration, a transfer request, a hardship application, an aid grant, a person's aid history)
takes one look-up here first; an import takes one for the whole file, which its row limit bounds.
Counts are rows in the database, one per account and hour, so they hold across processes and
servers. Callers take the look-up before their own transaction: an answer that refuses (the very
answer an enumeration is after) rolls the caller's work back, and must not roll the count back.
"""

import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import Actor, audit_record
from gonghui.core.crypto import blind_index
from gonghui.core.errors import DomainError, msg
from gonghui.core.lookup_models import IdLookupTally


class TooManyLookups(DomainError):
    status = 429
    code = "id_lookup_limit"


def lookup_account(actor: Any) -> str | None:
    """The account a look-up counts against; None for the system (tasks, commands, demo loads)."""
    if getattr(actor, "is_system_actor", False):
        return None
    phone = getattr(actor, "phone", "")
    if phone:  # a portal worker, known by the phone proved by SMS
        return "phone:" + blind_index(phone)[:40]
    pk = getattr(actor, "pk", None) or getattr(actor, "id", None)
    return f"user:{pk}" if pk else None


def id_lookup_take(*, actor: Any, what: str, now: datetime.datetime | None = None) -> None:
    """Count one look-up by identity number for `actor`, or refuse it (429) past the hourly or daily limit."""
    account = lookup_account(actor)
    if account is None:
        return
    now = now or timezone.now()
    hour = now.replace(minute=0, second=0, microsecond=0)
    mine = IdLookupTally.objects.filter(account=account)
    this_hour = mine.filter(hour=hour).values_list("count", flat=True).first() or 0
    today = mine.filter(hour__gt=hour - datetime.timedelta(hours=24)).aggregate(n=Sum("count"))["n"] or 0
    per_hour, per_day = settings.GONGHUI_ID_LOOKUP_PER_HOUR, settings.GONGHUI_ID_LOOKUP_PER_DAY
    # Checked, then counted, without a lock: a burst may overshoot by a look-up or two, which is harmless.
    if this_hour >= per_hour or today >= per_day:
        if this_hour >= per_hour:
            limit = msg(_("按证件号码查询过于频繁（每小时最多%(n)d次），请稍后再试。"), {"n": per_hour})
        else:
            limit = msg(_("按证件号码查询已达24小时内的上限（%(n)d次），请稍后再试；确有需要请联系系统管理员。"),
                        {"n": per_day})
        audit_record(actor=_audit_actor(actor), action="security.id_lookup_limited", object_type="core.idlookuptally",
                     object_label=account[:5], outcome="denied", detail={"what": what})
        raise TooManyLookups(limit)
    if not IdLookupTally.objects.filter(account=account, hour=hour).update(count=F("count") + 1):
        try:
            with transaction.atomic():
                IdLookupTally.objects.create(account=account, hour=hour, count=1)
        except IntegrityError:  # another request of this account opened the hour a moment ago
            IdLookupTally.objects.filter(account=account, hour=hour).update(count=F("count") + 1)


def _audit_actor(actor: Any) -> Actor:
    if isinstance(actor, Actor):
        return actor
    inner = getattr(actor, "actor", None)  # a portal worker carries its audit actor
    if isinstance(inner, Actor):
        return inner
    return Actor(id=actor.pk, label=str(actor.username), ip=getattr(actor, "request_ip", "") or "")
