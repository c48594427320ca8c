"""摸底排查 and the application: a household enters the registry, its data change, consent is recorded."""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.choices import Action, Relation, Status
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.services.common import clean_amount, clean_text, record_file_event, who
from gonghui.assistance.services.household import (
    causes_of,
    clean_causes,
    clean_household,
    derived_values,
    identity_index,
    identity_index_candidates,
    people_of,
    write_household,
)
from gonghui.assistance.services.transition import hardship_transition
from gonghui.core.crypto import blind_index, index_rotating
from gonghui.core.errors import InvalidFields, ValidationFailed, msg
from gonghui.core.idnumbers import IdType, mask_phone, parse_identity, parse_mobile
from gonghui.core.permissions import Perm
from gonghui.members.models import Member
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require, scope_for


class AlreadyFiled(ValidationFailed):
    """The person has an open file. Names the holding union only to those who may see it."""

    code = "already_filed"

    def __init__(self, existing: HardshipFile | None, *, visible: bool):
        self.existing = existing
        if existing is not None and visible:
            message = msg(_("此人已有在办的困难职工档案（%(union)s，%(status)s）。"),
                          {"union": existing.union.name, "status": Status(existing.status).label})
        else:
            message = _("此人已有在办的困难职工档案（由其他工会办理）。")
        super().__init__(message, field="worker_id_number")


def worker_indexes(values: dict[str, Any]) -> list[str]:
    """What finds the worker's earlier files: the identity's index under every configured key."""
    return identity_index_candidates(values["worker_id_type"], values["worker_id_number"])


def refuse_if_open(actor: Any, id_indexes: list[str]) -> None:
    existing = HardshipFile.objects.open().select_related("union").filter(worker_id_index__in=id_indexes).first()
    if existing is not None:
        raise AlreadyFiled(existing, visible=scope_for(actor, Perm.HARDSHIP_VIEW).covers(existing.org_path))


def _worker_values(worker: dict[str, Any], member: Member | None) -> dict[str, Any]:
    if member is not None:
        values = {"member": member, "worker_name": member.name, "worker_id_type": member.id_type,
                  "worker_id_number": member.id_number, "worker_id_index": member.id_index,
                  "worker_id_masked": member.id_masked, "worker_phone": member.phone,
                  "worker_phone_index": member.phone_index, "worker_phone_masked": member.phone_masked}
        if index_rotating():
            # The member's row may not be recomputed yet: a new file is indexed under the current key,
            # or it would keep the old one past a rotation that already walked the files.
            values["worker_id_index"] = identity_index(member.id_type, member.id_number)
            values["worker_phone_index"] = blind_index(member.phone) if member.phone else ""
    else:
        errors: list[ValidationFailed] = []
        values = {}
        try:
            values["worker_name"] = clean_text(worker.get("name"), field="worker_name", max_length=50, required=True)
        except ValidationFailed as e:
            errors.append(e)
        id_type = worker.get("id_type") or IdType.RESIDENT
        try:
            identity = parse_identity(id_type, worker.get("id_number"), field="worker_id_number")
            index = identity_index(identity.id_type, identity.number)
            values.update(worker_id_type=identity.id_type, worker_id_number=identity.number,
                          worker_id_index=index, worker_id_masked=identity.masked)
            # A registered member is linked even when typed by hand: the registry is the master record.
            values["member"] = Member.objects.filter(
                id_index__in=identity_index_candidates(identity.id_type, identity.number)).first()
        except ValidationFailed as e:
            errors.append(e)
        try:
            phone = parse_mobile(worker.get("phone"), field="worker_phone", required=False)
            values.update(worker_phone=phone, worker_phone_index=blind_index(phone) if phone else "",
                          worker_phone_masked=mask_phone(phone) if phone else "")
        except ValidationFailed as e:
            errors.append(e)
        if errors:
            raise InvalidFields(errors)
    employer = member.employer if member is not None else None
    values["employer_name"] = clean_text(worker.get("employer_name") or (employer.name if employer else ""),
                                         field="employer_name", max_length=100)
    values["address"] = clean_text(worker.get("address"), field="address", max_length=200)
    return values


def _consent_values(consent: dict[str, Any] | None, actor: Any, now: datetime.datetime) -> dict[str, Any]:
    if not consent:
        return {}
    return {"consent_signer": clean_text(consent.get("signer"), field="consent_signer", max_length=50, required=True),
            "consent_text_version": clean_text(consent.get("text_version"), field="consent_text_version",
                                               max_length=20, required=True),
            "consent_at": consent.get("at") or now, "consent_recorded_by": who(actor).label[:150]}


def _adcode(value: Any, union: TradeUnion) -> str:
    code = clean_text(value, field="adcode", max_length=6) or (union.region_id or "")
    if code and not (len(code) == 6 and code.isdigit()):
        raise ValidationFailed(_("所在地区代码应为6位行政区划代码。"), field="adcode", code="adcode")
    return code


@transaction.atomic
def hardship_survey(*, actor: Any, union: TradeUnion, worker: dict[str, Any], member: Member | None = None,
                    household: list[dict[str, Any]] | None = None, causes: list[str] | None = None,
                    rigid_expenses: Any = 0, adcode: str = "", survey_note: str = "",
                    consent: dict[str, Any] | None = None, now: datetime.datetime | None = None) -> HardshipFile:
    """摸底排查: a household found in a survey enters the registry, not yet applied or assessed for filing."""
    require(actor, Perm.HARDSHIP_EDIT, union.path, visible_permission=Perm.HARDSHIP_VIEW)
    if not union.is_active:
        raise ValidationFailed(_("该工会已合并或撤销，不能建档。"), field="union", code="union_ended")
    if member is not None:
        # Only a member the cadre may see can be linked by hand.
        require(actor, Perm.MEMBER_VIEW, member.org_path)
    now = now or timezone.now()
    values = _worker_values(worker, member)
    values.update(_consent_values(consent, actor, now))
    refuse_if_open(actor, worker_indexes(values))
    people = clean_household(household or [], has_consent=bool(values.get("consent_at")))
    clean = clean_causes(causes)
    rigid = clean_amount(rigid_expenses, field="rigid_expenses")
    code = _adcode(adcode, union)
    values.update(derived_values(adcode=code, people=people, causes=clean, rigid_expenses=rigid,
                                 on=timezone.localdate(now)))
    # Earlier files of the same person (closed, rejected) stay linked, so the history reads as one.
    previous = (HardshipFile.objects.filter(worker_id_index__in=worker_indexes(values))
                .order_by("-surveyed_at", "-id").first())
    try:
        with transaction.atomic():
            file = HardshipFile.objects.create(union=union, org_path=union.path, adcode=code, surveyed_at=now,
                                               survey_note=clean_text(survey_note, field="survey_note",
                                                                      max_length=500),
                                               previous_file=previous, **values)
    except IntegrityError:
        # The check above and the insert are two statements; a concurrent survey of the same person
        # in between hits the one-open-file index and is answered as the check would have been.
        raise AlreadyFiled(None, visible=False) from None
    write_household(file, people, clean)
    record_file_event(actor=actor, file=file, action=Action.SURVEY, new_status=file.status,
                      detail={"previous": previous.pk if previous else None})
    return file


@transaction.atomic
def hardship_household_set(*, actor: Any, file: HardshipFile, household: list[dict[str, Any]],
                           causes: list[str], rigid_expenses: Any = 0, adcode: str | None = None, note: str = "",
                           version: int | None = None, now: datetime.datetime | None = None) -> HardshipFile:
    """Replace the household, causes and rigid expenses; recompute income per head and the assessment.

    The class of record of a filed file does not change here: the new assessment is a suggestion
    until a re-check adopts it.
    """
    now = now or timezone.now()
    people = clean_household(household, has_consent=file.has_consent)
    clean = clean_causes(causes)
    rigid = clean_amount(rigid_expenses, field="rigid_expenses")
    code = file.adcode if adcode is None else _adcode(adcode, file.union)
    changes = {"adcode": code, **derived_values(adcode=code, people=people, causes=clean, rigid_expenses=rigid,
                                                on=timezone.localdate(now))}
    file = hardship_transition(actor=actor, file=file, action=Action.EDIT, changes=changes, version=version,
                               note=clean_text(note, field="note", max_length=500), now=now,
                               detail={"size": changes["household_size"], "per_head": str(changes["income_per_head"]),
                                       "suggested": changes["suggested_class"], "causes": clean})
    write_household(file, people, clean)
    return file


def reassess(file: HardshipFile, on: datetime.date) -> dict[str, Any]:
    """The file's stored household assessed again under the rule in force on `on`."""
    return derived_values(adcode=file.adcode, people=people_of(file), causes=causes_of(file),
                          rigid_expenses=file.rigid_expenses, on=on)


@transaction.atomic
def hardship_consent_record(*, actor: Any, file: HardshipFile, signer: str, text_version: str,
                            at: datetime.datetime | None = None, version: int | None = None) -> HardshipFile:
    """The household's separate consent to the processing of sensitive data (PIPL art. 29)."""
    now = timezone.now()
    values = _consent_values({"signer": signer, "text_version": text_version, "at": at}, actor, now)
    if values["consent_at"] > now:
        raise ValidationFailed(_("同意时间不能晚于现在。"), field="consent_at", code="future")
    return hardship_transition(actor=actor, file=file, action=Action.CONSENT, changes=values, version=version,
                               detail={"text_version": values["consent_text_version"]})


def _check_ready_to_apply(file: HardshipFile) -> None:
    errors: list[ValidationFailed] = []
    if not file.has_consent:
        errors.append(ValidationFailed(_("申请前须登记本人对敏感个人信息的单独同意。"), field="consent_signer",
                                       code="consent_required"))
    if not file.adcode:
        errors.append(ValidationFailed(_("请填写所在地区代码。"), field="adcode", code="required"))
    if not file.household.filter(relation=Relation.SELF).exists():
        errors.append(ValidationFailed(_("家庭成员中须有职工本人。"), field="household", code="self_missing"))
    if not file.causes.exists():
        errors.append(ValidationFailed(_("请至少选择一项致困原因。"), field="causes", code="required"))
    if errors:
        raise InvalidFields(errors)


def hardship_apply(*, actor: Any, file: HardshipFile, note: str = "", version: int | None = None) -> HardshipFile:
    _check_ready_to_apply(file)
    return hardship_transition(actor=actor, file=file, action=Action.APPLY, version=version,
                               note=clean_text(note, field="note", max_length=500))


def hardship_withdraw(*, actor: Any, file: HardshipFile, reason: str, version: int | None = None) -> HardshipFile:
    reason = clean_text(reason, field="reason", max_length=500, required=True)
    return hardship_transition(actor=actor, file=file, action=Action.WITHDRAW, note=reason, version=version,
                               changes={"reject_reason": reason})
