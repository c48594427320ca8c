"""删除 (PIPL art. 47): a person's erasure request, decided by a cadre of the member's union.

Erasure is due when the purpose is achieved or consent withdrawn, unless a law or regulation requires
keeping the data (art. 47, second paragraph: then only storage and protection go on). Kept by rule
here: membership records (the union's member archive), hardship files with the aid paid out of them,
aid grants and mutual-aid records (accounting archives), and 12351 cases (the case archive). A person
with any of these is refused with the reason shown; anyone else is anonymised in place, in one
transaction: the rows stay (counts, foreign keys and the audit chain hold), nothing names the person."""

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.sms_models import SmsCode
from gonghui.activities.models import SignUp
from gonghui.aid.models import AidGrant
from gonghui.core.audit import audit_record
from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.jobs.models import JobApplication
from gonghui.members.cleaning import member_identity_candidates
from gonghui.members.models import JoinApplication, Member, Membership
from gonghui.members.rights_models import PersonalDataRequest, RightKind, RightState
from gonghui.members.services.common import who
from gonghui.members.services.rights import data_request_close, data_request_lock_pending
from gonghui.mutualaid.models import MutualAidEnrolment
from gonghui.orgs.scope import require
from gonghui.reports.personal.holdings import cases_of, hardship_files_of

ERASED_NAME = "已注销"
RETAINED = {
    "membership": _("会籍记录属于工会会员档案，须按工会档案管理规定长期保存。"),
    "hardship": _("困难职工档案及其帮扶记录须按帮扶资金管理和审计要求保存。"),
    "aid": _("帮扶救助发放记录属于会计档案，须按《会计档案管理办法》规定的期限保存。"),
    "mutualaid": _("互助保障参保和给付记录属于会计档案，须按《会计档案管理办法》规定的期限保存。"),
    "cases": _("12351诉求记录须按诉求办理档案的规定保存。"),
}


def retention_reasons(member: Member) -> list[Any]:
    """Why this person's data must be kept (PIPL art. 47 para. 2), in the words shown to them."""
    indexes = member_identity_candidates(member)
    checks = {
        "membership": Membership.objects.filter(member=member),
        "hardship": hardship_files_of(member),
        "aid": AidGrant.objects.filter(person_index__in=[f"id:{i}" for i in indexes]),
        "mutualaid": MutualAidEnrolment.objects.filter(Q(member=member) | Q(claims__member=member)),
        "cases": cases_of(member),
    }
    return [RETAINED[key] for key, rows in checks.items() if rows.exists()]


def _anonymise(member: Member) -> dict[str, int]:
    """Every personal field of the person, and of the rows that copy them, replaced or cleared; the
    blind indexes go too, so the person can no longer be found by ID number or phone."""
    # Read before the record is cleared: the plaintext gives the indexes under every key.
    indexes, phones = member_identity_candidates(member), (blind_index_candidates(member.phone) if member.phone else [])
    Member.objects.filter(pk=member.pk).update(
        name=ERASED_NAME, name_initials="", id_number="", id_index=f"erased:{member.pk}", id_masked="",
        phone="", phone_index="", phone_masked="", birth_date=None, gender="", job="", honours="",
        education="", political_status="", ethnicity="", household="", new_form_group="", employer=None,
        version=member.version + 1)
    counts = {
        "applications": JoinApplication.objects.filter(Q(member=member) | Q(id_index__in=indexes)).update(
            name=ERASED_NAME, id_number="", id_index="", id_masked="", phone="", phone_index="", phone_masked="",
            details={}),
        "jobs": JobApplication.objects.filter(member=member).update(
            skills="", experience="", expected_pay=None, consent_at=None, priority_consent_at=None, priority=False),
        "signups": SignUp.objects.filter(member=member).update(name=ERASED_NAME, phone="", phone_index="",
                                                                phone_masked=""),
        "requests": PersonalDataRequest.objects.filter(member=member).update(new_value="", new_value_shown=""),
    }
    if phones:
        counts["sms_codes"] = SmsCode.objects.filter(phone_index__in=phones).delete()[0]
    return counts


@transaction.atomic
def erasure_decide(*, actor: Any, request: PersonalDataRequest, accept: bool, reason: str = "") -> PersonalDataRequest:
    """Accept (anonymise now) or refuse with a reason. Accepting is refused with the legal reason while
    any record the law keeps exists; the cadre then refuses with it (the page offers it)."""
    require(actor, Perm.MEMBER_EDIT, request.org_path, visible_permission=Perm.MEMBER_VIEW)
    if request.kind != RightKind.ERASE:
        raise ValidationFailed(_("该申请不是删除申请。"), field="kind")
    data_request_lock_pending(request)  # before anything is erased: a request decided meanwhile erases nothing
    member = Member.objects.select_for_update().get(pk=request.member_id)
    if not accept:
        data_request_close(actor=actor, request=request, state=RightState.REFUSED, reason=reason)
        return request
    kept = retention_reasons(member)
    if kept:
        raise ValidationFailed(" ".join(str(k) for k in kept), field="reason", code="retained_by_law")
    counts = _anonymise(member)
    data_request_close(actor=actor, request=request, state=RightState.ACCEPTED,
                       reason=reason or str(_("已删除（匿名化处理）。")))
    audit_record(actor=who(actor), action="member.anonymise", obj=member, object_label=ERASED_NAME,
                 org_path=request.org_path, detail={"request": request.pk, **counts})
    return request
