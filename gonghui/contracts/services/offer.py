"""要约 and its answer: a written offer to negotiate by either side, answered in writing within 20 days
of receipt (《集体合同规定》第三十二条)."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.contracts.choices import OPEN_STATUSES, Action, Reach, Side, Status
from gonghui.contracts.deadlines import period_end
from gonghui.contracts.models import CollectiveContract, ContractKind, Coverage
from gonghui.contracts.services.common import (
    clean_day,
    clean_text,
    label_of,
    not_before,
    record_event,
    require_manage,
)
from gonghui.contracts.services.transition import contract_transition
from gonghui.contracts.standing import check_offer
from gonghui.contracts.workflow import ANSWER_DAYS, check_action, renewal_opens
from gonghui.core.errors import InvalidFields, ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import scope_for


def _choice(value: Any, choices: Any, *, field: str) -> str:
    if value in choices.values:
        return str(value)
    raise ValidationFailed(msg(_("请选择%(field)s。"), {"field": label_of(field)}), field=field, code="choice")


def check_employer_reach(actor: Any, union: TradeUnion, employer: Employer, *, field: str = "employer") -> None:
    """A covered employer lies in the actor's scope and under the union side: refused by name otherwise,
    saying no more about an employer out of scope than that it cannot be found."""
    scope = scope_for(actor, Perm.CONTRACT_MANAGE)
    if not scope.covers(employer.org_path):
        raise ValidationFailed(_("找不到该用人单位，或不在您的管辖范围内。"), field=field, code="employer_out_of_scope")
    if not employer.org_path.startswith(union.path):
        raise ValidationFailed(msg(_("用人单位“%(employer)s”不在%(union)s的范围内。"), {
            "employer": employer.name, "union": union.name}), field=field, code="employer_outside_union")


def contract_offer(*, actor: Any, union: TradeUnion, kind: ContractKind, reach: str, offered_by: str,
                   received_on: Any, employer: Employer | None = None, employer_side: str = "",
                   title: str = "", offer_text: str = "", renewed_from: CollectiveContract | None = None
                   ) -> CollectiveContract:
    check_offer(actor, union)
    errors: list[ValidationFailed] = []
    values: dict[str, Any] = {}
    for field, check in (
            ("reach", lambda: _choice(reach, Reach, field="reach")),
            ("offered_by", lambda: _choice(offered_by, Side, field="offered_by")),
            ("received_on", lambda: clean_day(received_on, field="received_on")),
            ("offer_text", lambda: clean_text(offer_text, field="offer_text", max_length=5000)),
            ("title", lambda: clean_text(title, field="title", max_length=100)),
            ("employer_side", lambda: clean_text(employer_side, field="employer_side", max_length=100))):
        try:
            values[field] = check()
        except ValidationFailed as exc:
            errors.append(exc)
    if not kind.is_active:
        errors.append(ValidationFailed(_("该合同种类已停用。"), field="kind", code="kind_inactive"))
    if not union.is_active:
        errors.append(ValidationFailed(_("该工会已合并或撤销。"), field="union", code="union_ended"))
    reach = values.get("reach", "")
    if reach == Reach.EMPLOYER:
        if employer is None:
            errors.append(ValidationFailed(_("单位集体合同须选择用人单位。"), field="employer", code="required"))
        else:
            try:
                check_employer_reach(actor, union, employer)
            except ValidationFailed as exc:
                errors.append(exc)
    elif reach and employer is not None:
        errors.append(ValidationFailed(_("区域性、行业性集体合同不选单个用人单位，覆盖单位在草案中逐一列出。"),
                                       field="employer", code="employer_not_for_reach"))
    if reach and reach != Reach.EMPLOYER and not values.get("employer_side"):
        errors.append(ValidationFailed(_("请填写用人单位方（企业代表组织）。"), field="employer_side", code="required"))
    if errors:
        raise InvalidFields(errors)
    received = values["received_on"]
    due = period_end(org_path=union.path, start=received, days=ANSWER_DAYS)
    title = values["title"] or str(msg(_("%(party)s%(kind)s集体合同"), {
        "party": employer.name if employer else union.name, "kind": kind.name}))
    with transaction.atomic():
        contract = CollectiveContract.objects.create(
            title=title, kind=kind, reach=reach, union=union, org_path=union.path, employer=employer,
            employer_side=values["employer_side"] or (employer.name if employer else ""),
            offered_by=values["offered_by"], offer_text=values["offer_text"], offer_received_on=received,
            answer_due=due.day, needs_review=due.needs_review, renewed_from=renewed_from)
        if employer is not None:
            Coverage.objects.create(contract=contract, employer=employer, workers_covered=employer.employee_count,
                                    kind=kind, own=True, org_path=employer.org_path)
            contract.workers_covered = employer.employee_count
            contract.save(update_fields=["workers_covered"])
        record_event(actor=actor, contract=contract, action=Action.OFFER, new_status=Status.OFFERED,
                     note=values["offer_text"][:200],
                     detail={"renewed_from": renewed_from.pk if renewed_from else None})
    return contract


def contract_answer(*, actor: Any, contract: CollectiveContract, answered_on: Any, note: str = "",
                    version: int | None = None) -> CollectiveContract:
    day = clean_day(answered_on, field="answered_on")
    not_before(day, contract.offer_received_on, field="answered_on", earlier_field="received_on")
    note = clean_text(note, field="note", max_length=1000)
    return contract_transition(actor=actor, contract=contract, action=Action.ANSWER, on=day, note=note,
                               version=version, detail={"late": day > contract.answer_due})


def contract_renew(*, actor: Any, contract: CollectiveContract, received_on: Any, offered_by: str = Side.UNION,
                   offer_text: str = "", today: datetime.date | None = None) -> CollectiveContract:
    """续签: a new offer linked to the old contract, from three months before its end."""
    check_action(contract.status, Action.RENEW)
    require_manage(actor, contract, Action.RENEW)
    today = today or timezone.localdate()
    if contract.end_on and today < renewal_opens(contract.end_on):
        raise ValidationFailed(msg(_("合同期满前三个月内（%(day)s起）方可提出续签。"), {
            "day": renewal_opens(contract.end_on).isoformat()}), field="received_on", code="renewal_too_early")
    if contract.renewals.filter(status__in=OPEN_STATUSES).exists():
        raise ValidationFailed(_("该合同已有进行中的续签。"), field="received_on", code="renewal_open")
    with transaction.atomic():
        new = contract_offer(actor=actor, union=contract.union, kind=contract.kind, reach=contract.reach,
                             offered_by=offered_by, received_on=received_on, employer=contract.employer,
                             employer_side=contract.employer_side, offer_text=offer_text, renewed_from=contract)
        contract_transition(actor=actor, contract=contract, action=Action.RENEW, detail={"successor": new.pk})
    return new
