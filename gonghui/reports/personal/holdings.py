"""What the system holds about one person, domain by domain: the page 我的个人信息 lists it, the copy
writes one sheet per section. Rows are found by the registry record (member) and by the blind indexes
of the person's identity number and phone, so records typed in before the person was in the registry
count too. Values are masked unless `full` (the copy). The person sees everything held about them; a cadre
giving the copy at the counter sees, in each section, only the rows their grants show in that domain."""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.activities.models import SignUp
from gonghui.aid.models import AidGrant
from gonghui.assistance.models import HardshipFile
from gonghui.cases.models import Case
from gonghui.core.permissions import Perm
from gonghui.honours.record_selectors import person_honours
from gonghui.jobs.models import JobApplication
from gonghui.members.choices import MEMBER_EVENT_LABELS
from gonghui.members.cleaning import member_identity_candidates
from gonghui.members.models import JoinApplication, Member, MemberCard, Membership, MembershipEvent, Transfer
from gonghui.members.rights_models import PersonalDataRequest
from gonghui.mutualaid.models import MutualAidClaim, MutualAidEnrolment
from gonghui.orgs.scope import Scope, scope_for, scope_for_any

ROWS = 500  # per section: a person's own records; far beyond what one person has


@dataclass(frozen=True)
class Section:
    key: str
    title: Any
    columns: Sequence[Any]
    rows: list[list[Any]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.rows)

    @property
    def shown_rows(self) -> list[list[tuple[Any, str]]]:
        """Each row as (column title, text) pairs, empty cells left out: for the page, not the copy."""
        return [[(title, text) for title, value in zip(self.columns, row, strict=False) if (text := shown(value))]
                for row in self.rows]


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def _pick(full: bool, plain: Any, masked: Any) -> Any:
    return str(plain) if full else masked


def _profile(m: Member, full: bool) -> list[list[Any]]:
    pairs = [
        (_("姓名"), m.name), (_("证件类型"), m.get_id_type_display()),
        (_("证件号码"), _pick(full, m.id_number, m.id_masked)),
        (_("手机号码"), _pick(full, m.phone, m.phone_masked)), (_("性别"), m.get_gender_display()),
        (_("出生日期"), m.birth_date), (_("民族"), m.get_ethnicity_display()),
        (_("学历"), m.get_education_display()), (_("政治面貌"), m.get_political_status_display()),
        (_("户籍类型"), m.get_household_display()), (_("用工形式"), m.get_employment_form_display()),
        (_("新就业形态群体"), m.get_new_form_group_display()),
        (_("工作单位"), m.employer.name if m.employer else ""), (_("岗位/工种"), m.job),
        (_("技能等级"), m.get_skill_level_display()), (_("所获荣誉"), m.honours),
        (_("所在工会"), m.union.name if m.union else ""), (_("会籍状态"), m.get_status_display()),
    ]
    return [[str(k), v] for k, v in pairs]


# Each domain read by the permission that shows it in the console (aid grants: as the aid pages read them).
DOMAIN_VIEW: dict[str, tuple[str, ...]] = {
    "members": (Perm.MEMBER_VIEW,), "cases": (Perm.CASE_VIEW,), "hardship": (Perm.HARDSHIP_VIEW,),
    "aid": (Perm.AID_MANAGE, Perm.AID_DISBURSE, Perm.HARDSHIP_VIEW), "mutualaid": (Perm.MUTUAL_AID_MANAGE,),
    "jobs": (Perm.JOBS_VIEW,), "honours": (Perm.HONOURS_VIEW,), "activities": (Perm.ACTIVITY_VIEW,),
}


def _scopes(cadre: Any) -> dict[str, Scope]:
    if cadre is None:
        return dict.fromkeys(DOMAIN_VIEW, Scope.all())
    return {domain: scope_for(cadre, perms[0]) if len(perms) == 1 else scope_for_any(cadre, perms)
            for domain, perms in DOMAIN_VIEW.items()}


def _sections(m: Member, full: bool,
              sc: dict[str, Scope]) -> list[tuple[str, Any, Sequence[Any], Callable[[], list[list[Any]]]]]:
    by_id = Q(id_index__in=member_identity_candidates(m))
    memberships = Membership.objects.visible_to(sc["members"]).filter(member=m)
    # An event is the union's that recorded it; a transfer is seen at both ends as on the transfer pages
    # (the sender only once the worker agreed); a rights request is its union's, which decides it.
    events = MembershipEvent.objects.filter(sc["members"].q("union__path"), member=m)
    transfers = Transfer.objects.visible_to(sc["members"]).filter(member=m)
    applications = JoinApplication.objects.visible_to(sc["members"]).filter(by_id)
    enrolments = MutualAidEnrolment.objects.visible_to(sc["mutualaid"]).filter(member=m)
    jobs = JobApplication.objects.visible_to(sc["jobs"]).filter(member=m)
    signups = SignUp.objects.visible_to(sc["activities"]).filter(member=m)
    return [
        ("profile", _("会员信息"), (_("项目"), _("内容")), lambda: _profile(m, full)),
        ("memberships", _("会籍记录"), (_("工会"), _("入会日期"), _("入会方式"), _("状态"), _("终止日期"), _("说明")),
         lambda: [[r.union.name, r.join_date, r.get_channel_display(), r.get_status_display(), r.ended_on, r.end_note]
                  for r in memberships.select_related("union")[:ROWS]]),
        ("events", _("会籍变动"), (_("时间"), _("变动"), _("工会"), _("说明")),
         lambda: [[r.at, str(MEMBER_EVENT_LABELS.get(r.kind, r.kind)), r.union.name if r.union else "", r.note]
                  for r in events.select_related("union")[:ROWS]]),
        ("cards", _("会员卡"), (_("卡号"), _("发卡日期"), _("状态")),
         lambda: [[r.number, r.issued_on, r.get_status_display()] for r in MemberCard.objects.filter(member=m)[:ROWS]]),
        ("applications", _("入会申请"),
         (_("申请时间"), _("工会"), _("姓名"), _("证件号码"), _("手机号码"), _("状态"), _("原因")),
         lambda: [[r.created_at, r.union.name, r.name, _pick(full, r.id_number, r.id_masked),
                   _pick(full, r.phone, r.phone_masked), r.get_status_display(), r.reason]
                  for r in applications.select_related("union")[:ROWS]]),
        ("transfers", _("会籍接转"), (_("申请时间"), _("转出工会"), _("转入工会"), _("状态"), _("原因")),
         lambda: [[r.created_at, r.from_union.name, r.to_union.name, r.get_status_display(), r.reason]
                  for r in transfers.select_related("from_union", "to_union")[:ROWS]]),
        ("cases", _("12351诉求"),
         (_("案件编号"), _("受理时间"), _("诉求类型"), _("问题类别"), _("状态"), _("联系电话")),
         lambda: [[r.number, r.created_at, r.get_kind_display(), r.get_category_display(), r.get_status_display(),
                   _pick(full, r.caller_phone, r.caller_phone_masked)]
                  for r in cases_of(m).visible_to(sc["cases"])[:ROWS]]),
        ("hardship", _("困难职工档案"), (_("档案编号"), _("建档工会"), _("状态"), _("困难类别"), _("证件号码"),
                                         _("手机号码"), _("家庭住址"), _("摸底时间")),
         lambda: [[r.number, r.union.name, r.get_status_display(), r.get_hardship_class_display(),
                   _pick(full, r.worker_id_number, r.worker_id_masked),
                   _pick(full, r.worker_phone, r.worker_phone_masked), r.address if full else "", r.surveyed_at]
                  for r in hardship_files_of(m).visible_to(sc["hardship"]).select_related("union")[:ROWS]]),
        ("aid", _("帮扶救助发放"),
         (_("发放日期"), _("发放工会"), _("姓名"), _("现金（元）"), _("物资"), _("资金来源"), _("状态")),
         lambda: [[r.granted_on, r.union.name, r.name, r.cash, r.goods, r.get_fund_source_display(),
                   r.get_status_display()]
                  for r in aid_grants_of(m).visible_to(sc["aid"]).select_related("union")[:ROWS]]),
        ("mutualaid", _("互助保障"), (_("计划"), _("保障开始日期"), _("互助金（元）"), _("状态")),
         lambda: [[r.plan.name, r.covered_from, r.premium, r.get_status_display()]
                  for r in enrolments.select_related("plan")[:ROWS]]),
        ("claims", _("互助保障给付"),
         (_("申请时间"), _("给付类别"), _("申请金额（元）"), _("核定金额（元）"), _("状态")),
         lambda: [[r.submitted_at, r.get_kind_display(), r.amount_claimed, r.amount_approved, r.get_status_display()]
                  for r in MutualAidClaim.objects.visible_to(sc["mutualaid"]).filter(member=m)[:ROWS]]),
        ("jobs", _("求职申请"), (_("申请时间"), _("岗位"), _("技能特长"), _("状态"), _("同意提供信息时间")),
         lambda: [[r.created_at, r.posting.title, r.skills, r.get_status_display(), r.consent_at]
                  for r in jobs.select_related("posting")[:ROWS]]),
        ("honours", _("荣誉"), (_("年度"), _("荣誉"), _("决定文号"), _("状态")),
         lambda: [[r.year, r.kind.name, r.decision_number, r.get_status_display()]
                  for r in person_honours(scope=sc["honours"], member=m)[:ROWS]]),
        ("activities", _("活动报名"), (_("报名时间"), _("活动"), _("姓名"), _("手机号码"), _("状态")),
         lambda: [[r.signed_up_at, r.activity.title, r.name, _pick(full, r.phone, r.phone_masked),
                   r.get_status_display()] for r in signups.select_related("activity")[:ROWS]]),
        ("requests", _("个人信息权利申请"), (_("申请时间"), _("类型"), _("项目"), _("状态"), _("处理意见")),
         lambda: [[r.created_at, r.get_kind_display(), r.field, r.get_state_display(), r.reason]
                  for r in PersonalDataRequest.objects.visible_to(sc["members"]).filter(member=m)[:ROWS]]),
    ]


def hardship_files_of(m: Member) -> Any:
    """The person's hardship files: by the registry record or by their identity number (any index key)."""
    return HardshipFile.objects.filter(Q(member=m) | Q(worker_id_index__in=member_identity_candidates(m)))


def aid_grants_of(m: Member) -> Any:
    """Aid paid to the person: out of their hardship files, or to their identity number directly."""
    return AidGrant.objects.filter(Q(hardship_file__in=hardship_files_of(m).values("pk"))
                                   | Q(person_index__in=[f"id:{i}" for i in member_identity_candidates(m)]))


def cases_of(m: Member) -> Any:
    return Case.objects.filter(Q(member=m) | Q(caller_id_index__in=member_identity_candidates(m)))


def person_holdings(*, member: Member, full: bool = False, cadre: Any = None) -> list[Section]:
    """Every section, in a fixed order, each read with one query (empty ones included, so the page can
    say that nothing is held there). With `cadre`, each section holds only what the cadre's scope in
    that domain shows; without, everything (the person themself)."""
    return [Section(key, title, columns, rows()) for key, title, columns, rows in
            _sections(member, full, _scopes(cadre))]
