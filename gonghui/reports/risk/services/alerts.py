"""Answering an alert, and putting an employer on the 劳动关系风险名单 from the radar: the listing is
the orgs service's (its checks, its lock, its audit row); the radar only closes its own alert."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from gonghui.core.audit import audit_record
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.orgs.choices import RiskReason
from gonghui.orgs.models import Employer, EmployerRiskListing
from gonghui.orgs.scope import require
from gonghui.orgs.services import employer_risk_list
from gonghui.orgs.services.common import audit_actor, person_label
from gonghui.reports.risk.choices import AlertStatus, Component
from gonghui.reports.risk.rules import current_rules
from gonghui.reports.risk.scoring import explain
from gonghui.reports.risk_models import RiskAlert

REASON_MAX = 500
CLOSINGS = (AlertStatus.ACKNOWLEDGED, AlertStatus.DISMISSED)


def suggested_listing(components: dict[str, Any]) -> tuple[str, str]:
    """(reason, note) for the listing form, from the components that scored: unpaid wages when any
    case was about them, else 其他 with the sentences that explain the score. The note is stored,
    so it is written in the deployment's language, not the cadre's."""
    cases = components.get(Component.CASES) or {}
    reason = RiskReason.WAGE_ARREARS if int(cases.get("wages", 0)) else RiskReason.OTHER
    months = current_rules().window_months
    with override(settings.LANGUAGE_CODE):
        lines = [explain(code, comp, months=months) for code, _label in Component.choices
                 if (comp := components.get(code)) and int(comp.get("points", 0))]
    return reason, "".join(lines)[:REASON_MAX]


def _alert_for_update(alert: RiskAlert) -> RiskAlert:
    return RiskAlert.objects.select_for_update().get(pk=alert.pk)


@transaction.atomic
def alert_close(*, actor: Any, alert: RiskAlert, status: str, reason: str) -> RiskAlert:
    """Acknowledge an open alert (the union follows it up) or dismiss it (not a risk), saying why."""
    require(actor, Perm.EMPLOYER_EDIT, alert.org_path)
    if status not in CLOSINGS:
        raise ValidationFailed(_("请选择处理方式。"), field="status")
    text = normalize_text(reason)
    if not text:
        raise ValidationFailed(_("请填写处理说明。"), field="reason")
    if len(text) > REASON_MAX:
        raise ValidationFailed(msg(_("处理说明不能超过%(n)d个字。"), {"n": REASON_MAX}), field="reason")
    alert = _alert_for_update(alert)
    if alert.status != AlertStatus.OPEN:
        raise ValidationFailed(msg(_("该预警已处理（%(status)s），不能再次处理。"), {
            "status": alert.get_status_display()}), field="status", code="closed")
    alert.status, alert.reason, alert.handled_at = status, text, timezone.now()
    alert.handled_by = None if getattr(actor, "is_system_actor", False) else actor
    alert.handled_by_name = person_label(actor)[:120]
    alert.save(update_fields=["status", "reason", "handled_at", "handled_by", "handled_by_name"])
    audit_record(actor=audit_actor(actor), action=f"risk.alert_{status}", obj=alert, org_path=alert.org_path,
                 detail={"employer": alert.employer_id, "score": alert.score})
    return alert


@transaction.atomic
def risk_list_employer(*, actor: Any, employer: Employer, reason: str, note: str = "",
                       alert: RiskAlert | None = None) -> EmployerRiskListing:
    """Put `employer` on the 劳动关系风险名单 (orgs.services.employer_risk_list, which checks the cadre
    and refuses a second listing) and close its open alert as listed."""
    if alert is not None and alert.employer_id != employer.pk:
        raise ValidationFailed(_("预警与用人单位不符。"), field="alert")
    listing = employer_risk_list(actor=actor, employer=employer, reason=reason, note=note)
    open_alert = RiskAlert.objects.select_for_update().filter(employer=employer, status=AlertStatus.OPEN).first()
    if open_alert is not None:
        open_alert.status, open_alert.listing, open_alert.handled_at = AlertStatus.LISTED, listing, timezone.now()
        open_alert.handled_by = None if getattr(actor, "is_system_actor", False) else actor
        open_alert.handled_by_name = person_label(actor)[:120]
        open_alert.save(update_fields=["status", "listing", "handled_at", "handled_by", "handled_by_name"])
        audit_record(actor=audit_actor(actor), action="risk.alert_listed", obj=open_alert,
                     org_path=open_alert.org_path, detail={"employer": employer.pk, "listing": listing.pk})
    return listing

