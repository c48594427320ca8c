"""Applications: a worker applies on the portal with a short profile and explicit consent (recorded
with its time; without it nothing reaches the employer); a union recommends one of its members to a
posting, which waits for the worker's own consent; the union records the outcome.

Priority from the hardship registry is asked only when the worker consents to it, and only as yes/no."""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.jobs.choices import ApplicationStatus, PostingStatus
from gonghui.jobs.models import JobApplication, JobPosting
from gonghui.jobs.priority import in_hardship_file
from gonghui.jobs.services.common import PAY_CEILING, clean_int, clean_region, clean_text, require_manage, who
from gonghui.jobs.worker_selectors import worker_member
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.models import Member
from gonghui.members.services.applications import PortalWorker
from gonghui.members.services.rights import require_person
from gonghui.orgs.scope import Scope, scope_for

NOT_A_MEMBER = _("求职登记面向在册会员：未找到与您登录手机号对应的会员信息，请联系所在工会。")


def _audit(actor: Any, application: JobApplication, action: str, detail: dict[str, Any] | None = None) -> None:
    audit_record(actor=who(actor), action=f"jobs.application.{action}", obj=application,
                 org_path=application.org_path, detail=detail or {})


def _open_posting(pk: Any) -> JobPosting:
    posting = (JobPosting.objects.filter(pk=pk, status=PostingStatus.PUBLISHED,
                                         expires_on__gte=timezone.localdate()).first()
               if str(pk).isdigit() else None)
    if posting is None:
        raise NotFound(_("该岗位不存在或已停止招聘。"), field="posting")
    return posting


def _profile(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "skills": clean_text(data.get("skills"), field="skills", max_length=200),
        "experience": clean_text(data.get("experience"), field="experience", max_length=500),
        "expected_pay": clean_int(data.get("expected_pay"), field="expected_pay", low=0, high=PAY_CEILING,
                                  required=False),
        "desired_region": clean_region(data.get("desired_region"), field="desired_region", required=False),
    }


def application_apply(*, worker: PortalWorker, posting_pk: Any, consent: bool, priority_consent: bool = False,
                      **data: Any) -> JobApplication:
    """Apply (or accept a union's recommendation) with a profile; consent is required to send it."""
    if consent is not True:
        raise ValidationFailed(_("请勾选同意将求职信息提供给用人单位，否则申请不会发出。"), field="consent",
                               code="required")
    member = worker_member(worker)
    if member is None:
        raise ValidationFailed(NOT_A_MEMBER, field="member", code="not_member")
    posting = _open_posting(posting_pk)
    profile = _profile(data)
    now = timezone.now()
    priority = False
    if priority_consent:
        # The worker's consent is the reason to read the registry, for this one person only.
        priority = in_hardship_file(scope=Scope.all(Perm.JOBS_VIEW), member=member)
    values = {**profile, "consent_at": now, "priority_consent_at": now if priority_consent else None,
              "priority": priority, "status": ApplicationStatus.APPLIED}
    with transaction.atomic():
        existing = JobApplication.objects.select_for_update().filter(posting=posting, member=member).first()
        if existing is not None:
            if existing.status != ApplicationStatus.RECOMMENDED:
                raise Conflict(_("您已申请过该岗位，可在“我的求职”查看进度。"), code="duplicate")
            JobApplication.objects.filter(pk=existing.pk).update(**values, version=F("version") + 1, updated_at=now)
            existing.refresh_from_db()
            _audit(worker.actor, existing, "accept_recommendation", {"priority": priority})
            return existing
        try:
            with transaction.atomic():
                application = JobApplication.objects.create(posting=posting, member=member,
                                                            org_path=posting.org_path, **values)
        except IntegrityError:
            raise Conflict(_("您已申请过该岗位，可在“我的求职”查看进度。"), code="duplicate") from None
        _audit(worker.actor, application, "apply", {"priority": priority})
    return application


def _worker_application(worker: PortalWorker, pk: Any) -> JobApplication:
    member = worker_member(worker)
    row = (JobApplication.objects.filter(pk=pk, member=member).select_related("posting").first()
           if member is not None and str(pk).isdigit() else None)
    if row is None:
        raise NotFound()
    return row


def application_withdraw(*, worker: PortalWorker, application_pk: Any) -> JobApplication:
    """The worker withdraws (or declines a recommendation); the employer no longer sees it."""
    application = _worker_application(worker, application_pk)
    live = (ApplicationStatus.RECOMMENDED, ApplicationStatus.APPLIED)
    with transaction.atomic():
        if not JobApplication.objects.filter(pk=application.pk, status__in=live).update(
                status=ApplicationStatus.WITHDRAWN, consent_at=None, version=F("version") + 1,
                updated_at=timezone.now()):
            raise Conflict(_("该申请当前不能撤回。"), code="bad_status")
        application.refresh_from_db()
        _audit(worker.actor, application, "withdraw")
    return application


def application_recommend(*, actor: Any, posting: JobPosting, member: Member) -> JobApplication:
    """A union puts one of its members forward; nothing reaches the employer until the worker consents."""
    require_manage(actor, posting.org_path)
    if posting.status != PostingStatus.PUBLISHED:
        raise ValidationFailed(_("只能向已发布的岗位推荐。"), field="posting", code="not_published")
    if not scope_for(actor, Perm.JOBS_MANAGE).covers(member.org_path or "\x00"):
        raise NotFound(_("未找到该会员。"), field="member")
    if member.status not in LIVE_STATUSES:
        raise ValidationFailed(_("只能推荐在册会员。"), field="member", code="not_member")
    union = getattr(actor, "org", None)
    try:
        with transaction.atomic():
            application = JobApplication.objects.create(
                posting=posting, member=member, org_path=posting.org_path, status=ApplicationStatus.RECOMMENDED,
                recommended_by=union, recommended_at=timezone.now())
            _audit(actor, application, "recommend")
    except IntegrityError:
        raise Conflict(_("该会员已申请或已被推荐到此岗位。"), code="duplicate", field="member") from None
    return application


def application_decide(*, actor: Any, application: JobApplication, intent: bool) -> JobApplication:
    """The union records what the employer answered: 达成就业意向 or not."""
    require_manage(actor, application.org_path)
    new = ApplicationStatus.INTENT if intent else ApplicationStatus.DECLINED
    with transaction.atomic():
        if not JobApplication.objects.filter(pk=application.pk, status=ApplicationStatus.APPLIED,
                                             consent_at__isnull=False).update(
                status=new, version=F("version") + 1, updated_at=timezone.now()):
            raise Conflict(_("只有已投递的申请可以登记结果。"), code="bad_status")
        application.refresh_from_db()
        _audit(actor, application, "decide", {"new": new})
    return application


def application_consent_withdraw(*, actor: Any, application: JobApplication) -> JobApplication:
    """PIPL art. 15: the worker takes back the consent the application rests on, whatever its stage.
    From this moment the employer's list no longer holds it (it shows consented rows only), the
    priority read from the hardship registry is dropped with its own consent, and a live application
    ends as withdrawn. The person on the portal, or a cadre of the member's union on their request."""
    require_person(actor, application.member)
    live = (ApplicationStatus.RECOMMENDED, ApplicationStatus.APPLIED)
    with transaction.atomic():
        row = JobApplication.objects.select_for_update().filter(pk=application.pk, consent_at__isnull=False).first()
        if row is None:
            raise Conflict(_("该申请没有需要撤回的同意。"), code="no_consent")
        status = ApplicationStatus.WITHDRAWN if row.status in live else row.status
        JobApplication.objects.filter(pk=row.pk).update(
            consent_at=None, priority_consent_at=None, priority=False, status=status,
            version=F("version") + 1, updated_at=timezone.now())
        application.refresh_from_db()
        _audit(actor, application, "consent_withdraw", {"status": status})
    return application
