"""The worker's own side of the hardship registry (portal): apply, add a document, withdraw.

A worker is a phone proved by SMS (PortalWorker) and holds no grant anywhere. Each service here
first establishes that the household is the worker's own, then writes through the same transition,
event and audit rows as the cadres' services, with the worker as the actor.

Where an application goes: a member applies to the union of their live membership, the union that
knows them and reviews the household. A worker who is not a member chooses their employer's union,
or the street, township or county federation where they work or live (ACCEPTING_LEVELS); the county
federation above approves, as for every file. Hardship help is not only for members (送温暖 and
夏送清凉 reach outdoor and new-form workers too), so nobody is told to join first, and the file is
linked to the registry by identity as soon as the worker joins.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.choices import Action, DocumentKind, Relation, Status
from gonghui.assistance.models import HardshipDocument, HardshipFile
from gonghui.assistance.services.common import clean_amount, clean_choice, clean_text, record_file_event
from gonghui.assistance.services.documents import check_document, hardship_attach
from gonghui.assistance.services.household import clean_causes, clean_household, derived_values, write_household
from gonghui.assistance.services.intake import AlreadyFiled, _adcode, _worker_values, worker_indexes
from gonghui.assistance.services.transition import hardship_transition
from gonghui.assistance.worker_scope import ACCEPTING_LEVELS, WORKER_ATTACH_STATUSES, is_own_file, worker_memberships
from gonghui.core.errors import InvalidFields, NotFound, ValidationFailed, msg
from gonghui.core.lookups import id_lookup_take
from gonghui.core.storage import atomic_with_files
from gonghui.core.text import normalize_text
from gonghui.members.models import Membership
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.models import TradeUnion

# The text of the separate consent (PIPL art. 29) shown on the application form; a new wording is a
# new version, so each file records exactly what its household agreed to.
CONSENT_TEXT_VERSION = "portal-2026-01"
MAX_DOCUMENTS_PER_APPLICATION = 5
MAX_WORKER_DOCUMENTS = 20
DESCRIPTION_MAX = 500


class AlreadyApplied(AlreadyFiled):
    """A second open application of the same person. The worker's own file is named (it is theirs);
    anyone else's is only said to exist, as the one-open-file index would refuse it anyway."""

    def __init__(self, existing: HardshipFile | None, *, own: bool):
        super().__init__(existing, visible=own)
        if existing is not None and own and existing.status == Status.WATCHED:
            self.message = msg(_("您家已解困脱困，正在监测期内（%(union)s）。如再次遇到困难，请联系该工会办理返困。"),
                               {"union": existing.union.name})
        elif existing is not None and own:
            self.message = msg(_("您已有在办的困难帮扶申请或档案（%(union)s，%(status)s），请在“我的帮扶”查看进度，"
                                 "不必重复申请。"),
                               {"union": existing.union.name, "status": Status(existing.status).label})
        else:
            # Not the worker's own file: whether someone is in hardship is that person's sensitive
            # information, so the answer names no file, no union and no status (docs/decisions.md).
            self.message = _("暂时无法在线受理该证件号码的申请。请本人携带身份证件到就近工会办理，或拨打12351咨询。")
        self.args = (str(self.message),)


def _applicant(worker: PortalWorker, member_pk: Any) -> Membership | None:
    """The worker's live membership, if any; a phone shared by several members names which one applies."""
    memberships = worker_memberships(phone=worker.phone)
    if len(memberships) <= 1:
        return memberships[0] if memberships else None
    chosen = next((m for m in memberships if str(m.member_id) == str(member_pk or "")), None)
    if chosen is None:
        raise ValidationFailed(_("本手机号登记了多位会员，请选择申请人。"), field="member", code="required")
    return chosen


def _target_union(membership: Membership | None, union: TradeUnion | None) -> TradeUnion:
    if membership is not None:
        return membership.union
    if union is None:
        raise ValidationFailed(_("请选择受理申请的工会。"), field="union", code="required")
    if not union.is_active or union.level not in ACCEPTING_LEVELS:
        raise ValidationFailed(_("该工会不受理困难帮扶申请，请选择所在单位工会或所在街道（乡镇）、县（区）总工会。"),
                               field="union", code="union")
    return union


def _description(value: Any) -> str:
    text = normalize_text(value)
    if not text:
        raise ValidationFailed(_("请简要说明家庭遇到的困难。"), field="description", code="required")
    if len(text) > DESCRIPTION_MAX:
        raise ValidationFailed(msg(_("困难情况说明不能超过%(n)d个字。"), {"n": DESCRIPTION_MAX}), field="description",
                               code="too_long")
    return text


def _checked_documents(documents: Sequence[tuple[str, UploadedFile]]) -> list[tuple[str, UploadedFile]]:
    """Every upload judged before anything is written; errors name the slot ("documents.2.file")."""
    if len(documents) > MAX_DOCUMENTS_PER_APPLICATION:
        raise ValidationFailed(msg(_("一次最多上传%(n)d份证明材料，其余可在提交后补充。"),
                                   {"n": MAX_DOCUMENTS_PER_APPLICATION}), field="documents", code="too_many")
    errors: list[ValidationFailed] = []
    out = []
    for slot, (kind, upload) in enumerate(documents, start=1):
        try:
            kind = clean_choice(kind, DocumentKind, field="kind")
            check_document(upload)
        except ValidationFailed as e:
            errors.append(ValidationFailed(e.message, field=f"documents.{slot}.{e.field}", code=e.code))
            continue
        out.append((kind, upload))
    if errors:
        raise InvalidFields(errors)
    return out


def _collect(errors: list[ValidationFailed], fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Run one check; its errors join the list, so the worker sees every problem of the form at once."""
    try:
        return fn(*args, **kwargs)
    except InvalidFields as many:
        errors.extend(many.errors)
    except ValidationFailed as one:
        errors.append(one)
    return None


def _refuse_second_file(worker: PortalWorker, id_indexes: list[str]) -> None:
    existing = HardshipFile.objects.open().select_related("union").filter(worker_id_index__in=id_indexes).first()
    if existing is not None:
        raise AlreadyApplied(existing, own=is_own_file(phone=worker.phone, file=existing))


def hardship_apply_by_worker(*, worker: PortalWorker, application: dict[str, Any], union: TradeUnion | None = None,
                             member_pk: Any = None, documents: Sequence[tuple[str, UploadedFile]] = (),
                             now: datetime.datetime | None = None) -> HardshipFile:
    """See _apply; one look-up by identity number, counted before the transaction so a refusal counts."""
    id_lookup_take(actor=worker, what="hardship_apply")
    with atomic_with_files():
        return _apply(worker=worker, application=application, union=union, member_pk=member_pk,
                      documents=documents, now=now)


def _apply(*, worker: PortalWorker, application: dict[str, Any], union: TradeUnion | None,
           member_pk: Any, documents: Sequence[tuple[str, UploadedFile]],
           now: datetime.datetime | None) -> HardshipFile:
    """申请帮扶 from the portal: the household, causes, description, documents and the separate consent,
    as one application waiting for the grassroots review.

    `application`: name, id_type, id_number (a worker who is not a member; a member's identity comes
    from the registry), employer_name, address, adcode, self_income, household (the other members:
    relation, name, id_type, id_number, annual_income), causes, rigid_expenses, description, consent.
    """
    now = now or timezone.now()
    membership = _applicant(worker, member_pk)
    target = _target_union(membership, union)
    member = membership.member if membership is not None else None
    errors: list[ValidationFailed] = []
    if not application.get("consent"):
        errors.append(ValidationFailed(_("请阅读并勾选同意工会处理家庭敏感个人信息后再提交。"), field="consent",
                                       code="consent_required"))
    values = _collect(errors, _worker_values, {**application, "phone": worker.phone}, member) or {}
    if values.get("worker_id_index"):
        _refuse_second_file(worker, worker_indexes(values))
    # The worker is the household's first member; a placeholder keeps the rows numbered as on the form
    # when their identity is still wrong.
    self_row = {"relation": Relation.SELF, "name": values.get("worker_name") or "本人",
                "id_type": values.get("worker_id_type", ""), "id_number": values.get("worker_id_number", ""),
                "annual_income": application.get("self_income")}
    people = _collect(errors, clean_household, [self_row, *application.get("household", [])], has_consent=True)
    causes = _collect(errors, clean_causes, application.get("causes")) or []
    if not causes and not any(e.field == "causes" for e in errors):
        errors.append(ValidationFailed(_("请至少选择一项致困原因。"), field="causes", code="required"))
    rigid = _collect(errors, clean_amount, application.get("rigid_expenses"), field="rigid_expenses")
    description = _collect(errors, _description, application.get("description"))
    adcode = _collect(errors, _adcode, application.get("adcode"), target)
    if adcode == "":
        errors.append(ValidationFailed(_("请选择家庭所在地区。"), field="adcode", code="required"))
    uploads = _collect(errors, _checked_documents, documents) or []
    if errors:
        raise InvalidFields(errors)
    previous = (HardshipFile.objects.filter(worker_id_index__in=worker_indexes(values))
                .order_by("-surveyed_at", "-id").first())
    values.update(derived_values(adcode=adcode, people=people, causes=causes, rigid_expenses=rigid,
                                 on=timezone.localdate(now)))
    consent = {"consent_signer": values["worker_name"], "consent_at": now,
               "consent_text_version": CONSENT_TEXT_VERSION, "consent_recorded_by": worker.actor.label[:150]}
    try:
        with transaction.atomic():
            file = HardshipFile.objects.create(
                union=target, org_path=target.path, adcode=adcode, status=Status.APPLIED, surveyed_at=now,
                applied_at=now, survey_note=description, previous_file=previous, **values, **consent)
    except IntegrityError:
        # A file of the same person committed between the check above and this insert.
        raise AlreadyApplied(None, own=False) from None
    write_household(file, people, causes)
    record_file_event(actor=worker.actor, file=file, action=Action.APPLY, new_status=file.status,
                      detail={"channel": "portal", "previous": previous.pk if previous else None,
                              "member": member is not None})
    record_file_event(actor=worker.actor, file=file, action=Action.CONSENT,
                      detail={"text_version": CONSENT_TEXT_VERSION})
    for kind, upload in uploads:
        hardship_attach(actor=worker.actor, file=file, kind=kind, upload=upload, by_worker=True)
    file.refresh_from_db()
    return file


def _own_file(worker: PortalWorker, file: HardshipFile) -> None:
    if not is_own_file(phone=worker.phone, file=file):
        raise NotFound()


def hardship_attach_by_worker(*, worker: PortalWorker, file: HardshipFile, kind: str,
                              upload: UploadedFile) -> HardshipDocument:
    """补充材料: a document the review asks for, added by the worker while the household is reviewed."""
    _own_file(worker, file)
    if file.status not in WORKER_ATTACH_STATUSES:
        raise ValidationFailed(msg(_("档案当前状态为“%(status)s”，不能再在网上补充材料，请联系%(union)s。"),
                                   {"status": Status(file.status).label, "union": file.union.name}),
                               field="file", code="bad_status")
    if file.documents.count() >= MAX_WORKER_DOCUMENTS:
        raise ValidationFailed(msg(_("证明材料已有%(n)d份，不能再上传；如需更换，请联系工会。"),
                                   {"n": MAX_WORKER_DOCUMENTS}), field="file", code="too_many")
    return hardship_attach(actor=worker.actor, file=file, kind=kind, upload=upload, by_worker=True)


def hardship_withdraw_by_worker(*, worker: PortalWorker, file: HardshipFile, reason: str) -> HardshipFile:
    """The worker withdraws their own application, only before the union has reviewed it."""
    _own_file(worker, file)
    if file.status != Status.APPLIED:
        raise ValidationFailed(msg(_("申请已进入“%(status)s”阶段，不能在网上撤回；如需撤回，请联系%(union)s。"),
                                   {"status": Status(file.status).label, "union": file.union.name}),
                               field="status", code="bad_status")
    reason = clean_text(reason, field="reason", max_length=500, required=True)
    return hardship_transition(actor=worker.actor, file=file, action=Action.WITHDRAW, note=reason,
                               changes={"reject_reason": reason}, by_worker=True)
