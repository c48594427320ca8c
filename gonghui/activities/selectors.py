"""Every read of the activities app. The console reads through a scope; the portal reads what a
signed-in worker may join and their own sign-ups, nothing of anybody else."""

import datetime
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from gonghui.activities.choices import HOLDS_PLACE, LIVE_SIGNUP, ActivityStatus, Audience, SignUpStatus
from gonghui.activities.models import Activity, ActivityEvent, SignUp
from gonghui.activities.people import member_of
from gonghui.activities.services.signups import may_join, person_keys
from gonghui.core.errors import NotFound
from gonghui.core.text import normalize_text
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.scope import Scope, get_visible
from gonghui.orgs.tree import ancestor_paths


def _with_counts(rows: QuerySet[Activity]) -> QuerySet[Activity]:
    return rows.annotate(
        taken=Count("signups", filter=Q(signups__status__in=HOLDS_PLACE)),
        waiting=Count("signups", filter=Q(signups__status=SignUpStatus.WAITING)),
        checked_in=Count("signups", filter=Q(signups__status=SignUpStatus.CHECKED_IN)))


def activity_list(*, scope: Scope, kind: str = "", status: str = "", q: str = "",
                  starts_from: datetime.date | None = None, starts_to: datetime.date | None = None,
                  show: str = "") -> QuerySet[Activity]:
    rows = Activity.objects.visible_to(scope)
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    if q:
        rows = rows.filter(title__icontains=normalize_text(q)[:60])
    if starts_from:
        rows = rows.filter(starts_at__date__gte=starts_from)
    if starts_to:
        rows = rows.filter(starts_at__date__lte=starts_to)
    if show:
        rows = rows.filter(TODO_FILTERS[show]())
    return _with_counts(rows.select_related("organiser", "region")).order_by("-starts_at", "-pk")


def activity_get(*, scope: Scope, pk: Any) -> Activity:
    rows = _with_counts(Activity.objects.select_related("organiser", "region", "audience_union"))
    return get_visible(rows, scope, pk=pk)  # type: ignore[no-any-return]


def signup_list(*, activity: Activity, status: str = "") -> QuerySet[SignUp]:
    """The activity's people: places first (in sign-up order), then the waiting list in line order."""
    rows = SignUp.objects.filter(activity=activity).select_related("member")
    if status:
        rows = rows.filter(status=status)
    # Places (no ticket) first on both databases: PostgreSQL sorts NULL last unless told.
    return rows.order_by(F("waiting_ticket").asc(nulls_first=True), "signed_up_at", "pk")


def signup_get(*, scope: Scope, pk: Any) -> SignUp:
    return get_visible(SignUp.objects.select_related("activity"), scope, pk=pk)  # type: ignore[no-any-return]


def activity_events(activity: Activity) -> QuerySet[ActivityEvent]:
    return activity.events.select_related("signup").order_by("-at", "-pk")


# The to-do lines, each a filter of the list, so a count is the length of the list it links to.
def _soon_with_waiting() -> Q:
    now = timezone.now()
    return (Q(status__in=(ActivityStatus.OPEN, ActivityStatus.CLOSED), starts_at__gte=now,
              starts_at__lte=now + datetime.timedelta(days=3))
            & Q(pk__in=SignUp.objects.filter(status=SignUpStatus.WAITING).values("activity_id")))


def _ended_unrecorded() -> Q:
    return Q(status__in=(ActivityStatus.OPEN, ActivityStatus.CLOSED), ends_at__lt=timezone.now())


TODO_FILTERS = {"soon_waiting": _soon_with_waiting, "ended": _ended_unrecorded}


def todo_counts(*, scope: Scope) -> dict[str, int]:
    rows = Activity.objects.visible_to(scope)
    got = rows.aggregate(**{key: Count("pk", filter=make()) for key, make in TODO_FILTERS.items()})
    return {key: int(got[key] or 0) for key in TODO_FILTERS}


# The portal.
def _audience_q(worker: PortalWorker) -> Q:
    member = member_of(worker)
    q = Q(audience=Audience.PUBLIC)
    if member is not None and member.org_path:
        q |= Q(audience=Audience.SUBTREE, audience_path__in=[*ancestor_paths(member.org_path), member.org_path])
    return q


def open_for_worker(*, worker: PortalWorker, kind: str = "") -> QuerySet[Activity]:
    """What the worker may sign up for now or soon: published, the window not yet closed."""
    rows = Activity.objects.filter(_audience_q(worker), status=ActivityStatus.OPEN,
                                   signup_closes_at__gt=timezone.now())
    if kind:
        rows = rows.filter(kind=kind)
    return _with_counts(rows.select_related("organiser", "region")).order_by("starts_at", "pk")


def _keys(worker: PortalWorker) -> list[str]:
    member = member_of(worker)
    return person_keys(None, worker.phone) + (person_keys(member, worker.phone) if member is not None else [])


def my_signups(*, worker: PortalWorker) -> QuerySet[SignUp]:
    return (SignUp.objects.filter(person_key__in=_keys(worker)).exclude(activity__status=ActivityStatus.DRAFT)
            .select_related("activity", "activity__organiser").order_by("-activity__starts_at", "-pk"))


def portal_activity(*, worker: PortalWorker, pk: Any) -> tuple[Activity, SignUp | None]:
    """An activity the worker may join, or one they have a sign-up on; anything else reads as missing."""
    try:
        activity = _with_counts(Activity.objects.select_related("organiser", "region", "audience_union")).get(
            pk=pk, status__in=(ActivityStatus.OPEN, ActivityStatus.CLOSED, ActivityStatus.FINISHED,
                               ActivityStatus.CANCELLED))
    except (Activity.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    mine = SignUp.objects.filter(activity=activity, person_key__in=_keys(worker)).first()
    if mine is None and not may_join(activity, member_of(worker)):
        raise NotFound()
    return activity, mine


def is_live(signup: SignUp) -> bool:
    return signup.status in LIVE_SIGNUP
