"""Showing a household's sensitive data in full: a permission, a stated reason, an access-log row each time."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.models import HardshipDataAccess, HardshipDocument, HardshipFile, HouseholdMember
from gonghui.assistance.services.common import who
from gonghui.core.audit import audit_record
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.orgs.scope import require

# field → what it is; the worker's own fields sit on the file, the others on a household member. Incomes
# are personal data as much as identity numbers (Perm.HARDSHIP_REVEAL): the console masks them until revealed.
FILE_FIELDS = {"worker_id_number": _("证件号码"), "worker_phone": _("手机号码")}
HOUSEHOLD_FIELDS = {"id_number": _("证件号码"), "annual_income": _("年收入"), "health_notes": _("健康或残疾情况")}


@transaction.atomic
def hardship_reveal(*, actor: Any, file: HardshipFile, field: str, reason: str,
                    household_member: HouseholdMember | None = None) -> str:
    require(actor, Perm.HARDSHIP_REVEAL, file.org_path, visible_permission=Perm.HARDSHIP_VIEW)
    if household_member is None and field not in FILE_FIELDS:
        raise ValidationFailed(_("该字段不能查看。"), field="field", code="field")
    if household_member is not None:
        if household_member.file_id != file.pk:
            raise NotFound()
        if field not in HOUSEHOLD_FIELDS:
            raise ValidationFailed(_("该字段不能查看。"), field="field", code="field")
    reason = normalize_text(reason)
    if len(reason) < 2:
        raise ValidationFailed(_("请填写查看完整信息的理由。"), field="reason", code="required")
    actor_row = who(actor)
    HardshipDataAccess.objects.create(file=file, household_member=household_member, field=field,
                                      reason=reason[:200], actor_id=actor_row.id or 0,
                                      actor_label=actor_row.label[:150], org_path=file.org_path, ip=actor_row.ip)
    audit_record(actor=actor_row, action="hardship.reveal", obj=file, org_path=file.org_path,
                 detail={"field": field, "household_member": household_member.pk if household_member else None,
                         "reason": reason[:200]})
    return str(getattr(household_member if household_member is not None else file, field))


@transaction.atomic
def hardship_document_open(*, actor: Any, file: HardshipFile, document_pk: int) -> HardshipDocument:
    """A supporting document (a diagnosis, a disability certificate, an income proof) handed to a
    cadre who may see the file: sensitive data as much as an ID number, so each opening is logged."""
    require(actor, Perm.HARDSHIP_VIEW, file.org_path)
    document = HardshipDocument.objects.filter(file=file, pk=document_pk).first()
    if document is None:
        raise NotFound()
    actor_row = who(actor)
    HardshipDataAccess.objects.create(file=file, field="document", reason=str(_("下载证明材料"))[:200],
                                      actor_id=actor_row.id or 0, actor_label=actor_row.label[:150],
                                      org_path=file.org_path, ip=actor_row.ip)
    audit_record(actor=actor_row, action="hardship.document_open", obj=file, org_path=file.org_path,
                 detail={"document": document.pk, "kind": document.kind})
    return document
