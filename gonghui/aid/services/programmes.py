"""Programmes (帮扶项目), their budgets and their campaigns: the manager's work (AID_MANAGE)."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from gonghui.aid.choices import OPEN_TO_NON_MEMBERS, Cycle, FundSource, ProgrammeKind
from gonghui.aid.cleaning import clean_money, clean_text
from gonghui.aid.errors import BudgetExceeded
from gonghui.aid.models import AidCampaign, AidProgramme
from gonghui.assistance.choices import HardshipClass
from gonghui.core.audit import audit_record
from gonghui.core.errors import Conflict, ValidationFailed, msg
from gonghui.core.money import yuan
from gonghui.core.permissions import Perm
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require
from gonghui.orgs.services.common import audit_actor

MAX_BUDGET = Decimal("1000000000000")


def _choice(value: Any, choices: Any, field: str, label: Any) -> str:
    if value in choices.values:
        return str(value)
    raise ValidationFailed(msg(_("%(field)s无效。"), {"field": label}), field=field, code="choice")


def programme_create(*, actor: Any, union: TradeUnion, kind: str, name: str, fund_source: str,
                     budget: Any, standard_amount: Any = 0, standard_goods_value: Any = 0,
                     cycle: str = Cycle.YEARLY, hardship_classes: list[str] | None = None,
                     members_only: bool | None = None, once_per_household: bool | None = None) -> AidProgramme:
    require(actor, Perm.AID_MANAGE, union.path, visible_permission=Perm.HARDSHIP_VIEW)
    if not union.is_active:
        raise ValidationFailed(_("该工会已合并或撤销，不能设立帮扶项目。"), field="union")
    kind = _choice(kind, ProgrammeKind, "kind", _("项目类别"))
    classes = list(dict.fromkeys(hardship_classes or []))
    for c in classes:
        _choice(c, HardshipClass, "hardship_classes", _("困难类别"))
    # Defaults follow the campaigns' practice: 送温暖 and 夏送清凉 also reach non-members; 金秋助学
    # aids each student, so two children of one household may both be aided.
    if members_only is None:
        members_only = kind not in OPEN_TO_NON_MEMBERS
    if once_per_household is None:
        once_per_household = kind != ProgrammeKind.AUTUMN_STUDY_AID
    programme = AidProgramme.objects.create(
        kind=kind, name=clean_text(name, field="name", max_length=100, required=True), union=union,
        org_path=union.path, fund_source=_choice(fund_source, FundSource, "fund_source", _("资金来源")),
        cycle=_choice(cycle, Cycle, "cycle", _("周期")), hardship_classes=classes, members_only=members_only,
        once_per_household=once_per_household, standard_amount=clean_money(standard_amount, field="standard_amount"),
        standard_goods_value=clean_money(standard_goods_value, field="standard_goods_value"),
        budget=clean_money(budget, field="budget", maximum=MAX_BUDGET))
    audit_record(actor=audit_actor(actor), action="aid.programme.create", obj=programme, org_path=union.path,
                 detail={"kind": kind, "budget": str(programme.budget)})
    return programme


def programme_set_budget(*, actor: Any, programme: AidProgramme, budget: Any) -> AidProgramme:
    """A new budget, never below what is already committed (the check constraint agrees)."""
    require(actor, Perm.AID_MANAGE, programme.org_path, visible_permission=Perm.HARDSHIP_VIEW)
    amount = clean_money(budget, field="budget", maximum=MAX_BUDGET)
    try:
        with transaction.atomic():
            locked = AidProgramme.objects.select_for_update().get(pk=programme.pk)
            if amount < locked.committed:
                raise BudgetExceeded(msg(_("预算不能低于已承诺的%(committed)s元。"),
                                         {"committed": yuan(locked.committed)}))
            AidProgramme.objects.filter(pk=programme.pk).update(budget=amount, version=F("version") + 1)
            audit_record(actor=audit_actor(actor), action="aid.programme.budget", obj=locked,
                         org_path=locked.org_path, detail={"old": str(locked.budget), "new": str(amount)})
    except IntegrityError as exc:
        raise BudgetExceeded() from exc
    programme.refresh_from_db()
    return programme


def campaign_create(*, actor: Any, programme: AidProgramme, year: int, starts_on: datetime.date,
                    ends_on: datetime.date, name: str = "", period: str = "") -> AidCampaign:
    require(actor, Perm.AID_MANAGE, programme.org_path, visible_permission=Perm.HARDSHIP_VIEW)
    if not 2000 <= int(year) <= 2100:
        raise ValidationFailed(_("年度无效。"), field="year")
    if ends_on < starts_on:
        raise ValidationFailed(_("结束日期不能早于开始日期。"), field="ends_on")
    period = clean_text(period, field="period", max_length=20, required=programme.cycle == Cycle.CAMPAIGN)
    name = clean_text(name, field="name", max_length=100) or f"{year}年{programme.name}{period}"
    try:
        with transaction.atomic():
            campaign = AidCampaign.objects.create(programme=programme, org_path=programme.org_path, name=name,
                                                  year=year, period=period, starts_on=starts_on, ends_on=ends_on)
    except IntegrityError:
        raise Conflict(_("该项目本年度（本期）的活动已存在。"), code="campaign_exists", field="year") from None
    audit_record(actor=audit_actor(actor), action="aid.campaign.create", obj=campaign, org_path=campaign.org_path,
                 detail={"programme": programme.pk, "year": year, "period": period})
    return campaign
