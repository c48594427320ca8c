"""The 劳模 register: entered or updated by an award of a kind that enters it (in the award's
transaction), and kept: current post, yearly contact and assessment, benefits, 困难劳模 linked to the
hardship registry, death, and revocation."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.models import HardshipFile
from gonghui.core.audit import audit_record
from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import NotFound, ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.honours.choices import (
    LEVEL_RANK,
    MONEY_RECORDS,
    AwardLevel,
    AwardStatus,
    ModelWorkerStatus,
    RecordKind,
)
from gonghui.honours.models import Award, ModelWorker, ModelWorkerRecord
from gonghui.honours.services.common import clean_choice, clean_day, clean_int, clean_text, require_manage, who
from gonghui.orgs.models import Employer
from gonghui.orgs.scope import scope_for


def _best(awards: list[Award]) -> Award | None:
    return max(awards, key=lambda a: (LEVEL_RANK[AwardLevel(a.level)], a.year, a.pk), default=None)


def register_awards(indexes: list[str]) -> list[Award]:
    return list(Award.objects.filter(id_index__in=indexes, status=AwardStatus.ACTIVE, kind__enters_register=True)
                .select_related("kind"))


def _person_indexes(award: Award) -> list[str]:
    """Every index the award's person may be stored under while an index key rotates (register entries
    and awards are recomputed at different times): from the number where one is at hand, else the award's."""
    nomination = award.nomination if award.nomination_id is not None else None
    if nomination is not None and nomination.id_number:
        return blind_index_candidates(f"{nomination.id_type}:{nomination.id_number}")
    if award.member is not None and award.member.id_number:
        return blind_index_candidates(f"{award.member.id_type}:{award.member.id_number}")
    return [award.id_index]


def register_enter(*, actor: Any, award: Award, id_type: str, id_number: str, gender: str, post: str) -> ModelWorker:
    """Inside the award's transaction: the person enters the register, or their entry takes the
    highest title they now hold; the latest honour's union keeps the record."""
    indexes = blind_index_candidates(f"{id_type}:{id_number}")
    entry = ModelWorker.objects.select_for_update().filter(id_index__in=indexes).first()
    best = _best(register_awards(indexes)) or award
    values = {"title": best.kind.name, "level": best.level, "year": best.year, "name": award.name,
              "employer": award.employer, "employer_name": award.employer_name, "union": award.union,
              "org_path": award.org_path, "member": award.member}
    if post:
        values["post"] = post
    if entry is None:
        entry = ModelWorker.objects.create(id_type=id_type, id_number=id_number, id_index=indexes[0],
                                           id_masked=award.id_masked, gender=gender, **values)
    else:
        if entry.status == ModelWorkerStatus.REVOKED:
            values.update(status=ModelWorkerStatus.ACTIVE, revoked_on=None)
        ModelWorker.objects.filter(pk=entry.pk).update(**values, version=F("version") + 1, updated_at=timezone.now())
        entry.refresh_from_db()
    audit_record(actor=who(actor), action="honours.register_enter", obj=entry, org_path=entry.org_path,
                 detail={"award": award.pk, "title": entry.title})
    return entry


def register_after_revocation(*, actor: Any, award: Award, on: datetime.date, reason: str) -> ModelWorker | None:
    """Inside the revocation's transaction: the entry takes the next title held, or is revoked."""
    indexes = _person_indexes(award)
    entry = ModelWorker.objects.select_for_update().filter(id_index__in=indexes).first()
    if entry is None:
        return None
    best = _best(register_awards(indexes))
    if best is not None:
        ModelWorker.objects.filter(pk=entry.pk).update(title=best.kind.name, level=best.level, year=best.year,
                                                       version=F("version") + 1)
    elif entry.status == ModelWorkerStatus.ACTIVE:
        ModelWorker.objects.filter(pk=entry.pk).update(status=ModelWorkerStatus.REVOKED, revoked_on=on,
                                                       status_note=reason, version=F("version") + 1)
    entry.refresh_from_db()
    audit_record(actor=who(actor), action="honours.register_revoke", obj=entry, org_path=entry.org_path,
                 detail={"award": award.pk, "status": entry.status})
    return entry


def _audit(actor: Any, entry: ModelWorker, action: str, detail: dict[str, Any]) -> None:
    audit_record(actor=who(actor), action=f"honours.{action}", obj=entry, org_path=entry.org_path, detail=detail)


def model_worker_update(*, actor: Any, model_worker: ModelWorker, post: str, employer: Employer | None = None,
                        employer_name: str = "") -> ModelWorker:
    """The current post and employer (a 劳模 moves on; the record follows them)."""
    require_manage(actor, model_worker.org_path)
    if employer is not None and not scope_for(actor, Perm.HONOURS_MANAGE).covers(employer.org_path):
        raise NotFound()
    values = {"post": clean_text(post, field="post", max_length=60),
              "employer_name": clean_text(employer_name or (employer.name if employer else ""),
                                          field="employer_name", max_length=100, required=True),
              "employer": employer}
    with transaction.atomic():
        ModelWorker.objects.filter(pk=model_worker.pk).update(**values, version=F("version") + 1)
        model_worker.refresh_from_db()
        _audit(actor, model_worker, "register_update", {"employer": employer.pk if employer else None})
    return model_worker


def _amount(value: Any, kind: str) -> Decimal | None:
    if kind not in MONEY_RECORDS:
        return None
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        amount = Decimal(-1)
    if not amount.is_finite() or amount < 0 or amount >= Decimal("100000000"):
        raise ValidationFailed(_("金额应为不小于0的数，最多两位小数。"), field="amount", code="amount")
    return amount.quantize(Decimal("0.01"))


def model_worker_record_add(*, actor: Any, model_worker: ModelWorker, kind: str, year: int, on: datetime.date,
                            amount: Any = None, result: str = "", note: str = "") -> ModelWorkerRecord:
    """A yearly contact or assessment, or a benefit given (劳模津贴 and 困难帮扶 with their amount)."""
    require_manage(actor, model_worker.org_path)
    if model_worker.status != ModelWorkerStatus.ACTIVE and kind != RecordKind.CONTACT:
        raise ValidationFailed(msg(_("%(name)s在名册中的状态为“%(status)s”，不能再记录%(kind)s。"), {
            "name": model_worker.name, "status": ModelWorkerStatus(model_worker.status).label,
            "kind": RecordKind(kind).label if kind in RecordKind.values else kind}), field="record_kind",
            code="not_active")
    choice = clean_choice(kind, RecordKind, field="record_kind")
    row = who(actor)
    with transaction.atomic():
        record = ModelWorkerRecord.objects.create(
            model_worker=model_worker, kind=choice, year=clean_int(year, field="year", low=1950, high=2100) or 0,
            on=clean_day(on, field="on"), amount=_amount(amount, choice),
            result=clean_text(result, field="result", max_length=60), note=clean_text(note, field="note",
                                                                                      max_length=500),
            actor_id=row.id, actor_label=row.shown)
        _audit(actor, model_worker, "register_record", {"kind": choice, "year": record.year})
    return record


def _hardship_file_of(actor: Any, model_worker: ModelWorker, pk: Any) -> HardshipFile:
    """The file to link: one the actor sees in the hardship registry (one out of scope answers as a
    missing one would), and the same person's, by the blind index of the ID."""
    try:
        key = int(pk)
    except (TypeError, ValueError):
        key = 0
    file = HardshipFile.objects.visible_to(scope_for(actor, Perm.HARDSHIP_VIEW)).filter(pk=key).first()
    if file is None:
        raise ValidationFailed(_("所选困难职工档案不存在，或不在您可查看的困难职工档案范围内。"),
                               field="hardship_file", code="not_found")
    if file.worker_id_index not in model_worker.index_candidates():
        raise ValidationFailed(msg(_("所选困难职工档案（%(number)s）是%(worker)s的档案，不是%(name)s本人的档案。"), {
            "number": file.number or file.pk, "worker": file.worker_name, "name": model_worker.name}),
            field="hardship_file", code="not_same_person")
    return file


def model_worker_mark_hardship(*, actor: Any, model_worker: ModelWorker, in_hardship: bool,
                               hardship_file_id: int | None = None) -> ModelWorker:
    """困难劳模: flagged, and linked to the person's own file in the hardship registry when there is one,
    so the register shows the file's status and the aid it received. Unflagging drops the link."""
    require_manage(actor, model_worker.org_path)
    hardship_file = None
    if in_hardship and hardship_file_id not in (None, ""):
        hardship_file = _hardship_file_of(actor, model_worker, hardship_file_id)
    with transaction.atomic():
        ModelWorker.objects.filter(pk=model_worker.pk).update(
            in_hardship=bool(in_hardship), hardship_file=hardship_file, version=F("version") + 1)
        model_worker.refresh_from_db()
        _audit(actor, model_worker, "register_hardship", {"in_hardship": bool(in_hardship),
                                                           "file": hardship_file.pk if hardship_file else None})
    return model_worker


def model_worker_record_death(*, actor: Any, model_worker: ModelWorker, died_on: datetime.date,
                              note: str = "") -> ModelWorker:
    require_manage(actor, model_worker.org_path)
    day = clean_day(died_on, field="died_on")
    if model_worker.status == ModelWorkerStatus.DECEASED:
        raise ValidationFailed(_("名册中已记录该劳模去世。"), field="died_on", code="already_deceased")
    with transaction.atomic():
        ModelWorker.objects.filter(pk=model_worker.pk).update(
            status=ModelWorkerStatus.DECEASED, died_on=day, status_note=clean_text(note, field="note", max_length=500),
            in_hardship=False, version=F("version") + 1)
        model_worker.refresh_from_db()
        _audit(actor, model_worker, "register_death", {"died_on": day.isoformat()})
    return model_worker
