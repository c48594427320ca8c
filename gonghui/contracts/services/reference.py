"""Reference data an administrator keeps: contract kinds beyond the four seeded ones, and the local
minimum wages (with the notice each comes from) the agreed lowest wage is compared against."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from gonghui.contracts.models import ContractKind, MinimumWage
from gonghui.contracts.selectors import may_add_kinds
from gonghui.contracts.services.common import clean_day, clean_text, who
from gonghui.core.audit import audit_record
from gonghui.core.errors import PermissionDenied, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.models import Region, TradeUnion
from gonghui.orgs.scope import scope_for


def _require_kinds_keeper(actor: Any) -> None:
    """Kinds are the deployment's: only whoever manages contracts over every root union changes them."""
    if not may_add_kinds(scope=scope_for(actor, Perm.CONTRACT_MANAGE)):
        raise PermissionDenied(_("只有在最高一级工会拥有集体合同管理权限的人员才能修改合同种类。"))


def contract_kind_add(*, actor: Any, name: str, code: str = "", is_wage: bool = False) -> ContractKind:
    _require_kinds_keeper(actor)
    name = clean_text(name, field="name", max_length=40, required=True)
    code = slugify(code or "") or f"kind-{ContractKind.objects.count() + 1}"
    if ContractKind.objects.filter(name=name).exists() or ContractKind.objects.filter(code=code).exists():
        raise ValidationFailed(_("已有同名（或同代码）的合同种类。"), field="name", code="kind_exists")
    with transaction.atomic():
        kind = ContractKind.objects.create(name=name, code=code, is_wage=bool(is_wage))
        audit_record(actor=who(actor), action="contract.kind_add", obj=kind, org_path="")
    return kind


def contract_kind_set_active(*, actor: Any, kind: ContractKind, active: bool) -> ContractKind:
    """A deactivated kind is no longer offered for new contracts; the contracts that already carry it
    keep it (it stays in their figures and pages), so a kind is never deleted."""
    _require_kinds_keeper(actor)
    with transaction.atomic():
        locked = ContractKind.objects.select_for_update().get(pk=kind.pk)
        if locked.is_active == bool(active):
            raise ValidationFailed(_("该合同种类已启用。") if active else _("该合同种类已停用。"),
                                   field="kind", code="kind_unchanged")
        locked.is_active = bool(active)
        locked.save(update_fields=["is_active"])
        audit_record(actor=who(actor), action="contract.kind_reactivate" if active else "contract.kind_deactivate",
                     obj=locked, org_path="")
    return locked


def _region_chain(region: Region) -> list[str]:
    codes: list[str] = []
    node: Region | None = region
    while node is not None:
        codes.append(node.adcode)
        node = node.parent
    return codes


def minimum_wage_set(*, actor: Any, region: Region, monthly: Any, effective_from: Any, source: str,
                     hourly: Any = None) -> MinimumWage:
    """A standard for a region, by whoever manages contracts for a union of that region or above."""
    scope = scope_for(actor, Perm.CONTRACT_MANAGE)
    unions = TradeUnion.objects.visible_to(scope).filter(region_id__in=_region_chain(region))
    if not scope.everything and not unions.exists():
        raise ValidationFailed(_("只能维护本级工会所在行政区划及其下级的最低工资标准。"), field="region",
                               code="region_out_of_scope")
    try:
        amount = Decimal(str(monthly).strip())
    except InvalidOperation:
        amount = Decimal(0)
    if not amount.is_finite() or not Decimal(0) < amount < Decimal(100000):
        raise ValidationFailed(_("月最低工资标准须为大于0的金额。"), field="monthly", code="amount")
    hour = None
    if hourly not in (None, ""):
        try:
            hour = Decimal(str(hourly).strip())
        except InvalidOperation:
            hour = Decimal(-1)
        if not hour.is_finite() or not Decimal(0) < hour < Decimal(1000):
            raise ValidationFailed(_("小时最低工资标准须为大于0的金额。"), field="hourly", code="amount")
    day: datetime.date = clean_day(effective_from, field="effective_from")
    text = clean_text(source, field="source", max_length=200, required=True)
    with transaction.atomic():
        row, _created = MinimumWage.objects.update_or_create(
            region=region, effective_from=day, defaults={"monthly": amount.quantize(Decimal("0.01")),
                                                         "hourly": hour, "source": text})
        audit_record(actor=who(actor), action="contract.minimum_wage_set", obj=row,
                     detail={"region": region.adcode, "monthly": str(amount)})
    return row
