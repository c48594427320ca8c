"""Admitting members and every later change of their membership status."""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict, ValidationFailed, msg
from gonghui.core.lookups import id_lookup_take
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text, pinyin_initials
from gonghui.members.choices import LIVE_STATUSES, JoinChannel, MembershipStatus, RetainReason
from gonghui.members.cleaning import CleanMember, require_clean
from gonghui.members.models import Member, Membership
from gonghui.members.services.common import record_event
from gonghui.members.workflow import check_transition
from gonghui.members.workplace import union_employer_id
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.rollup import rollup_adjust
from gonghui.orgs.scope import require, scope_for


class AlreadyMember(ValidationFailed):
    """The person holds a live membership. Carries it, so the caller can offer a transfer instead."""

    code = "already_member"

    def __init__(self, membership: Membership, *, here: bool, visible: bool):
        self.membership = membership
        self.here = here
        if here:
            message = _("此人已是本工会会员。")
        elif visible:
            message = msg(_("此人已是「%(union)s」的会员，请办理会籍接转。"), {"union": membership.union.name})
        else:
            # Outside the asker's scope: not which union, only the next step, which needs the worker.
            message = _("此人已是其他工会的会员，不能重复入会。可发起会籍接转：系统会向其会籍记录上的手机号发送"
                        "确认短信，本人同意后办理。")
        super().__init__(message, field="id_number")


def _check_join_date(join_date: datetime.date) -> None:
    if join_date > timezone.localdate():
        raise ValidationFailed(_("入会日期不能晚于今天。"), field="join_date")
    if join_date.year < 1925:
        raise ValidationFailed(_("入会日期不正确。"), field="join_date")


def live_membership(id_indexes: list[str]) -> Membership | None:
    """The live membership of the person with any of these identity indexes (`CleanMember.id_indexes`)."""
    return (Membership.objects.select_related("union").live()
            .filter(member__id_index__in=id_indexes).first())


def refuse_if_member(actor: Any, union: TradeUnion, id_indexes: list[str]) -> None:
    existing = live_membership(id_indexes)
    if existing is not None:
        visible = scope_for(actor, Perm.MEMBER_VIEW).covers(existing.org_path)
        raise AlreadyMember(existing, here=existing.union_id == union.pk, visible=visible)


def admit_clean(*, actor: Any, union: TradeUnion, clean: CleanMember, channel: str,
                join_date: datetime.date) -> Membership:
    """Admit one validated person. The caller has checked the scope and holds a transaction."""
    member = Member.objects.filter(id_index__in=clean.id_indexes).first()
    profile = clean.profile() | {"name_initials": pinyin_initials(clean.name)[:20]}
    if member is None:
        member = Member(id_type=clean.identity.id_type, id_number=clean.identity.number,
                        id_index=clean.id_index, id_masked=clean.identity.masked, **profile)
    else:
        for key, value in profile.items():
            if value not in ("", None):
                setattr(member, key, value)
    member.union, member.org_path, member.status = union, union.path, MembershipStatus.ACTIVE
    member.employer_id = union_employer_id(union) or member.employer_id
    try:
        with transaction.atomic():
            member.save()
            membership = Membership.objects.create(member=member, union=union, org_path=union.path,
                                                   join_date=join_date, channel=channel)
    except IntegrityError:
        # Another request admitted the same person a moment ago: answer as if we had seen it first.
        refuse_if_member(actor, union, clean.id_indexes)
        raise
    rollup_adjust(union.path, members=1)
    record_event(actor=actor, member=member, kind="admit", membership=membership,
                 new_status=MembershipStatus.ACTIVE, union=union, detail={"channel": channel})
    return membership


def member_admit(*, actor: Any, union: TradeUnion, data: dict[str, Any], channel: str = JoinChannel.CONSOLE,
                 join_date: datetime.date | None = None) -> Membership:
    """A union registers a worker itself (console, 流动窗口, API): validated, then admitted."""
    require(actor, Perm.MEMBER_EDIT, union.path)
    if channel not in JoinChannel.values or channel == JoinChannel.TRANSFER:
        raise ValidationFailed(_("入会方式无效。"), field="channel")
    if not union.is_active:
        raise ValidationFailed(_("该工会已合并或撤销，不能发展会员。"), field="union")
    clean = require_clean(data)
    join_date = join_date or timezone.localdate()
    _check_join_date(join_date)
    # Counted before the transaction: "already a member" is a refusal, and must stay counted.
    id_lookup_take(actor=actor, what="member_admit")
    with transaction.atomic():
        refuse_if_member(actor, union, clean.id_indexes)
        return admit_clean(actor=actor, union=union, clean=clean, channel=channel, join_date=join_date)


PROFILE_FIELDS = ("name", "gender", "ethnicity", "phone", "education", "political_status", "household",
                  "employment_form", "new_form_group", "job", "skill_level", "honours")


@transaction.atomic
def member_update(*, actor: Any, member: Member, version: int, data: dict[str, Any]) -> Member:
    """Edit the profile. The identity document cannot change here: a wrong one is a new person."""
    require(actor, Perm.MEMBER_EDIT, member.org_path)
    return profile_apply(actor=actor, member=member, version=version, data=data)


def profile_apply(*, actor: Any, member: Member, version: int, data: dict[str, Any]) -> Member:
    """The one write of a member's profile, validated as a whole. The caller has decided who may: a
    cadre of the member's union (member_update), or the person correcting their own phone after
    proving it by SMS (members.services.rights); it holds the transaction."""
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationFailed(msg(_("不能修改字段：%(f)s。"), {"f": ", ".join(sorted(unknown))}),
                               field=sorted(unknown)[0])
    merged = {f: getattr(member, f) for f in PROFILE_FIELDS} | data
    merged.update(id_type=member.id_type, id_number=member.id_number)
    clean = require_clean(merged)
    profile = clean.profile() | {"name_initials": pinyin_initials(clean.name)[:20]}
    changed = sorted(k for k, v in profile.items() if getattr(member, k) != v and not k.endswith(("_index", "_masked")))
    if not Member.objects.filter(pk=member.pk, version=version).update(version=version + 1, **profile):
        raise Conflict()
    member.refresh_from_db()
    record_event(actor=actor, member=member, kind="update", union=member.union, detail={"fields": changed})
    return member


def _live(member: Member) -> Membership:
    membership = Membership.objects.select_related("union").live().filter(member=member).first()
    if membership is None:
        raise ValidationFailed(_("此人目前没有有效会籍。"), code="no_membership")
    return membership


def _change_status(*, actor: Any, member: Member, new: str, kind: str, on: datetime.date | None,
                   note: str = "", retain_reason: str = "") -> Membership:
    membership = _live(member)
    require(actor, Perm.MEMBER_EDIT, membership.org_path)
    check_transition(membership.status, new)
    ended = new not in LIVE_STATUSES
    on = on or timezone.localdate()
    fields: dict[str, Any] = {"status": new, "retain_reason": retain_reason}
    if ended:
        fields.update(ended_on=on, end_note=note[:200])
    # Compare-and-set: two cadres acting on one membership cannot both succeed.
    if not Membership.objects.filter(pk=membership.pk, status=membership.status).update(**fields):
        raise Conflict()
    Member.objects.filter(pk=member.pk).update(status=new, version=F("version") + 1)
    if ended:
        rollup_adjust(membership.org_path, members=-1)
    record_event(actor=actor, member=member, kind=kind, membership=membership, old_status=membership.status,
                 new_status=new, union=membership.union, note=note)
    membership.refresh_from_db()
    return membership


@transaction.atomic
def membership_leave(*, actor: Any, member: Member, note: str, on: datetime.date | None = None) -> Membership:
    """退会."""
    note = normalize_text(note)
    if not note:
        raise ValidationFailed(_("请填写退会原因。"), field="note")
    return _change_status(actor=actor, member=member, new=MembershipStatus.LEFT, kind="leave", on=on, note=note)


@transaction.atomic
def membership_retain(*, actor: Any, member: Member, reason: str, on: datetime.date | None = None) -> Membership:
    """保留会籍 while unemployed or after retirement."""
    if reason not in RetainReason.values:
        raise ValidationFailed(_("请选择保留会籍的原因（失业或退休）。"), field="reason")
    return _change_status(actor=actor, member=member, new=MembershipStatus.RETAINED, kind="retain", on=on,
                          retain_reason=reason, note=str(RetainReason(reason).label))


@transaction.atomic
def membership_death(*, actor: Any, member: Member, on: datetime.date | None = None) -> Membership:
    return _change_status(actor=actor, member=member, new=MembershipStatus.DECEASED, kind="death", on=on,
                          note=str(_("会员去世")))


@transaction.atomic
def membership_reinstate(*, actor: Any, member: Member, union: TradeUnion | None = None,
                         on: datetime.date | None = None) -> Membership:
    """A retained membership becomes active again; someone who left rejoins with a new membership."""
    live = Membership.objects.live().filter(member=member).first()
    if live is not None:
        if live.status != MembershipStatus.RETAINED:
            raise ValidationFailed(_("此人的会籍已是正常状态。"), code="already_active")
        return _change_status(actor=actor, member=member, new=MembershipStatus.ACTIVE, kind="reinstate", on=on)
    last = member.memberships.order_by("-join_date", "-id").first()
    if last is not None and last.status == MembershipStatus.DECEASED:
        raise ValidationFailed(_("已去世会员的会籍不能恢复。"), code="deceased")
    target = union or (last.union if last else None)
    if target is None:
        raise ValidationFailed(_("请选择重新入会的工会。"), field="union")
    require(actor, Perm.MEMBER_EDIT, target.path)
    on = on or timezone.localdate()
    Member.objects.filter(pk=member.pk).update(union=target, org_path=target.path, status=MembershipStatus.ACTIVE)
    membership = Membership.objects.create(member=member, union=target, org_path=target.path, join_date=on,
                                           channel=JoinChannel.CONSOLE)
    rollup_adjust(target.path, members=1)
    record_event(actor=actor, member=member, kind="rejoin", membership=membership,
                 new_status=MembershipStatus.ACTIVE, union=target)
    return membership
