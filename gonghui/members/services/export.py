"""Member export to Excel (ARCHITECTURE §6: export of personal data is a permission and is logged).

Identity numbers and phones are masked, as on screen, unless the exporter asks for them in full:
then the exporter must be allowed to reveal them for every exported row and must state a reason,
as for revealing one number, and each exported person gets an access-log row with that reason.
The workbook is written in openpyxl's write-only mode straight into the caller's file, so memory
stays flat however many rows there are, through core.sheets_out: a name a worker typed on the
portal that reads like a formula goes out as text.
"""

import datetime
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.bulk_insert import bulk_insert
from gonghui.core.errors import PermissionDenied, ValidationFailed
from gonghui.core.idnumbers import IdType, mask_id, mask_phone
from gonghui.core.permissions import Perm
from gonghui.core.sheets_out import append, new_workbook
from gonghui.core.text import normalize_text
from gonghui.members.choices import (
    ETHNICITY_CHOICES,
    Education,
    EmploymentForm,
    Gender,
    Household,
    MembershipStatus,
    NewFormGroup,
    PoliticalStatus,
    SkillLevel,
)
from gonghui.members.export_selectors import member_export_rows
from gonghui.members.models import Member, PersonalDataAccess
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, require, scope_for
from gonghui.orgs.services.common import audit_actor

ACCESS_FIELD = "export"  # PersonalDataAccess.field of an exported row: its identity number and phone
ACCESS_BATCH = 2000

COLUMNS = [_("姓名"), _("性别"), _("民族"), _("证件类型"), _("证件号码"), _("出生年月"), _("手机号码"),
           _("所在工会"), _("工作单位"), _("用工形式"), _("新就业形态群体"), _("户籍类型"), _("学历"),
           _("政治面貌"), _("岗位/工种"), _("技能等级"), _("会籍状态"), _("入会日期")]


@dataclass(frozen=True)
class ExportResult:
    rows: int
    full: bool  # identity numbers and phones in full


def _may_reveal_all(actor: Any, export_scope: Scope, union: TradeUnion | None) -> bool:
    reveal = scope_for(actor, Perm.MEMBER_REVEAL)
    if union is not None:
        return reveal.covers(union.path)
    if export_scope.everything:
        return reveal.everything
    return all(reveal.covers(root) for root in export_scope.roots)


def _labels(choices: Any) -> dict[str, str]:
    # Rendered once per export in the caller's language, not once per row.
    return {value: str(label) for value, label in choices}


def _masked_query(query: str) -> str:
    """The search text goes into the audit row; an identity number or phone typed there, masked."""
    compact = query.replace(" ", "")
    if len(compact) >= 11 and compact[:-1].isdigit():
        return mask_phone(compact) if len(compact) == 11 else mask_id(compact)
    return query[:100]


def member_export(*, actor: Any, out: IO[bytes], union: TradeUnion | None = None, query: str = "",
                  status: str = "live", employment_form: str = "", new_form_group: str = "",
                  migrant: bool | None = None, full: bool = False, reason: str = "") -> ExportResult:
    """Write the members matching the list's filters as .xlsx into `out`, and audit the export.
    `full` asks for identity numbers and phones in full, which needs `reason`."""
    export_scope = scope_for(actor, Perm.MEMBER_EXPORT)
    if union is not None:
        require(actor, Perm.MEMBER_EXPORT, union.path, visible_permission=Perm.MEMBER_VIEW)
    elif export_scope.is_empty:
        raise PermissionDenied()
    reason = normalize_text(reason)[:200]
    if full:
        if not _may_reveal_all(actor, export_scope, union):
            raise PermissionDenied(_("您无权导出这些会员的完整证件号码和手机号码，可导出遮蔽的名单。"))
        if len(reason) < 2:
            raise ValidationFailed(_("导出完整证件号码和手机号码须填写理由。"), field="reason")
    with transaction.atomic():
        return _write(actor, out, export_scope, union, full, reason, query=query, status=status,
                      employment_form=employment_form, new_form_group=new_form_group, migrant=migrant)


def _write(actor: Any, out: IO[bytes], export_scope: Scope, union: TradeUnion | None, full: bool, reason: str,
           *, query: str, status: str, employment_form: str, new_form_group: str, migrant: bool | None
           ) -> ExportResult:
    # One transaction: the access-log rows and the audit row stand or fall with the export.
    who = audit_actor(actor)
    now = timezone.now()
    accessed: list[dict[str, Any]] = []

    def log_access() -> None:
        bulk_insert(PersonalDataAccess, accessed)
        accessed.clear()
    filters: dict[str, Any] = {"query": query, "union": union, "status": status, "employment_form": employment_form,
                               "new_form_group": new_form_group, "migrant": migrant}
    labels = {name: _labels(choices) for name, choices in (
        ("gender", Gender.choices), ("ethnicity", ETHNICITY_CHOICES), ("id_type", IdType.choices),
        ("employment_form", EmploymentForm.choices), ("new_form_group", NewFormGroup.choices),
        ("household", Household.choices), ("education", Education.choices),
        ("political_status", PoliticalStatus.choices), ("skill_level", SkillLevel.choices),
        ("status", MembershipStatus.choices))}

    def cells(m: Member) -> list[Any]:
        def label(name: str) -> str:
            return labels[name].get(getattr(m, name), "")

        birth = m.birth_date.strftime("%Y-%m") if m.birth_date else ""
        joined: datetime.date | None = getattr(m, "joined_on", None)
        return [m.name, label("gender"), label("ethnicity"), label("id_type"), m.id_number if full else m.id_masked,
                birth, (m.phone if full else m.phone_masked) or "", m.union.name if m.union else "",
                m.employer.name if m.employer else "", label("employment_form"), label("new_form_group"),
                label("household"), label("education"), label("political_status"), m.job, label("skill_level"),
                label("status"), joined.isoformat() if joined else ""]

    workbook = new_workbook()
    sheet = workbook.create_sheet(str(_("会员")))
    append(sheet, [str(c) for c in COLUMNS])
    rows = 0
    for member in member_export_rows(scope=export_scope, full=full, **filters):
        append(sheet, cells(member))
        rows += 1
        if full:
            accessed.append({"member_id": member.pk, "field": ACCESS_FIELD, "reason": reason, "actor_id": who.id or 0,
                             "actor_label": who.label, "org_path": member.org_path, "ip": who.ip, "at": now})
            if len(accessed) >= ACCESS_BATCH:
                log_access()
    log_access()
    workbook.save(out)
    shown = {k: v for k, v in filters.items() if v not in ("", None)}
    shown.update(query=_masked_query(query) if query else None, union=union.pk if union else None)
    detail: dict[str, Any] = {"filters": {k: v for k, v in shown.items() if v is not None}, "rows": rows,
                              "full": full}
    if full:
        detail["reason"] = reason
    audit_record(actor=who, action="member.export", object_type=Member._meta.label_lower,
                 object_label=str(_("会员名单")), org_path=union.path if union else _common_root(export_scope),
                 detail=detail)
    return ExportResult(rows=rows, full=full)


def _common_root(scope: Scope) -> str:
    return scope.roots[0] if len(scope.roots) == 1 else ""
