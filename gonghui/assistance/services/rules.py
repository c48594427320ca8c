"""Adding a version of an assessment rule. Versions are never edited: a changed line or factor is a
new version, and files keep the version that classified them."""

import datetime
import re
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.models import AssessmentRule
from gonghui.assistance.rules import note_rule_write
from gonghui.assistance.services.common import clean_amount, clean_text, who
from gonghui.core.audit import audit_record
from gonghui.core.errors import Conflict, PermissionDenied, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.choices import Level
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import scope_for

_ADCODE = re.compile(r"^\d{6}$")


def may_set_rules(actor: Any) -> bool:
    """Standards are set for a city or a province: an approver at city level or above."""
    scope = scope_for(actor, Perm.HARDSHIP_APPROVE)
    if scope.everything:
        return True
    return TradeUnion.objects.filter(path__in=scope.roots, level__lte=Level.CITY).exists()


def _factor(value: Any, *, field: str) -> Decimal:
    factor = clean_amount(value, field=field, maximum=Decimal("10"))
    if factor <= 0:
        raise ValidationFailed(_("系数应大于0。"), field=field, code="factor")
    return factor


@transaction.atomic
def assessment_rule_add(*, actor: Any, adcode: str, area_name: str, min_living_monthly: Any, deep_factor: Any,
                        relative_factor: Any, accident_factor: Any, effective_from: datetime.date,
                        effective_to: datetime.date | None = None, source: str) -> AssessmentRule:
    if not may_set_rules(actor):
        raise PermissionDenied(_("困难职工认定标准须由市级或以上工会的审批人员设定。"), field="adcode")
    adcode = clean_text(adcode, field="adcode", max_length=6, required=True)
    if not _ADCODE.match(adcode):
        raise ValidationFailed(_("行政区划代码应为6位数字。"), field="adcode", code="adcode")
    area_name = clean_text(area_name, field="area_name", max_length=60, required=True)
    line = clean_amount(min_living_monthly, field="min_living_monthly", maximum=Decimal("99999"))
    if line <= 0:
        raise ValidationFailed(_("最低生活保障标准应大于0。"), field="min_living_monthly", code="amount")
    deep = _factor(deep_factor, field="deep_factor")
    relative = _factor(relative_factor, field="relative_factor")
    accident = _factor(accident_factor, field="accident_factor")
    if relative < deep:
        raise ValidationFailed(_("相对困难系数不能小于深度困难系数。"), field="relative_factor", code="factor_order")
    if effective_to is not None and effective_to < effective_from:
        raise ValidationFailed(_("失效日期不能早于生效日期。"), field="effective_to", code="period")
    source = clean_text(source, field="source", max_length=200, required=True)
    latest = (AssessmentRule.objects.select_for_update().filter(adcode=adcode)
              .order_by("-effective_from").first())
    if latest is not None and effective_from < latest.effective_from:
        raise ValidationFailed(_("新版本的生效日期不能早于该地区现行版本的生效日期。"), field="effective_from",
                               code="backdated")
    number = (AssessmentRule.objects.filter(adcode=adcode).aggregate(n=Max("version"))["n"] or 0) + 1
    actor_row = who(actor)
    try:
        with transaction.atomic():
            rule = AssessmentRule.objects.create(
                adcode=adcode, area_name=area_name, version=number, min_living_monthly=line, deep_factor=deep,
                relative_factor=relative, accident_factor=accident, effective_from=effective_from,
                effective_to=effective_to, source=source, approved_by_id=actor_row.id,
                approved_by_label=actor_row.label[:150])
    except IntegrityError:
        raise Conflict(_("该地区刚刚已新增了一个版本，请刷新后重试。"), field="adcode",
                       code="concurrent_change") from None
    note_rule_write()  # every process re-reads the standards once this commits
    audit_record(actor=actor_row, action="hardship.rule_add", obj=rule,
                 detail={"adcode": adcode, "version": number, "line": str(line), "deep": str(deep),
                         "relative": str(relative), "accident": str(accident),
                         "from": effective_from.isoformat(), "source": source})
    return rule
