"""The award after the 公示 (decision document, certificate), rejection, revocation, and earlier
honours recorded from the paper lists; a kind that enters the 劳模 register updates it in the same
transaction."""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.idnumbers import IdentityNumber
from gonghui.honours.choices import Action, AwardStatus, NominationStatus, NomineeType, ObjectionVerdict
from gonghui.honours.models import Award, AwardKind, HonourNomination
from gonghui.honours.services.common import clean_day, clean_int, clean_text, require_manage
from gonghui.honours.services.nominations import _nominee
from gonghui.honours.services.register import register_after_revocation, register_enter
from gonghui.honours.services.transition import nomination_transition
from gonghui.honours.workflow import check_action
from gonghui.members.cleaning import identity_index
from gonghui.orgs.models import TradeUnion


def award_refusal(nomination: HonourNomination, today: datetime.date) -> ValidationFailed | None:
    """Why the nominee cannot be awarded yet: the notice still running, an objection unanswered or upheld."""
    notice = nomination.notice
    if notice is None or today <= notice.ends_on:
        day = notice.ends_on.isoformat() if notice is not None else ""
        return ValidationFailed(msg(_("公示期至%(day)s结束，期满后才能作出表彰决定。"), {"day": day}),
                                field="decided_on", code="notice_running")
    waiting = list(nomination.objections.filter(verdict="").select_related("case").order_by("pk"))
    if waiting:
        return ValidationFailed(msg(_("%(name)s还有%(n)s条异议未答复（12351诉求%(numbers)s），不能表彰。"), {
            "name": nomination.name, "n": len(waiting), "numbers": "、".join(o.case.number for o in waiting)}),
            field="objections", code="objection_open")
    if nomination.objections.filter(verdict=ObjectionVerdict.UPHELD).exists():
        return ValidationFailed(msg(_("%(name)s的公示异议经核实成立，不能表彰，请作出不予表彰决定。"), {
            "name": nomination.name}), field="objections", code="objection_upheld")
    return None


def _certificate(kind: AwardKind, number: str) -> ValidationFailed:
    return ValidationFailed(msg(_("%(kind)s证书编号%(number)s已被使用。"), {"kind": kind.name, "number": number}),
                            field="certificate_number", code="certificate_taken")


def _nominee_index(nomination: HonourNomination) -> tuple[str, str]:
    """The award's (id_index, nominee_key) under the current index key, from the nominee's number: a
    copy of the nomination's would keep an old key while a rotation runs (awards are recomputed first)."""
    if nomination.nominee_type != NomineeType.PERSON or not nomination.id_number:
        return nomination.id_index, nomination.nominee_key
    index = identity_index(IdentityNumber(nomination.id_type, nomination.id_number))
    return index, f"p:{index}"


def award_make(*, actor: Any, nomination: HonourNomination, decision_number: str, decided_on: datetime.date,
               certificate_number: str = "", today: datetime.date | None = None,
               version: int | None = None) -> Award:
    """The issuing union awards a nominee whose 公示 has ended with every objection answered."""
    check_action(nomination.status, Action.AWARD)
    require_manage(actor, nomination.at_path)
    today = today or timezone.localdate()
    refusal = award_refusal(nomination, today)
    if refusal is not None:
        raise refusal
    number = clean_text(decision_number, field="decision_number", max_length=60, required=True)
    day = clean_day(decided_on, field="decided_on")
    certificate = clean_text(certificate_number, field="certificate_number", max_length=40)
    call = nomination.call
    kind = call.kind
    index, nominee_key = _nominee_index(nomination)
    if certificate and Award.objects.filter(kind=kind, certificate_number=certificate).exists():
        raise _certificate(kind, certificate)
    try:
        with transaction.atomic():
            award = Award.objects.create(
                kind=kind, honour=kind.honour, level=kind.level, year=call.year, call=call, nomination=nomination,
                union=nomination.union, org_path=nomination.org_path, nominee_type=nomination.nominee_type,
                name=nomination.name, id_index=index, id_masked=nomination.id_masked,
                member=nomination.member, employer=nomination.employer, employer_name=nomination.employer_name,
                employer_credit_code=nomination.employer_credit_code, nominee_key=nominee_key,
                decision_number=number, decided_on=day, certificate_number=certificate)
            nomination_transition(actor=actor, nomination=nomination, action=Action.AWARD, version=version,
                                  note=number, detail={"award": award.pk, "certificate": certificate})
            if kind.enters_register and nomination.nominee_type == NomineeType.PERSON:
                register_enter(actor=actor, award=award, id_type=nomination.id_type, id_number=nomination.id_number,
                               gender=nomination.gender, post=nomination.post)
    except IntegrityError:
        if certificate and Award.objects.filter(kind=kind, certificate_number=certificate).exists():
            raise _certificate(kind, certificate) from None
        raise
    return award


def nomination_reject(*, actor: Any, nomination: HonourNomination, reason: str,
                      version: int | None = None) -> HonourNomination:
    """The issuing union decides not to award a nominee on its final list (an objection upheld)."""
    text = clean_text(reason, field="reason", max_length=500, required=True)
    return nomination_transition(actor=actor, nomination=nomination, action=Action.REJECT, note=text, version=version)


def award_revoke(*, actor: Any, award: Award, reason: str, revoked_on: datetime.date) -> Award:
    """An honour withdrawn, with the reason; the register entry takes the next title held, or is revoked."""
    require_manage(actor, award.call.org_path if award.call else award.org_path)
    if award.status != AwardStatus.ACTIVE:
        raise ValidationFailed(_("该荣誉已撤销。"), field="status", code="already_revoked")
    text = clean_text(reason, field="reason", max_length=500, required=True)
    day = clean_day(revoked_on, field="revoked_on")
    with transaction.atomic():
        if not Award.objects.filter(pk=award.pk, status=AwardStatus.ACTIVE).update(
                status=AwardStatus.REVOKED, revoked_on=day, revoke_reason=text, updated_at=timezone.now()):
            raise ValidationFailed(_("该荣誉已撤销。"), field="status", code="already_revoked")
        award.refresh_from_db()
        if award.nomination is not None and award.nomination.status == NominationStatus.AWARDED:
            nomination_transition(actor=actor, nomination=award.nomination, action=Action.REVOKE, note=text)
        if award.id_index and award.kind.enters_register:
            register_after_revocation(actor=actor, award=award, on=day, reason=text)
    return award


def award_record_earlier(*, actor: Any, union: TradeUnion, kind: AwardKind, year: int, data: dict[str, Any],
                         decision_number: str, decided_on: datetime.date, certificate_number: str = "") -> Award:
    """An honour conferred before the system (from the paper lists), so the checks and the register
    know it; `union` is the union that nominated it then."""
    require_manage(actor, union.path)
    values = _nominee(actor, data, kind.nominee_type)
    number = clean_text(decision_number, field="decision_number", max_length=60, required=True)
    day = clean_day(decided_on, field="decided_on")
    certificate = clean_text(certificate_number, field="certificate_number", max_length=40)
    if certificate and Award.objects.filter(kind=kind, certificate_number=certificate).exists():
        raise _certificate(kind, certificate)
    year_won = clean_int(year, field="year", low=1950, high=2100) or 0
    with transaction.atomic():
        award = Award.objects.create(
            kind=kind, honour=kind.honour, level=kind.level, year=year_won,
            union=union, org_path=union.path, nominee_type=kind.nominee_type, name=values["name"],
            id_index=values.get("id_index", ""), id_masked=values.get("id_masked", ""), member=values["member"],
            employer=values["employer"], employer_name=values["employer_name"],
            employer_credit_code=values["employer_credit_code"], nominee_key=values["nominee_key"],
            decision_number=number, decided_on=day, certificate_number=certificate)
        if kind.enters_register and kind.nominee_type == NomineeType.PERSON:
            register_enter(actor=actor, award=award, id_type=values["id_type"], id_number=values["id_number"],
                           gender=values["gender"], post=clean_text(data.get("post"), field="post", max_length=60))
    return award
