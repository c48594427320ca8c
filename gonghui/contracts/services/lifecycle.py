"""履约 and the end: the yearly supervision check, attachments and termination (the sweep that makes
contracts effective, reminds and lets them expire is `sweep.py`)."""

import os
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.contracts.choices import Action
from gonghui.contracts.models import CollectiveContract, ContractAttachment, SupervisionCheck
from gonghui.contracts.services.common import clean_day, clean_text, not_before, require_manage, who
from gonghui.contracts.services.transition import contract_transition
from gonghui.contracts.workflow import check_action
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.storage import atomic_with_files, create_with_file
from gonghui.core.uploads import PDF_AND_IMAGES, FileTypes, UploadRule, check_upload

_ZIP, _OLE = (b"PK\x03\x04",), (b"\xd0\xcf\x11\xe0",)
ATTACHMENT_TYPES: FileTypes = {
    **PDF_AND_IMAGES,
    "application/msword": ((".doc",), _OLE),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ((".docx",), _ZIP),
}
MAX_ATTACHMENT_MB = 20
MAX_ATTACHMENTS = 30


def contract_check(*, actor: Any, contract: CollectiveContract, year: Any, checked_on: Any, kept: list[str],
                   broken: list[str], note: str = "", version: int | None = None) -> SupervisionCheck:
    """履约检查: one record a year, each coded term of the contract marked kept or not kept."""
    check_action(contract.status, Action.CHECK)
    require_manage(actor, contract, Action.CHECK)
    day = clean_day(checked_on, field="checked_on")
    not_before(day, contract.effective_on, field="checked_on", earlier_field="effective_on")
    try:
        year = int(str(year))
    except ValueError:
        year = 0
    if not (contract.start_on and contract.start_on.year <= year <= day.year):
        raise ValidationFailed(_("检查年度须在合同期限内，且不晚于检查日期。"), field="year", code="year")
    codes = set(contract.terms.values_list("variable__code", flat=True))
    kept, broken = sorted(set(kept)), sorted(set(broken))
    if (set(kept) | set(broken)) - codes or set(kept) & set(broken):
        raise ValidationFailed(_("每项条款只能标记为已履行或未履行之一，且须为本合同的条款。"), field="kept",
                               code="check_terms")
    if contract.checks.filter(year=year).exists():
        raise ValidationFailed(msg(_("%(year)s年度的履约检查已记录。"), {"year": year}), field="year",
                               code="check_twice")
    note = clean_text(note, field="note", max_length=1000)
    with transaction.atomic():
        contract_transition(actor=actor, contract=contract, action=Action.CHECK, on=day, version=version,
                            note=note, detail={"year": year, "broken": broken})
        return SupervisionCheck.objects.create(contract=contract, year=year, checked_on=day, kept=kept,
                                               broken=broken, note=note)


def contract_terminate(*, actor: Any, contract: CollectiveContract, ended_on: Any, reason: str,
                       version: int | None = None) -> CollectiveContract:
    check_action(contract.status, Action.TERMINATE)
    require_manage(actor, contract, Action.TERMINATE)
    day = clean_day(ended_on, field="ended_on")
    text = clean_text(reason, field="reason", max_length=500, required=True)
    return contract_transition(actor=actor, contract=contract, action=Action.TERMINATE, on=day, note=text,
                               version=version, changes={"end_reason": text})


def contract_attach(*, actor: Any, contract: CollectiveContract, upload: UploadedFile,
                    version: int | None = None) -> ContractAttachment:
    """Minutes, the congress resolution, credentials: PDF, images or Word, bounded in size and number."""
    check_action(contract.status, Action.ATTACH)
    require_manage(actor, contract, Action.ATTACH)
    rule = UploadRule(ATTACHMENT_TYPES, _("附件"), _("PDF、图片（JPG/PNG）或 Word 文档"), MAX_ATTACHMENT_MB)
    content_type, sha256 = check_upload(upload, rule, field="file")
    if contract.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationFailed(msg(_("每份集体合同最多上传%(n)s个附件。"), {"n": MAX_ATTACHMENTS}), field="file",
                               code="too_many")
    name = os.path.basename(upload.name or "")[:200]
    row = who(actor)
    with atomic_with_files():
        contract_transition(actor=actor, contract=contract, action=Action.ATTACH, note=name, version=version,
                            detail={"sha256": sha256, "size": upload.size})
        return create_with_file(
            ContractAttachment, upload=upload, field="file", what=_("附件"), contract=contract, name=name,
            content_type=content_type, size=upload.size or 0, sha256=sha256,
            uploaded_by_id=row.id, uploaded_by_label=row.shown)
