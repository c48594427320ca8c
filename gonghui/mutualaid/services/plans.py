"""Creating and editing a plan, opening it for enrolment and closing it.

A plan belongs to the union that runs it (a county federation, a city's, a large enterprise's)
and covers that union's branch. Its benefit rules can change only while it is a draft: once
members are enrolled, their premium bought those rules.
"""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict, NotFound, ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.mutualaid.choices import PlanKind, PlanStatus
from gonghui.mutualaid.models import MutualAidPlan
from gonghui.mutualaid.services.common import clean_date, clean_money, clean_text, label_of, record_event
from gonghui.mutualaid.workflow import check_plan_transition
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require

PLAN_CONCURRENT_CHANGE = _("该互助保障计划刚刚已被他人修改，请刷新后再操作。")
RULE_FIELDS = ("kind", "year", "starts_on", "ends_on", "premium", "per_claim_limit", "yearly_limit", "waiting_days")
EDITABLE_FIELDS = ("name", *RULE_FIELDS)
MAX_WAITING_DAYS = 365


def _clean_kind(value: Any) -> str:
    text = clean_text(value, field="kind", max_length=40, required=True)
    by_label = {str(label): code for code, label in PlanKind.choices}
    if text in PlanKind.values:
        return text
    if text in by_label:
        return by_label[text]
    raise ValidationFailed(msg(_("%(field)s“%(value)s”无效。"), {"field": label_of("kind"), "value": text[:20]}),
                           field="kind", code="choice")


def _clean_int(value: Any, *, field: str, low: int, high: int) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationFailed(msg(_("%(field)s应为整数。"), {"field": label_of(field)}), field=field,
                               code="integer") from None
    if not low <= number <= high:
        raise ValidationFailed(msg(_("%(field)s应在%(low)d至%(high)d之间。"),
                                   {"field": label_of(field), "low": low, "high": high}), field=field, code="range")
    return number


def clean_plan_data(data: dict[str, Any]) -> dict[str, Any]:
    """Every field of a plan, checked; raises on the first wrong one, naming its field."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(msg(_("不能修改字段：%(f)s。"), {"f": ", ".join(sorted(unknown))}),
                               field=sorted(unknown)[0])
    clean: dict[str, Any] = {
        "name": clean_text(data.get("name"), field="name", max_length=100, required=True),
        "kind": _clean_kind(data.get("kind")),
        "year": _clean_int(data.get("year"), field="year", low=2000, high=2100),
        "starts_on": clean_date(data.get("starts_on"), field="starts_on"),
        "ends_on": clean_date(data.get("ends_on"), field="ends_on"),
        "premium": clean_money(data.get("premium"), field="premium", allow_zero=True),
        "per_claim_limit": clean_money(data.get("per_claim_limit"), field="per_claim_limit"),
        "yearly_limit": clean_money(data.get("yearly_limit"), field="yearly_limit"),
        "waiting_days": _clean_int(data.get("waiting_days", 0), field="waiting_days", low=0, high=MAX_WAITING_DAYS),
    }
    if clean["ends_on"] <= clean["starts_on"]:
        raise ValidationFailed(_("保障止期应晚于保障起期。"), field="ends_on", code="term")
    if clean["ends_on"] - clean["starts_on"] > datetime.timedelta(days=366):
        raise ValidationFailed(_("一个互助保障计划的保障期不能超过一年。"), field="ends_on", code="term")
    if clean["yearly_limit"] < clean["per_claim_limit"]:
        raise ValidationFailed(_("年度累计给付限额不能低于单次给付限额。"), field="yearly_limit", code="limits")
    return clean


def _money_detail(values: dict[str, Any]) -> dict[str, Any]:
    return {k: str(v) for k, v in values.items()}


def _name_guard() -> Any:
    return ValidationFailed(_("本工会同一年度已有同名的互助保障计划。"), field="name", code="duplicate")


@transaction.atomic
def plan_create(*, actor: Any, union: TradeUnion, data: dict[str, Any]) -> MutualAidPlan:
    require(actor, Perm.MUTUAL_AID_MANAGE, union.path)
    if not union.is_active:
        raise ValidationFailed(_("该工会已合并或撤销，不能开办互助保障计划。"), field="union", code="union_ended")
    clean = clean_plan_data(data)
    if MutualAidPlan.objects.filter(union=union, year=clean["year"], name=clean["name"]).exists():
        raise _name_guard()
    try:
        with transaction.atomic():
            plan = MutualAidPlan.objects.create(union=union, org_path=union.path, **clean)
    except IntegrityError:
        raise _name_guard() from None  # the same name, created a moment ago by someone else
    record_event(actor=actor, plan=plan, action="plan_create", new_status=plan.status,
                 detail=_money_detail(clean))
    return plan


def _compare_and_set(plan: MutualAidPlan, values: dict[str, Any]) -> MutualAidPlan:
    values = {**values, "version": F("version") + 1, "updated_at": timezone.now()}
    if not MutualAidPlan.objects.filter(pk=plan.pk, status=plan.status, version=plan.version).update(**values):
        if not MutualAidPlan.objects.filter(pk=plan.pk).exists():
            raise NotFound()
        raise Conflict(PLAN_CONCURRENT_CHANGE, code="concurrent_change")
    plan.refresh_from_db()
    return plan


@transaction.atomic
def plan_update(*, actor: Any, plan: MutualAidPlan, data: dict[str, Any], version: int | None = None
                ) -> MutualAidPlan:
    """Edit a plan. Its name may change at any time; its rules only while it is a draft."""
    require(actor, Perm.MUTUAL_AID_MANAGE, plan.org_path)
    if version is not None and version != plan.version:
        raise Conflict(PLAN_CONCURRENT_CHANGE, code="concurrent_change", field="version")
    merged = {f: getattr(plan, f) for f in EDITABLE_FIELDS} | data
    clean = clean_plan_data(merged)
    changed = {k: v for k, v in clean.items() if getattr(plan, k) != v}
    if not changed:
        return plan
    if plan.status != PlanStatus.DRAFT and set(changed) & set(RULE_FIELDS):
        raise ValidationFailed(_("计划已开始参保，保障规则（年度、期限、互助金、限额、等待期）不能再修改。"),
                               field=sorted(set(changed) & set(RULE_FIELDS))[0], code="rules_locked")
    if "name" in changed or "year" in changed:
        clash = MutualAidPlan.objects.filter(union_id=plan.union_id, year=clean["year"], name=clean["name"])
        if clash.exclude(pk=plan.pk).exists():
            raise _name_guard()
    old = {k: str(getattr(plan, k)) for k in changed}
    plan = _compare_and_set(plan, changed)
    record_event(actor=actor, plan=plan, action="plan_update",
                 detail={"changed": sorted(changed), "old": old, "new": _money_detail(changed)})
    return plan


def _plan_move(actor: Any, plan: MutualAidPlan, new_status: str, action: str,
               version: int | None) -> MutualAidPlan:
    require(actor, Perm.MUTUAL_AID_MANAGE, plan.org_path)
    if version is not None and version != plan.version:
        raise Conflict(PLAN_CONCURRENT_CHANGE, code="concurrent_change", field="version")
    check_plan_transition(plan.status, new_status)
    old = plan.status
    plan = _compare_and_set(plan, {"status": new_status})
    record_event(actor=actor, plan=plan, action=action, old_status=old, new_status=new_status)
    return plan


@transaction.atomic
def plan_open(*, actor: Any, plan: MutualAidPlan, version: int | None = None) -> MutualAidPlan:
    """Open the plan for enrolment and claims; its rules are fixed from now on."""
    return _plan_move(actor, plan, PlanStatus.OPEN, "plan_open", version)


@transaction.atomic
def plan_close(*, actor: Any, plan: MutualAidPlan, version: int | None = None) -> MutualAidPlan:
    """No more enrolments; claims for events within the term are still submitted, decided and paid."""
    return _plan_move(actor, plan, PlanStatus.CLOSED, "plan_close", version)
