"""Demo 劳动关系风险名单: a handful of the province's employers listed by their county's 经办, one of them
the employer of a nominee in this year's 五一劳动奖章 公示 (the one a worker objected to), so the
nomination's checks show the finding; one employer taken off again with the reason, so a history shows.
Each step at its own moment (core.clock), through the services."""

import datetime
import random
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from gonghui.core.clock import clock_at
from gonghui.honours.choices import NominationStatus
from gonghui.honours.models import HonourNomination
from gonghui.orgs import tree
from gonghui.orgs.choices import EmployerStatus, Level, RiskReason
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import subtree_q
from gonghui.orgs.services import employer_risk_list, employer_risk_remove

LISTINGS = [
    (RiskReason.WAGE_ARREARS, "职工反映近两个月工资延期发放，12351已受理相关诉求，正在督促整改。"),
    (RiskReason.SHUTDOWN, "主要订单流失，三条生产线已停产，约百名职工待岗。"),
    (RiskReason.LAYOFFS, "企业拟经济性裁员六十余人，已要求依法向工会说明情况、听取意见。"),
    (RiskReason.SOCIAL_INSURANCE, "社保费欠缴五个月，已函告企业限期补缴。"),
    (RiskReason.COLLECTIVE_DISPUTE, "部分职工因加班费计算问题集体上访，已组织劳动关系三方协商。"),
]


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=ZoneInfo(settings.TIME_ZONE))


def _county_clerk(staff: Any, employer: Employer) -> Any:
    county = TradeUnion.objects.filter(path__in=tree.ancestor_paths(employer.org_path), level=Level.COUNTY).first()
    return staff.clerk(county or employer.union)


def build_demo_risk(province: TradeUnion, *, staff: Any, seed: int = 2026) -> dict[str, int]:
    rng = random.Random(seed + 29)
    today = timezone.localdate()
    nominee = (HonourNomination.objects.filter(call__union=province, call__year=today.year,
                                               status=NominationStatus.NOTICE, employer__isnull=False)
               .select_related("employer").order_by("pk").first())
    chosen = [nominee.employer] if nominee is not None and nominee.employer is not None else []
    pool = list(Employer.objects.filter(subtree_q("org_path", province.path), status=EmployerStatus.ACTIVE)
                .exclude(pk__in=[e.pk for e in chosen]).order_by("pk")[:300])
    chosen += rng.sample(pool, min(len(pool), len(LISTINGS) + 1 - len(chosen)))
    listed = 0
    for i, employer in enumerate(chosen):
        reason, note = LISTINGS[i % len(LISTINGS)]
        day = today - datetime.timedelta(days=rng.randint(20, 150))
        clerk = _county_clerk(staff, employer)
        with clock_at(_at(day)):
            employer_risk_list(actor=clerk, employer=employer, reason=reason, note=note, listed_on=day)
        listed += 1
        if i == len(chosen) - 1:
            # The last one was put right: taken off with the reason, its spell kept as history.
            off = day + datetime.timedelta(days=rng.randint(10, 19))
            with clock_at(_at(off)):
                employer_risk_remove(actor=clerk, employer=employer, reason="企业已补缴全部欠费，经回访职工无异议。",
                                     removed_on=off)
            listed -= 1
    return {"risk_listed": listed}
