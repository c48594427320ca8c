"""Changing the radar's rules: they weigh every employer of the deployment, so only a cadre who
manages employers at the root of the tree may change them. Every bad number is named at once."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import InvalidFields, PermissionDenied, ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import covers_all_roots, scope_for
from gonghui.orgs.services.common import audit_actor
from gonghui.reports.risk.choices import RuleCode
from gonghui.reports.risk.rules import BOUNDS, DEFAULTS, Rules, current_rules
from gonghui.reports.risk_models import RiskRule


def may_change_risk_rules(user: Any) -> bool:
    return covers_all_roots(scope_for(user, Perm.EMPLOYER_EDIT))


def _number(code: str, raw: Any) -> int:
    label = RuleCode(code).label
    text = str(raw if raw is not None else "").strip()
    low, high = BOUNDS[code]
    if not text.isdigit() or not low <= int(text) <= high:
        raise ValidationFailed(msg(_("%(rule)s须为%(low)d到%(high)d之间的整数，现为“%(v)s”。"), {
            "rule": label, "low": low, "high": high, "v": text[:20]}), field=code, code="range")
    return int(text)


@transaction.atomic
def risk_rules_set(*, actor: Any, values: dict[str, Any]) -> Rules:
    """Set the rules named in `values` (code → number); the others keep their value. Nothing changes
    unless every number is good."""
    if not may_change_risk_rules(actor):
        raise PermissionDenied(_("只有在最高一级工会拥有用人单位管理权限的人员才能修改风险预警规则。"))
    unknown = sorted(set(values) - set(DEFAULTS))
    errors: list[ValidationFailed] = [ValidationFailed(_("没有这项规则。"), field=str(code)) for code in unknown]
    clean: dict[str, int] = {}
    for code, raw in values.items():
        if code in DEFAULTS:
            try:
                clean[code] = _number(code, raw)
            except ValidationFailed as exc:
                errors.append(exc)
    if errors:
        raise InvalidFields(errors)
    before = current_rules()
    changed = {code: v for code, v in clean.items() if before[code] != v}
    now = timezone.now()
    for code, value in changed.items():
        RiskRule.objects.update_or_create(code=code, defaults={"value": value, "updated_at": now})
    if changed:
        audit_record(actor=audit_actor(actor), action="risk.rules_set", object_type="reports.riskrule",
                     detail={code: {"from": before[code], "to": v} for code, v in changed.items()})
    return current_rules()
