"""A covered worker reports that a term of a contract in force is not kept: the report is filed as
a 12351 case through the case engine's portal intake (the same as 我要求助), and linked to the
contract here, in the same transaction, with an event on the contract's timeline."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.cases.choices import Category, Kind
from gonghui.cases.models import Case
from gonghui.cases.portal_centre import portal_centre
from gonghui.cases.services import case_submit
from gonghui.contracts.choices import Action
from gonghui.contracts.models import ContractCase, TermVariable
from gonghui.contracts.services.common import record_event
from gonghui.contracts.worker_selectors import worker_contract_get
from gonghui.contracts.workflow import check_action
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.text import normalize_text
from gonghui.members.services.applications import PortalWorker

# The case category a topic of the codebook is filed under; the centre may reclassify.
TOPIC_CATEGORY = {"wages": Category.WAGES, "women": Category.WOMEN, "safety": Category.SAFETY,
                  "insurance": Category.SOCIAL_INSURANCE}


def contract_breach_report(*, worker: PortalWorker, contract_pk: Any, term_code: str, description: str,
                           caller_name: str, identity_withheld: bool = False) -> Case:
    """Only a worker whose employer the contract covers, while it is in force, may report on it."""
    coverage = worker_contract_get(phone=worker.phone, pk=contract_pk)
    contract = coverage.contract
    check_action(contract.status, Action.REPORT)
    term = None
    if normalize_text(term_code):
        term = TermVariable.objects.filter(code=normalize_text(term_code),
                                           pk__in=contract.terms.values("variable_id")).select_related("topic").first()
        if term is None:
            raise ValidationFailed(_("请选择本合同中未履行的条款。"), field="term", code="unknown_term")
    union = portal_centre()
    if union is None:
        raise ValidationFailed(_("网上维权服务暂未开通，请拨打12351热线。"), code="no_centre")
    text = normalize_text(description)
    header = msg(_("反映集体合同“%(title)s”的条款未履行：%(term)s。"), {
        "title": contract.title, "term": term.name if term else _("其他条款")})
    data = {
        "kind": Kind.COMPLAINT, "category": TOPIC_CATEGORY.get(term.topic.code, Category.OTHER) if term else
        Category.OTHER, "caller_name": caller_name, "identity_withheld": identity_withheld,
        "employer_name": coverage.employer.name, "employer_credit_code": coverage.employer.credit_code,
        # An empty description stays empty, so the intake rule asks for one by name.
        "description": f"{header}\n{text}" if text else "",
    }
    with transaction.atomic():
        case = case_submit(worker=worker, union=union, data=data)
        ContractCase.objects.create(contract=contract, case=case, employer=coverage.employer, term=term)
        record_event(actor=worker.actor, contract=contract, action=Action.REPORT, note=case.number,
                     detail={"case": case.pk, "term": term.code if term else ""})
    return case
