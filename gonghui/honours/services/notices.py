"""公示: the issuing union publishes its final list for a number of working days; a member of the
public objects to a nominee (the phone proven by SMS at the interface), the objection becomes a 12351
case handled by the issuing union, and its verdict is recorded once the case is resolved."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.sms import Purpose, sms_verify
from gonghui.cases.choices import Category, Kind
from gonghui.cases.choices import Status as CaseStatus
from gonghui.cases.services import case_submit
from gonghui.core.crypto import blind_index
from gonghui.core.errors import NotFound, ValidationFailed, msg
from gonghui.core.idnumbers import mask_phone, parse_mobile
from gonghui.honours.choices import Action, NominationStatus, ObjectionVerdict
from gonghui.honours.models import Call, HonourNomination, Objection, PublicNotice
from gonghui.honours.services.calls import call_transition
from gonghui.honours.services.common import clean_choice, clean_day, clean_text, require_manage
from gonghui.honours.services.transition import nomination_transition
from gonghui.honours.workflow import check_call_action
from gonghui.members.services.applications import PortalWorker
from gonghui.workdays.calendar import Period, PeriodKind, compute_deadline
from gonghui.workdays.selectors import calendar_for

# The case statuses at which the objection has had its answer.
ANSWERED_CASE = (CaseStatus.RESOLVED, CaseStatus.CALLED_BACK, CaseStatus.CLOSED)


def notice_end(*, org_path: str, starts_on: datetime.date, working_days: int) -> tuple[datetime.date, bool]:
    """The last day of a notice running `working_days` working days from `starts_on` (counted in, if it
    is a working day), on the issuing union's calendar; and whether a person must check it."""
    tz = timezone.get_default_timezone()
    eve = datetime.datetime.combine(starts_on - datetime.timedelta(days=1), datetime.time(12), tzinfo=tz)
    deadline = compute_deadline(eve, Period(PeriodKind.WORKING_DAYS, working_days), calendar_for(org_path),
                                workday_end=datetime.time(17, 30), tz=tz)
    return deadline.due_at.date(), deadline.needs_review


def notice_publish(*, actor: Any, call: Call, starts_on: datetime.date, title: str = "",
                   contact: str = "") -> PublicNotice:
    """The issuing union publishes every nominee on its final list; the call enters 公示."""
    check_call_action(call.status, Action.PUBLISH)
    require_manage(actor, call.org_path)
    start = clean_day(starts_on, field="starts_on")
    final = list(call.nominations.filter(status=NominationStatus.FINAL).select_related("call", "at_union")
                 .order_by("pk"))
    if not final:
        raise ValidationFailed(_("还没有确定的推荐人选，不能发布公示。"), field="nominations", code="empty_list")
    ends_on, needs_review = notice_end(org_path=call.org_path, starts_on=start, working_days=call.notice_working_days)
    with transaction.atomic():
        notice = PublicNotice.objects.create(
            call=call, union=call.union, org_path=call.org_path, starts_on=start, ends_on=ends_on,
            working_days=call.notice_working_days, needs_review=needs_review,
            title=clean_text(title, field="title", max_length=120) or str(msg(_("%(title)s拟表彰对象公示"), {
                "title": call.title}))[:120],
            contact=clean_text(contact, field="contact", max_length=100))
        call_transition(actor=actor, call=call, action=Action.PUBLISH, note=notice.title)
        for nomination in final:
            nomination_transition(actor=actor, nomination=nomination, action=Action.PUBLISH,
                                  changes={"notice": notice})
    return notice


def _objectable(nomination_pk: Any, today: datetime.date) -> HonourNomination:
    """The nominee on a running notice, or why an objection to it is not taken."""
    try:
        nomination = (HonourNomination.objects.select_related("notice", "notice__union", "call")
                      .get(pk=nomination_pk, status=NominationStatus.NOTICE))
    except (HonourNomination.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    notice = nomination.notice
    assert notice is not None
    if today < notice.starts_on:
        raise ValidationFailed(msg(_("公示将于%(day)s开始，开始后才能提出异议。"), {
            "day": notice.starts_on.isoformat()}), field="text", code="notice_not_started")
    if today > notice.ends_on:
        raise ValidationFailed(msg(_("公示已于%(day)s结束，不再受理异议。"), {"day": notice.ends_on.isoformat()}),
                               field="text", code="notice_closed")
    return nomination


def objection_file(*, worker: PortalWorker, nomination_pk: Any, text: str, objector_name: str,
                   today: datetime.date | None = None) -> Objection:
    """A member of the public objects to one nominee on the 公示 while it runs. The objection is kept
    confidential: it is filed as a 12351 case (identity withheld from the employer) at the issuing union."""
    nomination = _objectable(nomination_pk, today or timezone.localdate())
    notice = nomination.notice
    assert notice is not None
    body = clean_text(text, field="text", max_length=2000, required=True)
    name = clean_text(objector_name, field="objector_name", max_length=50, required=True)
    header = msg(_("对“%(notice)s”中%(name)s（%(employer)s）的异议："), {
        "notice": notice.title, "name": nomination.name, "employer": nomination.employer_name})
    data = {"kind": Kind.COMPLAINT, "category": Category.OTHER, "caller_name": name, "identity_withheld": True,
            "description": f"{header}\n{body}"}
    with transaction.atomic():
        case = case_submit(worker=worker, union=notice.union, data=data)
        objection = Objection.objects.create(
            notice=notice, nomination=nomination, org_path=notice.org_path, text=body, phone=worker.phone,
            phone_index=blind_index(worker.phone), phone_masked=mask_phone(worker.phone), case=case)
        nomination_transition(actor=worker.actor, nomination=nomination, action=Action.OBJECT, note=case.number,
                              detail={"case": case.pk, "objection": objection.pk})
    return objection


def objection_file_as_guest(*, phone: str, code: str, nomination_pk: Any, text: str, objector_name: str,
                            ip: str = "", today: datetime.date | None = None) -> Objection:
    """One who is not signed in proves the phone with the portal's SMS code (as 我要求助 does). A notice
    already closed is refused before the code is spent, so the refusal names the close date."""
    day = today or timezone.localdate()
    _objectable(nomination_pk, day)
    clean_text(text, field="text", max_length=2000, required=True)
    clean_text(objector_name, field="objector_name", max_length=50, required=True)
    number = parse_mobile(phone, field="phone")
    # Verified outside the filing's transaction: a refused code stays audited.
    sms_verify(phone=number, purpose=Purpose.PORTAL_LOGIN, code=code, ip=ip)
    return objection_file(worker=PortalWorker(phone=number, ip=ip), nomination_pk=nomination_pk, text=text,
                          objector_name=objector_name, today=day)


def objection_conclude(*, actor: Any, objection: Objection, verdict: str, note: str) -> Objection:
    """The issuing union records whether the objection holds, once its case has been answered."""
    require_manage(actor, objection.org_path)
    choice = clean_choice(verdict, ObjectionVerdict, field="verdict")
    if choice not in (ObjectionVerdict.UPHELD, ObjectionVerdict.DISMISSED):
        raise ValidationFailed(_("请选择异议是否成立。"), field="verdict", code="required")
    text = clean_text(note, field="note", max_length=1000, required=True)
    if objection.case.status not in ANSWERED_CASE:
        raise ValidationFailed(msg(_("请先在12351诉求%(number)s中办结并答复异议人。"), {
            "number": objection.case.number}), field="verdict", code="case_open")
    with transaction.atomic():
        Objection.objects.filter(pk=objection.pk).update(verdict=choice, verdict_note=text,
                                                         concluded_at=timezone.now())
        objection.refresh_from_db()
        nomination_transition(actor=actor, nomination=objection.nomination, action=Action.CONCLUDE, note=text,
                              detail={"objection": objection.pk, "verdict": choice})
    return objection
