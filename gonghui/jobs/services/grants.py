"""Which employers a partner key may submit postings for (`JobPartner`, docs/decisions.md): granted and
revoked by a cadre managing 就业服务 over the employer, audited; a revoked grant refuses the partner's
next submission with 403."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from gonghui.jobs.models import JobPartner
from gonghui.jobs.services.common import require_manage, who
from gonghui.members.models import Partner, PartnerPurpose
from gonghui.members.services.partners import require_purpose
from gonghui.orgs.models import Employer


def _check_partner(partner: Partner, employer: Employer) -> None:
    if not partner.is_active:
        raise ValidationFailed(_("该合作方的密钥已吊销。"), field="partner", code="revoked")
    require_purpose(partner, PartnerPurpose.JOBS)
    # Partners are registered at the province root; one of another province's tree serves none of ours.
    if not employer.org_path.startswith(partner.union.path):
        raise ValidationFailed(_("该合作方不属于本单位所在的工会组织体系。"), field="partner", code="out_of_tree")


def job_partner_grant(*, actor: Any, partner: Partner, employer: Employer) -> JobPartner:
    """Let `partner` submit postings for `employer`. Granting what is already granted changes nothing."""
    require_manage(actor, employer.org_path)
    _check_partner(partner, employer)
    row = who(actor)
    with transaction.atomic():
        grant = JobPartner.objects.select_for_update().filter(partner=partner, employer=employer).first()
        if grant is not None and grant.is_active:
            return grant
        if grant is None:
            grant = JobPartner.objects.create(partner=partner, employer=employer, granted_by=row.label)
        else:
            JobPartner.objects.filter(pk=grant.pk).update(is_active=True, granted_by=row.label,
                                                          granted_at=timezone.now())
            grant.refresh_from_db()
        audit_record(actor=row, action="jobs.partner.grant", obj=grant, org_path=employer.org_path,
                     detail={"partner": partner.key_prefix, "employer": employer.pk})
    return grant


def job_partner_revoke(*, actor: Any, grant: JobPartner) -> JobPartner:
    """Stop the partner submitting for the employer; its postings already sent stay as they are."""
    require_manage(actor, grant.employer.org_path)
    row = who(actor)
    with transaction.atomic():
        if not JobPartner.objects.filter(pk=grant.pk, is_active=True).update(is_active=False):
            raise Conflict(_("该报送授权已撤销。"), code="already_revoked")
        audit_record(actor=row, action="jobs.partner.revoke", obj=grant, org_path=grant.employer.org_path,
                     detail={"partner": grant.partner.key_prefix, "employer": grant.employer_id})
    grant.refresh_from_db()
    return grant


def partner_employers(partner: Partner) -> list[Employer]:
    return [g.employer for g in JobPartner.objects.filter(partner=partner, is_active=True)
            .select_related("employer").order_by("employer__name")]


def granted_employer(partner: Partner, employer_id: Any) -> Employer:
    grant = (JobPartner.objects.filter(partner=partner, employer_id=employer_id).select_related("employer").first()
             if str(employer_id).isdigit() else None)
    if grant is None or not partner.is_active:
        # An employer the partner was never granted reads as a missing one: it learns nothing of it.
        raise NotFound(_("未找到该用人单位，或贵单位未获准为其报送岗位。"), field="employer")
    if not grant.is_active:
        raise PermissionDenied(_("贵单位为该用人单位报送岗位的授权已被撤销，请联系所属工会。"), field="employer",
                               code="grant_revoked")
    return grant.employer
