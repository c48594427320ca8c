"""Reads of 师带徒: lists with filters, one agreement and its timeline, and those past their period."""

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from gonghui.members.models import Member
from gonghui.orgs.models import Employer
from gonghui.orgs.scope import Scope, get_visible
from gonghui.skills.innovation_choices import ApprenticeshipStatus
from gonghui.skills.models import Apprenticeship, ApprenticeshipEvent

OPEN = (ApprenticeshipStatus.SIGNED, ApprenticeshipStatus.ACTIVE)


def apprenticeship_list(*, scope: Scope, status: str = "", employer: Employer | None = None,
                        member: Member | None = None, query: str = "", agreed_from: datetime.date | None = None,
                        agreed_to: datetime.date | None = None) -> QuerySet[Apprenticeship]:
    """`member` finds the agreements where they are the master or the apprentice."""
    rows = Apprenticeship.objects.visible_to(scope).select_related("employer", "master", "apprentice")
    if status:
        rows = rows.filter(status=status)
    if employer is not None:
        rows = rows.filter(employer=employer)
    if member is not None:
        rows = rows.filter(Q(master=member) | Q(apprentice=member))
    if agreed_from is not None:
        rows = rows.filter(agreed_on__gte=agreed_from)
    if agreed_to is not None:
        rows = rows.filter(agreed_on__lte=agreed_to)
    if query:
        rows = rows.filter(Q(master__name__contains=query) | Q(apprentice__name__contains=query)
                           | Q(trade__contains=query) | Q(employer__name__contains=query))
    return rows.order_by("-agreed_on", "-pk")


def apprenticeship_get(*, scope: Scope, pk: Any) -> Apprenticeship:
    return get_visible(Apprenticeship.objects.select_related("employer", "master", "apprentice"), scope, pk=pk)


def apprenticeship_events(*, apprenticeship: Apprenticeship) -> QuerySet[ApprenticeshipEvent]:
    return apprenticeship.events.order_by("at", "pk")


def apprenticeships_past_period(*, scope: Scope, today: datetime.date | None = None) -> QuerySet[Apprenticeship]:
    """Agreements whose period has ended with neither 出师 nor termination recorded."""
    return (Apprenticeship.objects.visible_to(scope).filter(status__in=OPEN, ends_on__lt=today or timezone.localdate())
            .select_related("employer", "master", "apprentice").order_by("ends_on", "pk"))
