"""Every write to employers (用人单位)."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import Conflict, ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.core.text import pinyin_initials
from gonghui.orgs.choices import GRASSROOTS_KINDS, Industry, Ownership
from gonghui.orgs.models import Employer, Region, TradeUnion
from gonghui.orgs.paths import follow_employer
from gonghui.orgs.scope import require
from gonghui.orgs.services.common import (
    audit_actor,
    check_credit_code_free,
    clean_credit_code,
    clean_name,
    clean_optional_text,
    credit_code_race_guard,
)

EDITABLE_FIELDS = (
    "credit_code", "name", "union", "industry", "ownership", "region", "address",
    "employee_count", "women_count", "migrant_count", "above_scale",
)
_COUNT_LABELS = {"employee_count": _("职工人数"), "women_count": _("女职工人数"), "migrant_count": _("农民工人数")}


def _count(value: Any, field: str) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValidationFailed(msg(_("%(label)s必须是整数。"), {"label": _COUNT_LABELS[field]}), field=field) from None
    if n < 0 or n > 10_000_000:
        raise ValidationFailed(msg(_("%(label)s应在0到1000万之间。"), {"label": _COUNT_LABELS[field]}), field=field)
    return n


def _clean(*, actor: Any, employer: Employer | None, data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "credit_code" in data:
        code = clean_credit_code(data["credit_code"], required=True)
        check_credit_code_free(actor=actor, code=code, model=Employer,
                               exclude_pk=employer.pk if employer else None, path_of=lambda e: e.org_path)
        out["credit_code"] = code
    if "name" in data:
        out["name"] = clean_name(data["name"])
        out["name_initials"] = pinyin_initials(out["name"])
    if "industry" in data:
        if data["industry"] not in Industry.values:
            raise ValidationFailed(_("请选择行业（国民经济行业分类门类）。"), field="industry")
        out["industry"] = data["industry"]
    if "ownership" in data:
        if data["ownership"] not in Ownership.values:
            raise ValidationFailed(_("请选择经济类型。"), field="ownership")
        out["ownership"] = data["ownership"]
    if "region" in data:
        region = data["region"]
        if region is not None and not isinstance(region, Region):
            region = Region.objects.filter(adcode=str(region)).first()
            if region is None:
                raise ValidationFailed(_("行政区划代码不存在。"), field="region")
        out["region"] = region
    if "address" in data:
        out["address"] = clean_optional_text(data["address"], field="address", max_length=200)
    for field in _COUNT_LABELS:
        if field in data:
            out[field] = _count(data[field], field)
    if "above_scale" in data:
        out["above_scale"] = bool(data["above_scale"])
    employees = out.get("employee_count", employer.employee_count if employer else 0)
    for field in ("women_count", "migrant_count"):
        part = out.get(field, getattr(employer, field) if employer else 0)
        if part > employees:
            raise ValidationFailed(
                msg(_("%(label)s不能超过职工人数。"), {"label": _COUNT_LABELS[field]}), field=field
            )
    return out


def _placement(union: TradeUnion) -> dict[str, Any]:
    if not union.is_active:
        raise ValidationFailed(_("所选工会已合并或撤销。"), field="union")
    # Under a grassroots union the employer is covered; under a federation it is still to organise.
    return {"union": union, "org_path": union.path, "unionized": union.kind in GRASSROOTS_KINDS}


@transaction.atomic
def employer_create(*, actor: Any, union: TradeUnion, credit_code: str, name: str, industry: str,
                    ownership: str, **fields: Any) -> Employer:
    require(actor, Perm.EMPLOYER_EDIT, union.path)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(msg(_("未知字段：%(f)s。"), {"f": ", ".join(sorted(unknown))}))
    cleaned = _clean(actor=actor, employer=None, data={
        "credit_code": credit_code, "name": name, "industry": industry, "ownership": ownership, **fields,
    })
    with credit_code_race_guard():
        employer = Employer.objects.create(**cleaned, **_placement(union))
    audit_record(actor=audit_actor(actor), action="employer.create", obj=employer, org_path=employer.org_path)
    return employer


@transaction.atomic
def employer_update(*, actor: Any, employer: Employer, version: int, **fields: Any) -> Employer:
    require(actor, Perm.EMPLOYER_EDIT, employer.org_path)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(msg(_("未知字段：%(f)s。"), {"f": ", ".join(sorted(unknown))}))
    new_union = fields.pop("union", None)
    cleaned = _clean(actor=actor, employer=employer, data=fields)
    if new_union is not None and new_union.pk != employer.union_id:
        # Moving an employer to another union is checked at both ends.
        require(actor, Perm.EMPLOYER_EDIT, new_union.path)
        cleaned.update(_placement(new_union))
    changed = sorted(k for k, v in cleaned.items() if getattr(employer, k) != v and k != "name_initials")
    with credit_code_race_guard():
        updated = Employer.objects.filter(pk=employer.pk, version=version).update(version=version + 1, **cleaned)
    if not updated:
        raise Conflict()
    old_path = employer.org_path
    employer.refresh_from_db()
    if employer.org_path != old_path:
        follow_employer(employer.pk, employer.org_path)
    audit_record(actor=audit_actor(actor), action="employer.update", obj=employer, org_path=employer.org_path,
                 detail={"fields": changed})
    return employer
