"""The worker's side (portal): submit a request, follow it by number and phone, rate the result.

A worker is a phone proved by SMS: signed in (PortalWorker), or a guest who sends the code with the
form. Following a case needs both the number and the phone the case was filed with; any mismatch
gets the same answer as a number that does not exist, so numbers cannot be probed for phones.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.sms import Purpose, sms_verify
from gonghui.cases import limits
from gonghui.cases.choices import Action, Category, Channel, Rating, Status
from gonghui.cases.models import Case
from gonghui.cases.selectors import PublicStep, followed_case, public_steps
from gonghui.cases.services.attachments import check_worker_attachments, store_worker_attachments
from gonghui.cases.services.common import clean_choice, clean_text
from gonghui.cases.services.intake import clean_intake, create_case
from gonghui.cases.services.transition import case_transition
from gonghui.cases.workflow import caller_reopen_refusal
from gonghui.core.audit import audit_record
from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import InvalidFields, NotFound, ValidationFailed
from gonghui.core.idnumbers import parse_mobile
from gonghui.core.storage import atomic_with_files
from gonghui.core.text import normalize_text
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.models import TradeUnion

NO_SUCH_CASE = _("没有找到与该编号和手机号对应的案件，请核对后重试。")


@dataclass(frozen=True)
class CaseProgress:
    number: str
    status: str
    status_label: str
    category_label: str
    received_at: datetime.datetime
    handling_union: str
    due_at: datetime.datetime | None
    resolved_at: datetime.datetime | None
    outcome: str
    rating: str
    can_rate: bool
    closed_at: datetime.datetime | None
    can_reopen: bool  # the caller may ask for the case to be handled again (closed, within 30 days)
    identity_withheld: bool
    steps: list[PublicStep]


@atomic_with_files()
def case_submit(*, worker: PortalWorker, union: TradeUnion, data: dict[str, Any],
                attachments: Sequence[UploadedFile] = ()) -> Case:
    """A signed-in worker's request: the phone is the one proved at login, whatever the form says.
    Its evidence files are all judged first, then written with the case in one transaction."""
    errors: list[ValidationFailed] = []
    clean = checked = None
    try:
        clean = clean_intake(data | {"caller_phone": worker.phone, "channel": Channel.PORTAL, "received_at": None,
                                     "anonymous": False}, now=timezone.now())
    except InvalidFields as many:
        errors.extend(many.errors)
    try:
        checked = check_worker_attachments(attachments)
    except InvalidFields as many:
        errors.extend(many.errors)
    except ValidationFailed as one:
        errors.append(one)
    if errors or clean is None or checked is None:
        raise InvalidFields(errors)
    case = create_case(actor=worker.actor, union=union, clean=clean)
    store_worker_attachments(actor=worker.actor, case=case, checked=checked)
    return case


def case_submit_as_guest(*, phone: str, code: str, union: TradeUnion, data: dict[str, Any], ip: str = "",
                         attachments: Sequence[UploadedFile] = ()) -> Case:
    """A worker who is not signed in proves the phone with a code sent to it just before."""
    phone = parse_mobile(phone, field="caller_phone")
    # Verified outside the insert's transaction: a refused code stays audited even if the form fails.
    sms_verify(phone=phone, purpose=Purpose.PORTAL_LOGIN, code=code, ip=ip)
    return case_submit(worker=PortalWorker(phone=phone, ip=ip), union=union, data=data, attachments=attachments)


def _valid_phone(phone: str) -> str:
    try:
        return parse_mobile(phone, field="caller_phone")
    except ValidationFailed:
        return ""


def own_case(number: str, phone: str) -> Case | None:
    number = normalize_text(number).upper()
    phone = _valid_phone(phone)
    if not number or not phone:
        return None
    return (Case.objects.select_related("handling_union")
            .filter(number=number, caller_phone_index__in=blind_index_candidates(phone)).first())


def case_follow(*, number: str, phone: str, ip: str = "") -> CaseProgress:
    case = followed_case(number=number, phone=phone)
    # Only a well-formed phone reaches the audit label, and only masked (no plaintext phone in a log).
    worker = PortalWorker(phone=_valid_phone(phone), ip=ip)
    audit_record(actor=worker.actor, action="case.follow", object_type="cases.case",
                 object_id=case.pk if case else "", object_label=case.number if case else "",
                 org_path=case.org_path if case else "", outcome="ok" if case else "failed",
                 detail={"number": normalize_text(number)[:24]})
    if case is None:
        raise NotFound(NO_SUCH_CASE)
    return CaseProgress(
        number=case.number, status=case.status, status_label=str(Status(case.status).label),
        category_label=str(Category(case.category).label) if case.category else "", received_at=case.received_at,
        handling_union=case.handling_union_name, due_at=case.due_at, resolved_at=case.resolved_at,
        outcome=case.outcome if case.status in (Status.RESOLVED, Status.CALLED_BACK, Status.CLOSED) else "",
        rating=case.rating, can_rate=case.status == Status.RESOLVED,
        closed_at=case.closed_at, can_reopen=caller_reopen_refusal(
            status=case.status, rating=case.rating, closed_at=case.closed_at, called_back_at=case.called_back_at,
            now=timezone.now()) is None,
        identity_withheld=case.identity_withheld, steps=public_steps(case_pk=case.pk),
    )


def case_rate(*, worker: PortalWorker, number: str, rating: str, note: str = "") -> Case:
    """The worker rates a resolved case themselves; it counts as the call-back."""
    case = own_case(number, worker.phone)
    if case is None:
        raise NotFound(NO_SUCH_CASE)
    value = clean_choice(rating, Rating, field="rating")
    note = clean_text(note, field="callback_note", max_length=limits.CALLBACK_NOTE)
    return case_transition(actor=worker.actor, case=case, action=Action.RATE,
                           changes={"rating": value, "callback_note": note}, note=note, detail={"rating": value})
