"""厂务公开 items, their reads and the yearly assessment; the 职工董事/监事 seats."""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import Conflict, InvalidFields, NotFound, ValidationFailed, msg
from gonghui.democracy.choices import DisclosureCategory, DisclosureChannel, Rating, SeatKind
from gonghui.democracy.models import (
    BoardSeat,
    CongressSession,
    Disclosure,
    DisclosureRead,
    OpennessAssessment,
    OpennessVote,
)
from gonghui.democracy.services.common import audit, clean_choice, clean_text, require_forward, require_manage
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.models import Member
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.models import Employer


def disclosure_create(*, actor: Any, employer: Employer, category: str, title: str, content: str, channel: str,
                      period_start: datetime.date | None, period_end: datetime.date | None,
                      publish: bool = False) -> Disclosure:
    require_manage(actor, employer.org_path)
    errors: list[ValidationFailed] = []
    values: dict[str, Any] = {}
    for field, check in (
            ("category", lambda: clean_choice(category, DisclosureCategory, field="category", label=_("公开类别"))),
            ("channel", lambda: clean_choice(channel, DisclosureChannel, field="channel", label=_("公开形式"))),
            ("title", lambda: clean_text(title, field="title", max_length=120, required=True)),
            ("content", lambda: clean_text(content, field="content", max_length=10000, required=True))):
        try:
            values[field] = check()
        except ValidationFailed as e:
            errors.append(e)
    try:
        require_forward(period_start, period_end, start_field="period_start", end_field="period_end",
                        start_label=_("公开期起"), end_label=_("公开期止"), strictly=False)
    except ValidationFailed as e:
        errors.append(e)
    if errors:
        raise InvalidFields(errors)
    assert period_start is not None and period_end is not None  # require_forward refused a missing date
    with transaction.atomic():
        item = Disclosure.objects.create(employer=employer, period_start=period_start, period_end=period_end,
                                         published_at=timezone.now() if publish else None,
                                         org_path=employer.org_path, **values)
        audit(actor, "disclosure_create", item, {"category": item.category, "published": publish})
    return item


def disclosure_publish(*, actor: Any, disclosure: Disclosure) -> Disclosure:
    require_manage(actor, disclosure.org_path)
    with transaction.atomic():
        if not Disclosure.objects.filter(pk=disclosure.pk, published_at__isnull=True).update(
                published_at=timezone.now()):
            raise Conflict(_("该公开事项已发布。"), code="already_published")
        disclosure.refresh_from_db()
        audit(actor, "disclosure_publish", disclosure)
    return disclosure


def disclosure_mark_read(*, member: Member, disclosure: Disclosure) -> bool:
    """A worker opened a published item of their own employer: counted once (True the first time)."""
    if disclosure.published_at is None or disclosure.employer_id != member.employer_id:
        raise NotFound()
    try:
        with transaction.atomic():
            DisclosureRead.objects.create(disclosure=disclosure, member=member)
    except IntegrityError:
        return False
    return True


def openness_assess(*, actor: Any, employer: Employer, year: int, satisfied: int, basic: int,
                    dissatisfied: int) -> OpennessAssessment:
    """The year's counts of 满意/基本满意/不满意, replacing any recorded before for that year."""
    require_manage(actor, employer.org_path)
    errors = []
    for field, value, label in (("satisfied", satisfied, _("满意")), ("basic", basic, _("基本满意")),
                                ("dissatisfied", dissatisfied, _("不满意"))):
        if not isinstance(value, int) or value < 0:
            errors.append(ValidationFailed(msg(_("%(label)s人数须为不小于0的整数。"), {"label": label}), field=field))
    if not 2000 <= year <= timezone.localdate().year:
        errors.append(ValidationFailed(_("年度无效。"), field="year"))
    if errors:
        raise InvalidFields(errors)
    # The members' own answers on the portal are part of the year's counts: a tally may add paper
    # answers to them, never drop them.
    online = dict(OpennessVote.objects.filter(employer=employer, year=year).values("rating")
                  .annotate(n=Count("pk")).values_list("rating", "n"))
    short = [ValidationFailed(msg(_("%(label)s人数不能少于职工已在服务平台评价的 %(n)s 人。"),
                                  {"label": label, "n": online[code]}), field=field)
             for field, value, label, code in (
                 ("satisfied", satisfied, _("满意"), Rating.SATISFIED), ("basic", basic, _("基本满意"), Rating.BASIC),
                 ("dissatisfied", dissatisfied, _("不满意"), Rating.DISSATISFIED))
             if value < online.get(code, 0)]
    if short:
        raise InvalidFields(short)
    if satisfied + basic + dissatisfied > employer.employee_count:
        raise ValidationFailed(msg(_("参加测评 %(n)s 人，多于职工总数 %(w)s 人。"),
                                   {"n": satisfied + basic + dissatisfied, "w": employer.employee_count}),
                               field="satisfied", code="too_many")
    with transaction.atomic():
        row, _created = OpennessAssessment.objects.update_or_create(
            employer=employer, year=year, defaults={"satisfied": satisfied, "basic": basic,
                                                    "dissatisfied": dissatisfied, "org_path": employer.org_path})
        audit(actor, "openness_assess", row, {"year": year})
    return row


def openness_vote(*, worker: PortalWorker, member: Member, rating: str, year: int | None = None
                  ) -> OpennessAssessment:
    """A member's own 满意/基本满意/不满意 on their employer's openness this year: once per member and
    year, added to the year's counts in the same transaction."""
    if member.employer_id is None or not Member.objects.filter(
            pk=member.pk, phone_index__in=blind_index_candidates(worker.phone), status__in=LIVE_STATUSES).exists():
        raise NotFound()
    rating = clean_choice(rating, Rating, field="rating", label=_("评价"))
    year = year or timezone.localdate().year
    counter = {Rating.SATISFIED.value: "satisfied", Rating.BASIC.value: "basic",
               Rating.DISSATISFIED.value: "dissatisfied"}[rating]
    employer = member.employer
    assert employer is not None
    try:
        with transaction.atomic():
            OpennessVote.objects.create(employer=employer, member=member, year=year, rating=rating)
            row, _created = OpennessAssessment.objects.get_or_create(
                employer=employer, year=year, defaults={"org_path": employer.org_path})
            OpennessAssessment.objects.filter(pk=row.pk).update(**{counter: F(counter) + 1})
            row.refresh_from_db()
            audit_record(actor=worker.actor, action="democracy.openness_vote", obj=row, org_path=row.org_path,
                         detail={"year": year})
    except IntegrityError:
        raise Conflict(msg(_("您已参加 %(year)s 年度的厂务公开民主评议。"), {"year": year}), field="rating",
                       code="already_assessed") from None
    return row


def seat_elect(*, actor: Any, employer: Employer, kind: str, holder_name: str, elected_by: CongressSession,
               starts_on: datetime.date | None, ends_on: datetime.date | None) -> BoardSeat:
    require_manage(actor, employer.org_path)
    kind = clean_choice(kind, SeatKind, field="kind", label=_("类别"))
    name = clean_text(holder_name, field="holder_name", max_length=50, required=True)
    if elected_by.term.congress.employer_id != employer.pk:
        raise ValidationFailed(_("选举会议须为本单位职代会的会议。"), field="elected_by", code="other_employer")
    require_forward(starts_on, ends_on, start_field="starts_on", end_field="ends_on", start_label=_("任期开始"),
                    end_label=_("任期届满"))
    assert starts_on is not None and ends_on is not None  # require_forward refused a missing date
    if starts_on < elected_by.held_on:
        raise ValidationFailed(msg(_("任期开始（%(s)s）不能早于选举会议召开日期（%(d)s）。"),
                                   {"s": starts_on.isoformat(), "d": elected_by.held_on.isoformat()}),
                               field="starts_on", code="before_election")
    with transaction.atomic():
        seat = BoardSeat.objects.create(employer=employer, kind=kind, holder_name=name, elected_by=elected_by,
                                        starts_on=starts_on, ends_on=ends_on, org_path=employer.org_path)
        audit(actor, "seat_elect", seat, {"kind": kind, "session": elected_by.pk})
    return seat


def seat_end(*, actor: Any, seat: BoardSeat, ended_on: datetime.date) -> BoardSeat:
    require_manage(actor, seat.org_path)
    if ended_on < seat.starts_on:
        raise ValidationFailed(msg(_("离任日期不能早于任期开始（%(s)s）。"), {"s": seat.starts_on.isoformat()}),
                               field="ended_on", code="dates_backwards")
    with transaction.atomic():
        if not BoardSeat.objects.filter(pk=seat.pk, ended_on__isnull=True).update(ended_on=ended_on):
            raise Conflict(_("该席位已离任。"), code="already_ended")
        seat.refresh_from_db()
        audit(actor, "seat_end", seat)
    return seat
