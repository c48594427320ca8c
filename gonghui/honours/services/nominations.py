"""Nominating a person or a collective to a call, amending it at its own level, its supporting
documents, and withdrawing it."""

import datetime
import os
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import NotFound, ValidationFailed, msg
from gonghui.core.idnumbers import IdType, parse_identity
from gonghui.core.permissions import Perm
from gonghui.core.storage import atomic_with_files, create_with_file
from gonghui.core.uploads import PDF_AND_IMAGES, UploadRule, check_upload
from gonghui.honours.choices import (
    LIVE_NOMINATION,
    Action,
    CallStatus,
    Gender,
    NominationStatus,
    NomineeType,
    Rank,
    WorkerCategory,
)
from gonghui.honours.models import Call, HonourNomination, NominationDocument
from gonghui.honours.rules import ListRules, entry_of, excluded_rank_error
from gonghui.honours.services.common import clean_choice, clean_text, record_event, require_manage, who
from gonghui.honours.services.transition import nomination_transition
from gonghui.members.cleaning import identity_index, identity_index_candidates
from gonghui.members.models import Member
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import require, scope_for

MAX_DOCUMENT_MB = 20
MAX_DOCUMENTS = 10
DOCUMENT_RULE = UploadRule(PDF_AND_IMAGES, _("证明材料"), _("PDF或图片（JPG/PNG）"), MAX_DOCUMENT_MB)
EDITABLE = ("post", "category", "rank", "deeds", "deeds_summary", "employer_opinion")


def _visible(actor: Any, model: Any, value: Any) -> Any:
    """A member or employer the actor may nominate from: out of scope answers like missing."""
    if value in (None, ""):
        return None
    pk = value.pk if isinstance(value, model) else value
    found = model.objects.visible_to(scope_for(actor, Perm.HONOURS_MANAGE)).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def _texts(data: dict[str, Any], nominee_type: str) -> dict[str, Any]:
    person = nominee_type == NomineeType.PERSON
    return {
        "post": clean_text(data.get("post"), field="post", max_length=60, required=person),
        "category": clean_choice(data.get("category"), WorkerCategory, field="category", required=person),
        "rank": clean_choice(data.get("rank") or Rank.NONE, Rank, field="rank"),
        "deeds": clean_text(data.get("deeds"), field="deeds", max_length=5000, required=True),
        "deeds_summary": clean_text(data.get("deeds_summary"), field="deeds_summary", max_length=300),
        "employer_opinion": clean_text(data.get("employer_opinion"), field="employer_opinion", max_length=500),
    }


def _nominee(actor: Any, data: dict[str, Any], nominee_type: str) -> dict[str, Any]:
    member = _visible(actor, Member, data.get("member"))
    employer = _visible(actor, Employer, data.get("employer")) or (member.employer if member else None)
    employer_name = clean_text(data.get("employer_name") or (employer.name if employer else ""),
                               field="employer_name", max_length=100, required=True)
    values: dict[str, Any] = {"member": member, "employer": employer, "employer_name": employer_name,
                              "employer_credit_code": employer.credit_code if employer else ""}
    if nominee_type != NomineeType.PERSON:
        name = clean_text(data.get("name") or employer_name, field="name", max_length=100, required=True)
        key_of = values["employer_credit_code"] or employer_name
        return values | {"name": name, "nominee_key": f"c:{key_of}:{name}"}
    raw_id = data.get("id_number") or (member.id_number if member else "")
    id_type = data.get("id_type") or (member.id_type if member else IdType.RESIDENT)
    identity = parse_identity(id_type, raw_id, field="id_number")
    index = identity_index(identity)
    if member is not None and member.id_index not in identity_index_candidates(identity):
        raise ValidationFailed(_("证件号码与所选会员不一致。"), field="id_number", code="member_mismatch")
    gender = identity.gender or clean_choice(data.get("gender") or (member.gender if member else ""), Gender,
                                             field="gender")
    name = clean_text(data.get("name") or (member.name if member else ""), field="name", max_length=50,
                      required=True)
    return values | {"name": name, "id_type": identity.id_type, "id_number": identity.number, "id_index": index,
                     "id_masked": identity.masked, "gender": gender, "nominee_key": f"p:{index}"}


def _duplicate(call: Call, key: str, name: str) -> ValidationFailed | None:
    other = (HonourNomination.objects.filter(call=call, nominee_key=key, status__in=LIVE_NOMINATION)
             .select_related("union").first())
    if other is None:
        return None
    return ValidationFailed(msg(_("%(name)s已由“%(union)s”推荐参加本次评选，同一评选中不能重复推荐。"), {
        "name": name, "union": other.union.name}), field="name", code="duplicate_nominee")


def nomination_create(*, actor: Any, call: Call, union: TradeUnion, data: dict[str, Any],
                      today: datetime.date | None = None) -> HonourNomination:
    """`union` (the grassroots union, or any union in the call's subtree) nominates; the kind says
    whether a person, a collective or a team. The nomination waits at `union` for its own check and pass."""
    require_manage(actor, union.path)
    if not union.path.startswith(call.org_path):
        raise NotFound()
    if call.status != CallStatus.OPEN:
        raise ValidationFailed(msg(_("评选通知当前状态为“%(status)s”，不能推荐。"), {
            "status": CallStatus(call.status).label}), field="call", code="call_closed")
    today = today or timezone.localdate()
    if today > call.nominations_due:
        raise ValidationFailed(msg(_("本次评选的推荐已于%(day)s截止。"), {"day": call.nominations_due.isoformat()}),
                               field="call", code="nominations_closed")
    nominee_type = call.kind.nominee_type
    values = _nominee(actor, data, nominee_type) | _texts(data, nominee_type)
    nomination = HonourNomination(call=call, union=union, org_path=union.path, at_union=union, at_path=union.path,
                                  nominee_type=nominee_type, **values)
    error = excluded_rank_error(entry_of(nomination), _rules(call))
    if error is not None:
        raise error
    duplicate = _duplicate(call, values["nominee_key"], values["name"])
    if duplicate is not None:
        raise duplicate
    try:
        with transaction.atomic():
            nomination.save()
            record_event(actor=actor, call=call, nomination=nomination, union=union, action=Action.NOMINATE,
                         new_status=nomination.status, note=nomination.name)
    except IntegrityError:
        # Two unions nominating the same person at once: the unique index decides, the look-up names.
        duplicate = _duplicate(call, values["nominee_key"], values["name"])
        if duplicate is None:
            raise
        raise duplicate from None
    return nomination


def _rules(call: Call) -> ListRules:
    return ListRules(front_line_min_pct=call.front_line_min_pct, women_min_pct=call.women_min_pct,
                     excluded_ranks=tuple(call.excluded_ranks), places=call.places)


def _own_level(nomination: HonourNomination) -> None:
    if nomination.at_union_id != nomination.union_id:
        raise ValidationFailed(msg(_("推荐对象已上报至“%(at)s”，需由其退回后才能修改或撤回。"), {
            "at": nomination.at_union.name}), field="status", code="not_at_own_level")


def nomination_edit(*, actor: Any, nomination: HonourNomination, data: dict[str, Any],
                    version: int | None = None) -> HonourNomination:
    """The nominating union amends the deeds, opinion, post or category while it holds the nomination."""
    _own_level(nomination)
    texts = _texts({f: getattr(nomination, f) for f in EDITABLE} | data, nomination.nominee_type)
    probe = HonourNomination(**{**{f: getattr(nomination, f) for f in ("name", "nominee_type", "gender")},
                                "category": texts["category"], "rank": texts["rank"]})
    error = excluded_rank_error(entry_of(probe), _rules(nomination.call))
    if error is not None:
        raise error
    changed = [f for f in EDITABLE if texts[f] != getattr(nomination, f)]
    return nomination_transition(actor=actor, nomination=nomination, action=Action.EDIT, changes=texts,
                                 version=version, detail={"fields": changed})


def nomination_attach(*, actor: Any, nomination: HonourNomination, upload: UploadedFile,
                      version: int | None = None) -> NominationDocument:
    """Supporting documents (PDF or images), bounded in size and number."""
    _own_level(nomination)
    content_type, sha256 = check_upload(upload, DOCUMENT_RULE, field="file")
    if nomination.documents.count() >= MAX_DOCUMENTS:
        raise ValidationFailed(msg(_("每个推荐对象最多上传%(n)s份证明材料。"), {"n": MAX_DOCUMENTS}), field="file",
                               code="too_many")
    name = os.path.basename(upload.name or "")[:200]
    row = who(actor)
    with atomic_with_files():
        nomination_transition(actor=actor, nomination=nomination, action=Action.ATTACH, note=name, version=version,
                              detail={"sha256": sha256, "size": upload.size})
        return create_with_file(
            NominationDocument, upload=upload, field="file", what=_("证明材料"), nomination=nomination, name=name,
            content_type=content_type, size=upload.size or 0, sha256=sha256,
            uploaded_by_id=row.id, uploaded_by_label=row.shown)


def nomination_document_open(*, actor: Any, nomination: HonourNomination, document_pk: Any) -> NominationDocument:
    """A supporting document handed to a cadre who may see the nomination. The papers may carry an ID
    card copy or a certificate, so each opening is audited (who, which file) like other personal data."""
    require(actor, Perm.HONOURS_VIEW, nomination.org_path)
    pk = int(document_pk) if str(document_pk).isdigit() and len(str(document_pk)) < 12 else None
    document = nomination.documents.filter(pk=pk).first() if pk is not None else None
    if document is None:
        raise NotFound()
    audit_record(actor=who(actor), action="honours.document_open", obj=nomination, org_path=nomination.org_path,
                 detail={"document": document.pk, "name": document.name, "sha256": document.sha256})
    return document


def nomination_withdraw(*, actor: Any, nomination: HonourNomination, reason: str,
                        version: int | None = None) -> HonourNomination:
    """The nominating union takes its nomination back while it still holds it."""
    from gonghui.honours.services.review import release_places

    _own_level(nomination)
    text = clean_text(reason, field="reason", max_length=500, required=True)
    with transaction.atomic():
        release_places(nomination)
        return nomination_transition(actor=actor, nomination=nomination, action=Action.WITHDRAW, note=text,
                                     version=version)


__all__ = ["NominationStatus", "nomination_attach", "nomination_create", "nomination_edit", "nomination_withdraw"]
