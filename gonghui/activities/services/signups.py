"""A worker signs up on the portal (a member of the audience's subtree, or anyone with a proven phone for
a public activity), cancels before the deadline, and checks in at the door by its QR code.

Every step locks the activity's row first: two people taking the last place at the same moment are
ordered by that lock, so one gets it and the other goes to the waiting list, never both a place."""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from gonghui.activities.choices import HOLDS_PLACE, LIVE_SIGNUP, ActivityStatus, Audience, EventAction, SignUpStatus
from gonghui.activities.models import Activity, SignUp
from gonghui.activities.people import member_of as _member_of
from gonghui.activities.services.common import clean_text, record_event, require_manage
from gonghui.activities.services.promotion import promote_waiting
from gonghui.core.crypto import blind_index, blind_index_candidates
from gonghui.core.errors import Conflict, NotFound, ValidationFailed, msg
from gonghui.core.idnumbers import mask_phone
from gonghui.members.models import Member
from gonghui.members.services.applications import PortalWorker

# The door opens an hour before the start: people queue early.
CHECKIN_EARLY = datetime.timedelta(hours=1)


def _stamp(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def person_key(member: Member | None, phone: str) -> str:
    return f"m{member.pk}" if member is not None else f"p{blind_index(phone)}"


def person_keys(member: Member | None, phone: str) -> list[str]:
    """What finds the person's sign-up: a worker known by the phone under every configured index key."""
    return [f"m{member.pk}"] if member is not None else [f"p{i}" for i in blind_index_candidates(phone)]


def checkin_token(activity: Activity) -> str:
    """What the door QR code carries: bound to the activity and its current key, so a replaced code
    stops working and no other activity's code opens this one."""
    return salted_hmac("activities.checkin", f"{activity.pk}:{activity.checkin_key}").hexdigest()[:24]


def _lock(pk: Any) -> Activity:
    try:
        return Activity.objects.select_for_update().get(pk=pk)
    except (Activity.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def may_join(activity: Activity, member: Member | None) -> bool:
    if activity.audience == Audience.PUBLIC:
        return True
    return member is not None and bool(member.org_path) and member.org_path.startswith(activity.audience_path)


def _check_open(activity: Activity, now: datetime.datetime) -> None:
    if activity.status not in (ActivityStatus.OPEN, ActivityStatus.CLOSED):
        raise ValidationFailed(msg(_("该活动%(status)s，不能报名。"), {
            "status": ActivityStatus(activity.status).label}), field="activity", code="not_open")
    if now < activity.signup_opens_at:
        raise ValidationFailed(msg(_("报名将于%(at)s开始，请届时再来。"), {"at": _stamp(activity.signup_opens_at)}),
                               field="activity", code="window_not_open")
    if now >= activity.signup_closes_at or activity.status == ActivityStatus.CLOSED:
        raise ValidationFailed(msg(_("报名已于%(at)s截止。"), {"at": _stamp(activity.signup_closes_at)}),
                               field="activity", code="window_closed")


def signup_create(*, worker: PortalWorker, activity_pk: Any, name: str = "",
                  now: datetime.datetime | None = None) -> SignUp:
    """A place while one is free; past capacity the waiting list, with the place in line on the row."""
    moment = now or timezone.now()
    member = _member_of(worker)
    guest_name = "" if member is not None else clean_text(name, field="name", max_length=50, required=True)
    with transaction.atomic():
        activity = _lock(activity_pk)
        if activity.status == ActivityStatus.DRAFT:
            raise NotFound()
        _check_open(activity, moment)
        if not may_join(activity, member):
            raise ValidationFailed(msg(_("本活动仅面向%(union)s及下级工会的会员，您不在报名范围内。"), {
                "union": activity.audience_union.name if activity.audience_union else ""}),
                field="activity", code="not_eligible")
        key = person_key(member, worker.phone)
        existing = SignUp.objects.filter(activity=activity, person_key__in=person_keys(member, worker.phone)).first()
        if existing is not None and existing.status in LIVE_SIGNUP:
            raise Conflict(_("您已报名该活动，无需重复报名。") if existing.status != SignUpStatus.WAITING
                           else _("您已在该活动的候补名单中。"), code="already_signed_up")
        taken = SignUp.objects.filter(activity=activity, status__in=HOLDS_PLACE).count()
        waiting = SignUp.objects.filter(activity=activity, status=SignUpStatus.WAITING)
        # Nobody jumps the line: with anyone waiting, a newcomer waits too.
        if taken < activity.capacity and not waiting.exists():
            status, ticket, action = SignUpStatus.SIGNED, None, EventAction.SIGN_UP
        else:
            status, action = SignUpStatus.WAITING, EventAction.WAIT
            ticket = (SignUp.objects.filter(activity=activity).aggregate(m=Max("waiting_ticket"))["m"] or 0) + 1
        fields = {"status": status, "waiting_ticket": ticket, "signed_up_at": moment, "cancelled_at": None,
                  "promoted_at": None, "walk_in": False}
        if existing is not None:
            old = existing.status
            SignUp.objects.filter(pk=existing.pk).update(**fields)
            signup = SignUp.objects.get(pk=existing.pk)
        else:
            old = ""
            try:
                with transaction.atomic():
                    signup = SignUp.objects.create(
                        activity=activity, org_path=activity.org_path, member=member, person_key=key,
                        name=member.name if member is not None else guest_name, phone=worker.phone,
                        phone_index=blind_index(worker.phone), phone_masked=mask_phone(worker.phone), **fields)
            except IntegrityError:
                raise Conflict(_("您已报名该活动，无需重复报名。"), code="already_signed_up") from None
        record_event(actor=worker.actor, activity=activity, signup=signup, action=action, old_status=old,
                     new_status=status)
    return signup


def waiting_place(signup: SignUp) -> int | None:
    """The sign-up's place in line (1 is next), or None when it is not waiting."""
    if signup.status != SignUpStatus.WAITING or signup.waiting_ticket is None:
        return None
    return SignUp.objects.filter(activity_id=signup.activity_id, status=SignUpStatus.WAITING,
                                 waiting_ticket__lte=signup.waiting_ticket).count()


def _own(worker: PortalWorker, pk: Any) -> SignUp:
    member = _member_of(worker)
    keys = person_keys(None, worker.phone) + (person_keys(member, worker.phone) if member is not None else [])
    try:
        return SignUp.objects.get(pk=pk, person_key__in=keys)
    except (SignUp.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def signup_cancel(*, worker: PortalWorker, signup_pk: Any, now: datetime.datetime | None = None) -> SignUp:
    """The worker withdraws before the deadline; a place freed goes to the first waiting, who is texted."""
    moment = now or timezone.now()
    mine = _own(worker, signup_pk)
    with transaction.atomic():
        activity = _lock(mine.activity_id)
        signup = SignUp.objects.get(pk=mine.pk)
        if signup.status not in (SignUpStatus.SIGNED, SignUpStatus.WAITING):
            raise ValidationFailed(msg(_("该报名当前为“%(status)s”，不能取消。"), {
                "status": SignUpStatus(signup.status).label}), field="signup", code="wrong_status")
        if moment >= activity.signup_closes_at or activity.status not in (ActivityStatus.OPEN, ActivityStatus.CLOSED):
            raise ValidationFailed(msg(_("报名已于%(at)s截止，不能在线取消；如不能参加，请联系主办工会。"), {
                "at": _stamp(activity.signup_closes_at)}), field="signup", code="window_closed")
        old = signup.status
        SignUp.objects.filter(pk=signup.pk).update(status=SignUpStatus.CANCELLED, waiting_ticket=None,
                                                   cancelled_at=moment)
        signup.refresh_from_db()
        record_event(actor=worker.actor, activity=activity, signup=signup, action=EventAction.WITHDRAW,
                     old_status=old, new_status=SignUpStatus.CANCELLED)
        if old == SignUpStatus.SIGNED:
            promote_waiting(actor=worker.actor, activity=activity)
    return signup


class AlreadyCheckedIn(Conflict):
    code = "already_checked_in"


def _check_door(activity: Activity, token: str, moment: datetime.datetime) -> None:
    if not constant_time_compare(str(token or ""), checkin_token(activity)):
        raise ValidationFailed(_("签到码无效或已更换，请扫描活动现场的最新签到码。"), field="token",
                               code="bad_token")
    if activity.status not in (ActivityStatus.OPEN, ActivityStatus.CLOSED):
        raise ValidationFailed(msg(_("该活动%(status)s，不能签到。"), {
            "status": ActivityStatus(activity.status).label}), field="activity", code="not_open")
    if moment < activity.starts_at - CHECKIN_EARLY:
        raise ValidationFailed(msg(_("签到将于活动开始前1小时（%(at)s）开放。"), {
            "at": _stamp(activity.starts_at - CHECKIN_EARLY)}), field="activity", code="too_early")
    if moment > activity.ends_at:
        raise ValidationFailed(_("活动已结束，不能签到。"), field="activity", code="ended")


def signup_check_in(*, worker: PortalWorker, activity_pk: Any, token: str, name: str = "",
                    now: datetime.datetime | None = None) -> SignUp:
    """At the door, by the QR code. A second check-in is refused politely with the first one's time. Not
    signed up: a public activity takes the person as a walk-in (现场签到, even past capacity: they are
    there); a members' activity refuses, as it does someone still waiting."""
    moment = now or timezone.now()
    member = _member_of(worker)
    with transaction.atomic():
        activity = _lock(activity_pk)
        _check_door(activity, token, moment)
        key = person_key(member, worker.phone)
        signup = SignUp.objects.filter(activity=activity, person_key__in=person_keys(member, worker.phone)).first()
        if signup is not None and signup.status == SignUpStatus.CHECKED_IN:
            assert signup.checked_in_at is not None
            raise AlreadyCheckedIn(msg(_("您已于%(at)s签到，无需重复签到。"), {"at": _stamp(signup.checked_in_at)}))
        changes = {"status": SignUpStatus.CHECKED_IN, "checked_in_at": moment, "waiting_ticket": None}
        if signup is not None and signup.status == SignUpStatus.SIGNED:
            old = signup.status
            SignUp.objects.filter(pk=signup.pk).update(**changes)
        elif activity.audience != Audience.PUBLIC:
            raise ValidationFailed(_("您未获得本活动的名额（未报名或仍在候补），请与工作人员联系。"), field="activity",
                                   code="not_signed_up")
        elif signup is not None:
            old = signup.status
            SignUp.objects.filter(pk=signup.pk).update(walk_in=True, **changes)
        else:
            old = ""
            guest = member.name if member is not None else clean_text(name, field="name", max_length=50,
                                                                     required=True)
            signup = SignUp.objects.create(
                activity=activity, org_path=activity.org_path, member=member, person_key=key, name=guest,
                phone=worker.phone, phone_index=blind_index(worker.phone), phone_masked=mask_phone(worker.phone),
                walk_in=True, signed_up_at=moment, **changes)
        signup.refresh_from_db()
        record_event(actor=worker.actor, activity=activity, signup=signup, action=EventAction.CHECK_IN,
                     old_status=old, new_status=SignUpStatus.CHECKED_IN, detail={"walk_in": signup.walk_in})
    return signup


def signup_check_in_by_staff(*, actor: Any, signup: SignUp, now: datetime.datetime | None = None) -> SignUp:
    """A worker at the door ticks off someone without a phone at hand, from the sign-up list."""
    require_manage(actor, signup.org_path)
    moment = now or timezone.now()
    with transaction.atomic():
        activity = _lock(signup.activity_id)
        current = SignUp.objects.get(pk=signup.pk)
        if current.status == SignUpStatus.CHECKED_IN:
            assert current.checked_in_at is not None
            raise AlreadyCheckedIn(msg(_("%(name)s已于%(at)s签到。"), {"name": current.name,
                                                                    "at": _stamp(current.checked_in_at)}))
        if current.status not in (SignUpStatus.SIGNED, SignUpStatus.NO_SHOW) or activity.status in (
                ActivityStatus.DRAFT, ActivityStatus.CANCELLED):
            raise ValidationFailed(msg(_("该报名当前为“%(status)s”，不能签到。"), {
                "status": SignUpStatus(current.status).label}), field="signup", code="wrong_status")
        SignUp.objects.filter(pk=current.pk).update(status=SignUpStatus.CHECKED_IN, checked_in_at=moment)
        if current.status == SignUpStatus.NO_SHOW:
            Activity.objects.filter(pk=activity.pk).update(no_shows=max(0, activity.no_shows - 1))
        old = current.status
        current.refresh_from_db()
        record_event(actor=actor, activity=activity, signup=current, action=EventAction.CHECK_IN, old_status=old,
                     new_status=SignUpStatus.CHECKED_IN, detail={"by_staff": True})
    return current
