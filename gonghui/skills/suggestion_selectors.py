"""Reads of 五小 and 合理化建议: lists with their filters, one suggestion, its timeline, rewards and
patents, the review queue past its working days, and a worker's own on the portal."""

import datetime
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from gonghui.core.crypto import blind_index_candidates
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.models import Member
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.models import Employer
from gonghui.orgs.scope import Scope, get_visible
from gonghui.skills.innovation_choices import SuggestionStatus
from gonghui.skills.models import Patent, Suggestion, SuggestionEvent, SuggestionReward
from gonghui.workdays.calendar import WorkCalendar
from gonghui.workdays.selectors import calendar_for

# A suggestion should have its review within this many working days of being submitted; older ones
# are the to-do line. A caller may ask with another number (a campaign's own rule).
REVIEW_WORKING_DAYS = 15


def suggestion_list(*, scope: Scope, status: str = "", kind: str = "", employer: Employer | None = None,
                    proposer: Member | None = None, query: str = "", submitted_from: datetime.date | None = None,
                    submitted_to: datetime.date | None = None, channel: str = "") -> QuerySet[Suggestion]:
    rows = Suggestion.objects.visible_to(scope).select_related("employer", "proposer")
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    if channel:
        rows = rows.filter(channel=channel)
    if employer is not None:
        rows = rows.filter(employer=employer)
    if proposer is not None:
        rows = rows.filter(proposer=proposer)
    if submitted_from is not None:
        rows = rows.filter(submitted_on__gte=submitted_from)
    if submitted_to is not None:
        rows = rows.filter(submitted_on__lte=submitted_to)
    if query:
        rows = rows.filter(Q(title__contains=query) | Q(proposer_name__contains=query)
                           | Q(employer__name__contains=query))
    # Subqueries, not joins: joining rewards and patents at once would count each reward once per patent.
    rewards = (SuggestionReward.objects.filter(suggestion=OuterRef("pk")).order_by().values("suggestion")
               .annotate(s=Sum("amount")).values("s"))
    patents = (Patent.objects.filter(suggestion=OuterRef("pk")).order_by().values("suggestion")
               .annotate(n=Count("pk")).values("n"))
    return rows.annotate(reward_total=Subquery(rewards), patent_count=Coalesce(Subquery(patents), 0)
                         ).order_by("-submitted_on", "-pk")


def suggestion_get(*, scope: Scope, pk: Any) -> Suggestion:
    return get_visible(Suggestion.objects.select_related("employer", "proposer"), scope, pk=pk)


def suggestion_events(*, suggestion: Suggestion) -> QuerySet[SuggestionEvent]:
    return suggestion.events.order_by("at", "pk")


def suggestion_rewards(*, suggestion: Suggestion) -> QuerySet[SuggestionReward]:
    return suggestion.rewards.order_by("paid_on", "pk")


def suggestion_patents(*, suggestion: Suggestion) -> QuerySet[Patent]:
    return suggestion.patents.order_by("-granted_on", "pk")


def working_days_before(today: datetime.date, days: int, calendar: WorkCalendar) -> datetime.date:
    """The day `days` working days before `today`: a suggestion submitted before it has waited longer."""
    day = today
    for _ in range(days):
        day -= datetime.timedelta(days=1)
        while not calendar.is_workday(day):
            day -= datetime.timedelta(days=1)
    return day


def suggestions_awaiting_review(*, scope: Scope, working_days: int = REVIEW_WORKING_DAYS,
                                today: datetime.date | None = None) -> QuerySet[Suggestion]:
    """Submitted more than `working_days` working days ago and still not reviewed, oldest first. The
    deployment's calendar counts the days (a region's extra holidays do not move a to-do line)."""
    cutoff = working_days_before(today or timezone.localdate(), working_days, calendar_for(""))
    return (Suggestion.objects.visible_to(scope).filter(status=SuggestionStatus.SUBMITTED, submitted_on__lt=cutoff)
            .select_related("employer").order_by("submitted_on", "pk"))


def patent_list(*, scope: Scope, kind: str = "", query: str = "", granted_from: datetime.date | None = None,
                granted_to: datetime.date | None = None, employer: Employer | None = None) -> QuerySet[Patent]:
    rows = Patent.objects.visible_to(scope).select_related("suggestion__employer", "studio__employer")
    if kind:
        rows = rows.filter(kind=kind)
    if granted_from is not None:
        rows = rows.filter(granted_on__gte=granted_from)
    if granted_to is not None:
        rows = rows.filter(granted_on__lte=granted_to)
    if employer is not None:
        rows = rows.filter(Q(suggestion__employer=employer) | Q(studio__employer=employer))
    if query:
        rows = rows.filter(Q(number__contains=query) | Q(title__contains=query))
    return rows.order_by("-granted_on", "-pk")


def worker_member(worker: PortalWorker) -> Member | None:
    """The live member behind the phone the worker signed in with."""
    return (Member.objects.filter(phone_index__in=blind_index_candidates(worker.phone), status__in=LIVE_STATUSES)
            .select_related("employer").first())


def suggestions_for_worker(worker: PortalWorker) -> QuerySet[Suggestion]:
    """What a worker sees on the portal: their own suggestions, nothing else."""
    member = worker_member(worker)
    if member is None:
        return Suggestion.objects.none()
    return Suggestion.objects.filter(proposer=member).select_related("employer").order_by("-submitted_on", "-pk")
