"""Organising an activity: create and edit it (a draft, or while sign-up is open), publish it, cancel it
(everyone signed up or waiting is texted), close sign-up when its window ends, and finish it after the
end (whoever did not check in is counted as 未到)."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.activities.choices import HOLDS_PLACE, ActivityKind, ActivityStatus, Audience, EventAction, SignUpStatus
from gonghui.activities.models import Activity, SignUp, new_checkin_key
from gonghui.activities.notices import notify_cancelled
from gonghui.activities.services.common import clean_text, label_of, record_event, require_manage, required
from gonghui.activities.services.promotion import promote_waiting
from gonghui.activities.workflow import next_status
from gonghui.core.errors import Conflict, ValidationFailed, msg
from gonghui.orgs.models import Region, TradeUnion

FEE_MAX = Decimal("99999.99")
CAPACITY_MAX = 100_000
FIELDS = ("kind", "title", "description", "audience", "audience_union", "capacity", "signup_opens_at",
          "signup_closes_at", "starts_at", "ends_at", "fee", "region", "address")


def _moment(data: dict[str, Any], field: str) -> datetime.datetime:
    value = data.get(field)
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    raise required(field)


def _fee(value: Any) -> Decimal:
    if value in (None, ""):
        return Decimal("0")
    try:
        fee = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        fee = Decimal("-1")
    if not fee.is_finite() or fee < 0 or fee > FEE_MAX or fee != fee.quantize(Decimal("0.01")):
        raise ValidationFailed(msg(_("%(field)s应为0至%(max)s元之间的金额，最多两位小数；免费活动填0。"), {
            "field": label_of("fee"), "max": FEE_MAX}), field="fee", code="range")
    return fee.quantize(Decimal("0.01"))


def _capacity(value: Any) -> int:
    try:
        number = int(str(value).strip()) if not isinstance(value, bool) and value not in (None, "") else 0
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= CAPACITY_MAX:
        raise ValidationFailed(msg(_("%(field)s应为1至%(max)s之间的整数。"), {
            "field": label_of("capacity"), "max": CAPACITY_MAX}), field="capacity", code="range")
    return number


def _union(value: Any) -> TradeUnion | None:
    """A union given as itself or by id (the API and the forms send an id)."""
    if isinstance(value, TradeUnion) or value in (None, ""):
        return value or None
    found = TradeUnion.objects.filter(pk=value).first() if str(value).isdigit() else None
    if found is None:
        raise ValidationFailed(_("面向工会只能是主办工会本身或其下级工会。"), field="audience_union", code="outside")
    return found


def _region(value: Any) -> Region:
    """A division given as itself or by its code; a retired code is refused with its name."""
    if isinstance(value, Region):
        return value
    code = str(value or "").strip()
    if not code:
        raise required("region")
    region = Region.objects.filter(adcode=code).first() if code.isdigit() else None
    if region is None or not region.is_current:
        raise ValidationFailed(msg(_("行政区划代码%(code)s不存在或已撤销，请重新选择所在地区。"), {"code": code[:12]}),
                               field="region", code="unknown")
    return region


def _clean(organiser: TradeUnion, data: dict[str, Any]) -> dict[str, Any]:
    """Every field of an activity checked, each wrong one named; the times in their natural order."""
    kind = str(data.get("kind") or "")
    if kind not in ActivityKind.values:
        raise ValidationFailed(msg(_("请选择有效的%(field)s。"), {"field": label_of("kind")}), field="kind",
                               code="choice")
    audience = str(data.get("audience") or Audience.SUBTREE)
    if audience not in Audience.values:
        raise ValidationFailed(msg(_("请选择有效的%(field)s。"), {"field": label_of("audience")}), field="audience",
                               code="choice")
    audience_union: TradeUnion | None = _union(data.get("audience_union")) or organiser
    if audience == Audience.PUBLIC:
        audience_union = None
    elif audience_union is None or not audience_union.path.startswith(organiser.path):
        raise ValidationFailed(_("面向工会只能是主办工会本身或其下级工会。"), field="audience_union", code="outside")
    region = _region(data.get("region"))
    opens, closes = _moment(data, "signup_opens_at"), _moment(data, "signup_closes_at")
    starts, ends = _moment(data, "starts_at"), _moment(data, "ends_at")
    if closes <= opens:
        raise ValidationFailed(_("报名截止时间应晚于报名开始时间。"), field="signup_closes_at", code="order")
    if ends <= starts:
        raise ValidationFailed(_("活动结束时间应晚于开始时间。"), field="ends_at", code="order")
    if closes > ends:
        raise ValidationFailed(_("报名截止时间不能晚于活动结束时间。"), field="signup_closes_at", code="order")
    return {
        "kind": kind, "title": clean_text(data.get("title"), field="title", max_length=120, required=True),
        "description": clean_text(data.get("description"), field="description", max_length=4000),
        "audience": audience, "audience_union": audience_union,
        "audience_path": audience_union.path if audience_union is not None else "",
        "capacity": _capacity(data.get("capacity")), "signup_opens_at": opens, "signup_closes_at": closes,
        "starts_at": starts, "ends_at": ends, "fee": _fee(data.get("fee")), "region": region,
        "address": clean_text(data.get("address"), field="address", max_length=200, required=True),
    }


def activity_create(*, actor: Any, organiser: TradeUnion, data: dict[str, Any]) -> Activity:
    """A draft activity of `organiser`; nobody sees it until it is published."""
    require_manage(actor, organiser.path)
    clean = _clean(organiser, data)
    with transaction.atomic():
        activity = Activity.objects.create(organiser=organiser, org_path=organiser.path, **clean)
        record_event(actor=actor, activity=activity, action=EventAction.CREATE, new_status=activity.status)
    return activity


def _locked(activity: Activity) -> Activity:
    return Activity.objects.select_for_update().select_related("organiser").get(pk=activity.pk)


def activity_edit(*, actor: Any, activity: Activity, data: dict[str, Any], version: int | None = None) -> Activity:
    """A draft changes freely; an open one too, but never below the places already taken, and a larger
    capacity hands the new places to the waiting list at once."""
    require_manage(actor, activity.org_path)
    clean = _clean(activity.organiser, data)
    with transaction.atomic():
        current = _locked(activity)
        next_status(current.status, EventAction.EDIT)
        if version is not None and version != current.version:
            raise Conflict(_("该活动刚刚已被他人修改，请刷新后再操作。"), code="concurrent_change")
        taken = SignUp.objects.filter(activity=current, status__in=HOLDS_PLACE).count()
        if clean["capacity"] < taken:
            raise ValidationFailed(msg(_("已有%(n)s人报名，名额不能少于%(n)s。"), {"n": taken}), field="capacity",
                                   code="below_taken")
        changed = [f for f in FIELDS if getattr(current, f) != clean[f]]
        Activity.objects.filter(pk=current.pk).update(version=current.version + 1, **clean)
        current.refresh_from_db()
        record_event(actor=actor, activity=current, action=EventAction.EDIT, old_status=current.status,
                     new_status=current.status, detail={"fields": changed})
        if current.status == ActivityStatus.OPEN:
            promote_waiting(actor=actor, activity=current)
    return current


def _transition(actor: Any, activity: Activity, action: str, note: str = "", **changes: Any) -> Activity:
    with transaction.atomic():
        current = _locked(activity)
        old = current.status
        new = next_status(old, action)
        Activity.objects.filter(pk=current.pk, status=old).update(status=new, version=current.version + 1,
                                                                  **changes)
        current.refresh_from_db()
        record_event(actor=actor, activity=current, action=action, old_status=old, new_status=new, note=note)
    return current


def activity_publish(*, actor: Any, activity: Activity) -> Activity:
    require_manage(actor, activity.org_path)
    if activity.signup_closes_at <= timezone.now():
        raise ValidationFailed(_("报名截止时间已过，请先修改报名时间再发布。"), field="signup_closes_at",
                               code="window_past")
    return _transition(actor, activity, EventAction.PUBLISH, published_at=timezone.now())


def activity_cancel(*, actor: Any, activity: Activity, reason: str) -> Activity:
    """Cancelled with a reason every person signed up or waiting reads in their text message."""
    require_manage(actor, activity.org_path)
    text = clean_text(reason, field="reason", max_length=200, required=True)
    with transaction.atomic():
        cancelled = _transition(actor, activity, EventAction.CANCEL, note=text, cancel_reason=text)
        notify_cancelled(cancelled)
    return cancelled


def activity_finish(*, actor: Any, activity: Activity, now: datetime.datetime | None = None) -> Activity:
    """After the end: whoever holds a place and did not check in is 未到, counted on the activity."""
    require_manage(actor, activity.org_path)
    if (now or timezone.now()) < activity.ends_at:
        raise ValidationFailed(_("活动结束后才能确认签到并统计未到人数。"), field="status", code="not_ended")
    with transaction.atomic():
        current = _locked(activity)
        next_status(current.status, EventAction.FINISH)
        missing = SignUp.objects.filter(activity=current, status=SignUpStatus.SIGNED)
        count = missing.update(status=SignUpStatus.NO_SHOW)
        return _transition(actor, current, EventAction.FINISH, note=str(count), no_shows=count,
                           finished_at=timezone.now())


def activity_close_due(*, actor: Any, now: datetime.datetime | None = None) -> int:
    """The sweep: open activities whose sign-up window has ended become 已截止 (compare-and-set, so a
    cancel at the same moment wins or loses cleanly). Sign-up checks the window itself; this keeps the
    status a list filters on in step with it."""
    moment = now or timezone.now()
    done = 0
    for activity in Activity.objects.filter(status=ActivityStatus.OPEN, signup_closes_at__lte=moment).order_by("pk"):
        with transaction.atomic():
            if Activity.objects.filter(pk=activity.pk, status=ActivityStatus.OPEN).update(
                    status=ActivityStatus.CLOSED, version=activity.version + 1):
                record_event(actor=actor, activity=activity, action=EventAction.CLOSE, old_status=ActivityStatus.OPEN,
                             new_status=ActivityStatus.CLOSED)
                done += 1
    return done


def activity_rotate_checkin(*, actor: Any, activity: Activity) -> Activity:
    """A new door code: the printed one stops working (a photo of it passed around, say)."""
    require_manage(actor, activity.org_path)
    with transaction.atomic():
        current = _locked(activity)
        Activity.objects.filter(pk=current.pk).update(checkin_key=new_checkin_key())
        current.refresh_from_db()
        record_event(actor=actor, activity=current, action=EventAction.ROTATE, old_status=current.status,
                     new_status=current.status)
    return current
