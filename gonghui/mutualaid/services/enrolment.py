"""Enrolling members in a plan, in bulk, from the registry.

A union enrols all its live members, those of its whole branch, or a selection; so does an import
of an enrolment list (services.enrolment_import), through the same writer. Members already
enrolled in the plan are skipped and counted, so running the same enrolment twice is harmless. The
plan row is locked for the whole batch: two batches of one plan never race on the same member, and
the unique (plan, member) index refuses one that would anyway. One event and one audit row record
the batch, with its counts.
"""

import datetime
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.bulk_insert import bulk_insert
from gonghui.core.errors import Conflict, NotFound, ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.members.choices import LIVE_STATUSES, Gender
from gonghui.members.models import Member
from gonghui.mutualaid.choices import ClaimStatus, EnrolmentSource, EnrolmentStatus, PlanStatus
from gonghui.mutualaid.models import MutualAidClaim, MutualAidEnrolment, MutualAidPlan
from gonghui.mutualaid.services.common import clean_text, record_event
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require, scope_for, subtree_q

BATCH = 5_000
MAX_SELECTION = 10_000


class EnrolmentConflict(Conflict):
    code = "enrolment_conflict"

    @classmethod
    def default_message(cls) -> Any:
        return _("提交期间有人员已被他人参保，本次未写入任何记录；请重新提交（已参保的人员会自动跳过）。")


@dataclass(frozen=True)
class Candidate:
    member_id: int
    union_id: int
    org_path: str
    gender: str


@dataclass(frozen=True)
class EnrolmentResult:
    enrolled: int = 0
    already: int = 0  # skipped: enrolled in this plan before
    ineligible: int = 0  # skipped: a man, in a plan for women workers only
    premiums: Decimal = Decimal("0.00")


def outside_plan(plan: MutualAidPlan, union_name: str) -> ValidationFailed:
    return ValidationFailed(
        msg(_("「%(union)s」不在本计划的保障范围内：计划只覆盖「%(plan_union)s」及其下级工会的会员。"),
            {"union": union_name, "plan_union": plan.union.name}), field="union", code="outside_plan")


def check_open_for_enrolment(plan: MutualAidPlan, enrolled_on: datetime.date) -> None:
    if plan.status != PlanStatus.OPEN:
        raise ValidationFailed(msg(_("计划当前状态为“%(status)s”，不能参保。"),
                                   {"status": PlanStatus(plan.status).label}), field="plan", code="plan_not_open")
    if enrolled_on > plan.ends_on:
        raise ValidationFailed(_("参保日期已过保障止期。"), field="enrolled_on", code="after_term")


def _values(rows: Iterable[tuple[Any, ...]]) -> Iterator[Candidate]:
    for member_id, union_id, org_path, gender in rows:
        yield Candidate(member_id, union_id, org_path, gender)


def live_members_of(union: TradeUnion, *, include_branch: bool) -> Iterator[Candidate]:
    """Live members of the union (and of its branch), in key order, a page at a time: a province's
    branch never sits in memory at once, and no cursor stays open while the batch writes."""
    where = subtree_q("org_path", union.path) if include_branch else Q(org_path=union.path)
    live = Member.objects.filter(where, status__in=LIVE_STATUSES).order_by("pk")
    last = 0
    while True:
        page = list(live.filter(pk__gt=last).values_list("pk", "union_id", "org_path", "gender")[:BATCH])
        if not page:
            return
        yield from _values(page)
        last = page[-1][0]


def _chunks(items: Sequence[int]) -> Iterator[Sequence[int]]:
    size = 10_000 if connection.vendor == "postgresql" else 900  # SQLite's parameter limit in older builds
    for start in range(0, len(items), size):
        yield items[start:start + size]


def already_enrolled(plan: MutualAidPlan, member_ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for part in _chunks(member_ids):
        found.update(MutualAidEnrolment.objects.filter(plan=plan, member_id__in=part)
                     .values_list("member_id", flat=True))
    return found


def _pages(candidates: Iterable[Candidate]) -> Iterator[list[Candidate]]:
    page: list[Candidate] = []
    for candidate in candidates:
        page.append(candidate)
        if len(page) == BATCH:
            yield page
            page = []
    if page:
        yield page


def enrol_candidates(*, actor: Any, plan: MutualAidPlan, candidates: Iterable[Candidate], source: str,
                     enrolled_on: datetime.date, paid_on: datetime.date | None,
                     detail: dict[str, Any]) -> EnrolmentResult:
    """Write the enrolments of checked candidates (in the plan's subtree, live, in the actor's scope).
    The caller holds the transaction; the plan row is locked here."""
    locked = MutualAidPlan.objects.select_for_update().get(pk=plan.pk)
    check_open_for_enrolment(locked, enrolled_on)
    now = timezone.now()
    covered_from = max(plan.starts_on, enrolled_on)
    enrolled = already = ineligible = 0
    seen: set[int] = set()
    for page in _pages(candidates):
        fresh = [c for c in page if c.member_id not in seen]
        seen.update(c.member_id for c in page)
        before = already_enrolled(plan, [c.member_id for c in fresh])
        already += len(before)
        rows = []
        for c in fresh:
            if c.member_id in before:
                continue
            if plan.women_only and c.gender != Gender.FEMALE:
                ineligible += 1
                continue
            rows.append({"plan_id": plan.pk, "member_id": c.member_id, "union_id": c.union_id,
                         "org_path": c.org_path, "premium": plan.premium, "paid_on": paid_on,
                         "covered_from": covered_from, "source": str(source), "status": str(EnrolmentStatus.ACTIVE),
                         "approved_total": Decimal("0.00"), "enrolled_at": now})
        enrolled += len(bulk_insert(MutualAidEnrolment, rows))
    result = EnrolmentResult(enrolled, already, ineligible, (plan.premium * enrolled).quantize(Decimal("0.01")))
    record_event(actor=actor, plan=plan, action=f"enrol_{source}", note=str(enrolled),
                 org_path=detail.get("org_path", plan.org_path),
                 detail={**detail, "enrolled": enrolled, "already": already, "ineligible": ineligible,
                         "premiums": str(result.premiums), "covered_from": covered_from.isoformat(),
                         "paid_on": paid_on.isoformat() if paid_on else None})
    return result


def _selection(actor: Any, plan: MutualAidPlan, members: Sequence[Any]) -> list[Candidate]:
    ids = sorted({int(getattr(m, "pk", m)) for m in members})
    if not ids:
        raise ValidationFailed(_("请选择要参保的会员。"), field="members", code="required")
    if len(ids) > MAX_SELECTION:
        raise ValidationFailed(msg(_("一次最多选择%(n)d人；人数更多时请按工会整体参保或导入名单。"),
                                   {"n": MAX_SELECTION}), field="members", code="too_many")
    scope = scope_for(actor, Perm.MUTUAL_AID_MANAGE)
    rows = list(Member.objects.filter(pk__in=ids).values_list("pk", "name", "id_masked", "status", "union_id",
                                                               "org_path", "gender"))
    # Missing and out of the actor's scope answer alike, so the selection leaks nothing.
    if len(rows) != len(ids) or not all(scope.covers(r[5]) for r in rows if r[5]):
        raise NotFound()
    not_live = [f"{r[1]}（{r[2]}）" for r in rows if r[3] not in LIVE_STATUSES or not r[5]]
    if not_live:
        raise ValidationFailed(msg(_("以下人员不是在册会员，不能参保：%(names)s。"),
                                   {"names": "、".join(not_live[:10])}), field="members", code="not_member")
    outside = [f"{r[1]}（{r[2]}）" for r in rows if not r[5].startswith(plan.org_path)]
    if outside:
        raise ValidationFailed(
            msg(_("以下人员不在本计划的保障范围内（计划只覆盖「%(plan_union)s」及其下级工会的会员）：%(names)s。"),
                {"plan_union": plan.union.name, "names": "、".join(outside[:10])}),
            field="members", code="outside_plan")
    return [Candidate(r[0], r[4], r[5], r[6]) for r in rows]


def enrolment_bulk_create(*, actor: Any, plan: MutualAidPlan, union: TradeUnion | None = None,
                          include_branch: bool = True, members: Sequence[Any] | None = None,
                          enrolled_on: datetime.date | None = None, paid_on: datetime.date | None = None
                          ) -> EnrolmentResult:
    """Enrol the live members of `union` (with its branch unless `include_branch` is False), or the
    `members` selected (Member objects or ids). Premiums are the plan's, paid on `paid_on`."""
    if (union is None) == (members is None):
        raise ValidationFailed(_("请选择参保的工会或会员。"), field="union", code="required")
    enrolled_on = enrolled_on or timezone.localdate()
    if paid_on is not None and paid_on > timezone.localdate():
        raise ValidationFailed(_("缴费日期不能晚于今天。"), field="paid_on", code="future")
    check_open_for_enrolment(plan, enrolled_on)
    if union is not None:
        require(actor, Perm.MUTUAL_AID_MANAGE, union.path)
        if not union.path.startswith(plan.org_path):
            raise outside_plan(plan, union.name)
        candidates: Iterable[Candidate] = live_members_of(union, include_branch=include_branch)
        detail: dict[str, Any] = {"union": union.pk, "org_path": union.path, "branch": include_branch}
    else:
        assert members is not None
        candidates = _selection(actor, plan, members)
        detail = {"selected": len(candidates)}
    try:
        with transaction.atomic():
            return enrol_candidates(actor=actor, plan=plan, candidates=candidates, source=EnrolmentSource.REGISTRY,
                                    enrolled_on=enrolled_on, paid_on=paid_on, detail=detail)
    except IntegrityError as exc:
        raise EnrolmentConflict() from exc


@transaction.atomic
def enrolment_cancel(*, actor: Any, enrolment: MutualAidEnrolment, reason: str) -> MutualAidEnrolment:
    """退保: a member enrolled by mistake (or who asks to leave the plan) is no longer covered. Refused
    while a claim of the member is open or has been approved: that cover was used. The row stays,
    so the same member is counted as enrolled before, not enrolled again, by a later batch."""
    require(actor, Perm.MUTUAL_AID_MANAGE, enrolment.org_path)
    reason = clean_text(reason, field="reason", max_length=300, required=True)
    if enrolment.status != EnrolmentStatus.ACTIVE:
        raise ValidationFailed(_("该参保记录已退保。"), field="enrolment", code="not_active")
    # Locked first, so a claim cannot be submitted or approved between the check and the write.
    MutualAidEnrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
    if MutualAidClaim.objects.filter(enrolment=enrolment).exclude(status=ClaimStatus.REJECTED).exists():
        raise ValidationFailed(_("该会员有未办结或已给付的互助保障申请，不能退保。"), field="enrolment",
                               code="has_claims")
    if not MutualAidEnrolment.objects.filter(pk=enrolment.pk, status=EnrolmentStatus.ACTIVE).update(
            status=EnrolmentStatus.CANCELLED):
        raise Conflict(_("该参保记录刚刚已被他人修改，请刷新后再操作。"), code="concurrent_change")
    enrolment.refresh_from_db()
    record_event(actor=actor, plan=enrolment.plan, action="enrolment_cancel", old_status=EnrolmentStatus.ACTIVE,
                 new_status=EnrolmentStatus.CANCELLED, note=reason, org_path=enrolment.org_path,
                 detail={"enrolment": enrolment.pk, "member": enrolment.member_id})
    return enrolment
