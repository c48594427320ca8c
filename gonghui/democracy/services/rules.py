"""Changing the rules' numbers: they apply to the whole deployment, so only whoever manages 民主管理
at the root of the tree may change them."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import PermissionDenied, ValidationFailed, msg
from gonghui.democracy.choices import RuleCode
from gonghui.democracy.models import DemocracyRule
from gonghui.democracy.selectors import may_change_rules
from gonghui.democracy.services.common import who
from gonghui.orgs.choices import Ownership

PERCENTS = {RuleCode.MIN_DELEGATE_PERCENT, RuleCode.MAX_LEADER_PERCENT, RuleCode.PROPORTION_TOLERANCE}


def _require_root(actor: Any) -> None:
    if may_change_rules(actor):
        return
    raise PermissionDenied(_("只有在最高一级工会拥有民主管理权限的人员才能修改民主管理规则。"))


def rule_set(*, actor: Any, code: str, value: Any) -> DemocracyRule:
    _require_root(actor)
    if code not in RuleCode.values:
        raise ValidationFailed(_("规则无效。"), field="code")
    label = RuleCode(code).label
    row_values: dict[str, Any]
    if code == RuleCode.DIRECTOR_OWNERSHIPS:
        codes = [c.strip() for c in str(value).split(",") if c.strip()]
        bad = [c for c in codes if c not in Ownership.values]
        if not codes or bad:
            raise ValidationFailed(msg(_("%(rule)s须为经济类型代码，以逗号分隔。"), {"rule": label}), field="value")
        row_values = {"text": ",".join(codes)}
    else:
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValidationFailed(msg(_("%(rule)s须为数字。"), {"rule": label}), field="value") from None
        whole = number == number.to_integral()
        if number < 0 or (code in PERCENTS and number > 100) or (code not in PERCENTS and not whole):
            raise ValidationFailed(msg(_("%(rule)s的取值“%(v)s”无效。"), {"rule": label, "v": value}), field="value")
        row_values = {"value": number}
    with transaction.atomic():
        row, _created = DemocracyRule.objects.update_or_create(code=code, defaults=row_values)
        audit_record(actor=who(actor), action="democracy.rule_set", obj=row, detail={"code": code, "value": str(value)})
    return row
