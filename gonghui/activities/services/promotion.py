"""A freed place goes to the first on the waiting list. Called only with the activity's row locked by
the caller, so the count of places taken cannot change underneath."""

from typing import Any

from django.utils import timezone

from gonghui.activities.choices import HOLDS_PLACE, EventAction, SignUpStatus
from gonghui.activities.models import Activity, SignUp
from gonghui.activities.notices import notify_promoted
from gonghui.activities.services.common import record_event


def promote_waiting(*, actor: Any, activity: Activity) -> list[SignUp]:
    free = activity.capacity - SignUp.objects.filter(activity=activity, status__in=HOLDS_PLACE).count()
    if free <= 0:
        return []
    promoted = list(SignUp.objects.filter(activity=activity, status=SignUpStatus.WAITING)
                    .order_by("waiting_ticket", "pk")[:free])
    for signup in promoted:
        SignUp.objects.filter(pk=signup.pk, status=SignUpStatus.WAITING).update(
            status=SignUpStatus.SIGNED, waiting_ticket=None, promoted_at=timezone.now())
        signup.refresh_from_db()
        record_event(actor=actor, activity=activity, signup=signup, action=EventAction.PROMOTE,
                     old_status=SignUpStatus.WAITING, new_status=SignUpStatus.SIGNED)
        notify_promoted(signup)
    return promoted
