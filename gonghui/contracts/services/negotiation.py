"""协商, 草案 and 审议: meetings with minutes, the draft with its negotiators, term, coverage and coded
key terms, and the congress's vote on it."""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.contracts.choices import Action, Body, Reach, ValueType
from gonghui.contracts.models import (
    CollectiveContract,
    ContractVote,
    Coverage,
    KeyTerm,
    Meeting,
    Negotiator,
    TermVariable,
)
from gonghui.contracts.services.common import clean_day, clean_text, label_of, not_before, require_manage
from gonghui.contracts.services.negotiators import NegotiatorIn, clean_negotiators, negotiator_kwargs
from gonghui.contracts.services.offer import check_employer_reach
from gonghui.contracts.services.transition import contract_transition
from gonghui.contracts.workflow import check_action, latest_end
from gonghui.core.errors import InvalidFields, ValidationFailed, msg
from gonghui.core.text import normalize_text
from gonghui.core.votes import CONTRACT_DRAFT_RULE, clean_ballot, require_passed
from gonghui.orgs.models import Employer

__all__ = ["CoverageIn", "NegotiatorIn", "clean_negotiators", "contract_draft", "contract_meet", "contract_vote"]


@dataclass(frozen=True)
class CoverageIn:
    employer: Employer
    workers_covered: Any


def contract_meet(*, actor: Any, contract: CollectiveContract, held_on: Any, minutes: str, place: str = "",
                  version: int | None = None) -> Meeting:
    day = clean_day(held_on, field="held_on")
    not_before(day, contract.answered_on, field="held_on", earlier_field="answered_on")
    minutes = clean_text(minutes, field="minutes", max_length=20000, required=True)
    place = clean_text(place, field="place", max_length=100)
    with transaction.atomic():
        contract_transition(actor=actor, contract=contract, action=Action.MEET, on=day, note=minutes[:200],
                            version=version)
        return Meeting.objects.create(contract=contract, held_on=day, place=place, minutes=minutes)


def clean_terms(values: dict[str, Any]) -> list[tuple[TermVariable, dict[str, Any]]]:
    """Key terms by codebook code; a blank value is no term. Each bad value named by its term."""
    variables = {v.code: v for v in TermVariable.objects.filter(code__in=list(values))}
    cleaned: list[tuple[TermVariable, dict[str, Any]]] = []
    errors: list[ValidationFailed] = []
    for code, raw in values.items():
        variable = variables.get(code)
        if variable is None:
            errors.append(ValidationFailed(msg(_("条款代码“%(code)s”不在条款编码表中。"), {"code": code[:40]}),
                                           field="terms", code="unknown_term"))
            continue
        text = normalize_text(raw if isinstance(raw, str) else ("" if raw is None else str(raw)))
        if text == "":
            continue
        if variable.value_type == ValueType.NUMBER:
            try:
                number = Decimal(text.replace(",", ""))
            except InvalidOperation:
                number = None
            if number is None or not number.is_finite() or number < 0 or number >= Decimal("1e10"):
                errors.append(ValidationFailed(msg(_("“%(term)s”须填写不小于0的数值。"), {"term": variable.name}),
                                               field=f"term_{code}", code="term_number"))
                continue
            cleaned.append((variable, {"number": number.quantize(Decimal("0.01"))}))
        elif variable.value_type == ValueType.YES_NO:
            yes = text in ("1", "true", "True", "是", "yes", "on")
            no = text in ("0", "false", "False", "否", "no")
            if not (yes or no):
                errors.append(ValidationFailed(msg(_("“%(term)s”须选择是或否。"), {"term": variable.name}),
                                               field=f"term_{code}", code="term_flag"))
                continue
            cleaned.append((variable, {"flag": yes}))
        else:
            cleaned.append((variable, {"text": text[:500]}))
    if errors:
        raise InvalidFields(errors)
    return cleaned


def clean_term_dates(start_on: Any, end_on: Any) -> tuple[datetime.date, datetime.date]:
    start = clean_day(start_on, field="start_on")
    end = clean_day(end_on, field="end_on")
    if end <= start:
        raise ValidationFailed(_("期限届满日须晚于期限开始日。"), field="end_on", code="dates_backwards")
    if end > latest_end(start):
        raise ValidationFailed(msg(_("集体合同期限为1至3年（三年以内），自%(start)s起最迟至%(last)s届满。"), {
            "start": start.isoformat(), "last": latest_end(start).isoformat()}), field="end_on", code="term_too_long")
    return start, end


def _clean_coverage(actor: Any, contract: CollectiveContract, rows: list[CoverageIn]) -> list[tuple[Employer, int]]:
    if contract.reach == Reach.EMPLOYER:
        assert contract.employer is not None
        own = next((r for r in rows if r.employer.pk == contract.employer_id), None)
        if len(rows) > 1 or (rows and own is None):
            raise ValidationFailed(_("单位集体合同只覆盖本单位。"), field="coverage", code="employer_reach_one")
        rows = [own or CoverageIn(contract.employer, contract.employer.employee_count)]
    elif not rows:
        raise ValidationFailed(_("请逐一列出区域性、行业性集体合同覆盖的用人单位。"), field="coverage", code="required")
    cleaned: list[tuple[Employer, int]] = []
    errors: list[ValidationFailed] = []
    seen: set[int] = set()
    for i, row in enumerate(rows, start=1):
        where = {"row": i, "employer": row.employer.name}
        try:
            check_employer_reach(actor, contract.union, row.employer, field="coverage")
        except ValidationFailed as exc:
            errors.append(ValidationFailed(msg(_("第%(row)s行：%(reason)s"), {"row": i, "reason": exc.message}),
                                           field="coverage", code=exc.code))
            continue
        if row.employer.pk in seen:
            errors.append(ValidationFailed(msg(_("第%(row)s行：“%(employer)s”重复列出。"), where), field="coverage",
                                           code="coverage_twice"))
            continue
        seen.add(row.employer.pk)
        try:
            workers = int(str(row.workers_covered).strip())
        except ValueError:
            workers = -1
        if workers < 1 or (row.employer.employee_count and workers > row.employer.employee_count):
            errors.append(ValidationFailed(msg(_("第%(row)s行：“%(employer)s”覆盖职工人数须为1至%(max)s的整数。"), {
                **where, "max": row.employer.employee_count or "…"}), field="coverage", code="coverage_workers"))
            continue
        cleaned.append((row.employer, workers))
    if errors:
        raise InvalidFields(errors)
    return cleaned


def contract_draft(*, actor: Any, contract: CollectiveContract, start_on: Any, end_on: Any, text: str,
                   negotiators: list[NegotiatorIn], terms: dict[str, Any], coverage: list[CoverageIn] | None = None,
                   title: str = "", version: int | None = None) -> CollectiveContract:
    """The draft as a whole (negotiators, term, coverage, key terms, text), replacing an earlier one."""
    check_action(contract.status, Action.DRAFT)
    require_manage(actor, contract, Action.DRAFT)
    errors: list[ValidationFailed] = []
    results: dict[str, Any] = {}
    for key, check in (("dates", lambda: clean_term_dates(start_on, end_on)),
                       ("negotiators", lambda: clean_negotiators(negotiators, employer_ids={
                           e for e in [contract.employer_id, *(c.employer.pk for c in coverage or [])] if e})),
                       ("terms", lambda: clean_terms(terms)),
                       ("coverage", lambda: _clean_coverage(actor, contract, coverage or [])),
                       ("text", lambda: clean_text(text, field="text", max_length=100000, required=True)),
                       ("title", lambda: clean_text(title, field="title", max_length=100))):
        try:
            results[key] = check()
        except InvalidFields as exc:
            errors += exc.errors
        except ValidationFailed as exc:
            errors.append(exc)
    if errors:
        raise InvalidFields(errors)
    start, end = results["dates"]
    covered: list[tuple[Employer, int]] = results["coverage"]
    changes: dict[str, Any] = {"start_on": start, "end_on": end, "text": results["text"],
                               "workers_covered": sum(w for _e, w in covered)}
    if results["title"]:
        changes["title"] = results["title"]
    with transaction.atomic():
        contract = contract_transition(actor=actor, contract=contract, action=Action.DRAFT, changes=changes,
                                       version=version, detail={"employers": len(covered)})
        contract.negotiators.all().delete()
        Negotiator.objects.bulk_create([Negotiator(contract=contract, **negotiator_kwargs(r))
                                        for r in results["negotiators"]])
        contract.terms.all().delete()
        KeyTerm.objects.bulk_create([KeyTerm(contract=contract, variable=v, **value) for v, value in results["terms"]])
        contract.coverage.all().delete()
        Coverage.objects.bulk_create([
            Coverage(contract=contract, employer=e, workers_covered=w, kind_id=contract.kind_id,
                     own=contract.reach == Reach.EMPLOYER, org_path=e.org_path) for e, w in covered])
    return contract


def contract_vote(*, actor: Any, contract: CollectiveContract, body: str, held_on: Any, entitled: Any, present: Any,
                  in_favour: Any, against: Any = 0, abstained: Any = 0, version: int | None = None) -> ContractVote:
    """审议: refused, with the numbers named, unless 三分之二以上 were present and 全体半数以上 agreed."""
    check_action(contract.status, Action.VOTE)
    require_manage(actor, contract, Action.VOTE)
    if body not in Body.values:
        raise ValidationFailed(msg(_("请选择%(field)s。"), {"field": label_of("body")}), field="body", code="choice")
    day = clean_day(held_on, field="held_on")
    ballot = clean_ballot(entitled=entitled, present=present, in_favour=in_favour, against=against,
                          abstained=abstained)
    require_passed(ballot, CONTRACT_DRAFT_RULE)
    with transaction.atomic():
        contract_transition(actor=actor, contract=contract, action=Action.VOTE, on=day, version=version,
                            detail={"entitled": ballot.entitled, "present": ballot.present,
                                    "in_favour": ballot.in_favour})
        return ContractVote.objects.create(contract=contract, body=body, held_on=day, entitled=ballot.entitled,
                                           present=ballot.present, in_favour=ballot.in_favour,
                                           against=ballot.against, abstained=ballot.abstained)
