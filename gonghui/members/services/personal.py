"""Showing personal data in full: a permission, a stated reason, and an access-log row each time."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import Actor, audit_record
from gonghui.core.errors import ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.members.models import Member, PersonalDataAccess
from gonghui.members.services.common import who
from gonghui.orgs.scope import require

REVEALABLE = {"id_number": _("证件号码"), "phone": _("手机号码")}


def access_log(*, actor: Any, member: Member, field: str, reason: str) -> Actor:
    """The access-log row of a full view of the member's personal data (a field revealed, a copy given);
    the caller has checked who may, and holds the transaction. Returns who, for the audit row."""
    done_by = who(actor)
    PersonalDataAccess.objects.create(member=member, field=field, reason=reason[:200], actor_id=done_by.id or 0,
                                      actor_label=done_by.label, org_path=member.org_path, ip=done_by.ip)
    return done_by


@transaction.atomic
def member_reveal(*, actor: Any, member: Member, field: str, reason: str) -> str:
    require(actor, Perm.MEMBER_REVEAL, member.org_path, visible_permission=Perm.MEMBER_VIEW)
    if field not in REVEALABLE:
        raise ValidationFailed(_("该字段不能查看。"), field="field")
    reason = normalize_text(reason)
    if len(reason) < 2:
        raise ValidationFailed(_("请填写查看完整信息的理由。"), field="reason")
    done_by = access_log(actor=actor, member=member, field=field, reason=reason)
    audit_record(actor=done_by, action="member.reveal", obj=member, org_path=member.org_path,
                 detail={"field": field, "reason": reason[:200]})
    return str(getattr(member, field))
