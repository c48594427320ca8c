"""集体合同 for a member: the contracts in force that cover their employer (its own, and the 区域性 or
行业性 ones that list it), each with its key terms in plain words, and a report that a term is not
kept, which the 12351 centre receives as a case linked to the contract."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from gonghui.contracts.services import contract_breach_report
from gonghui.contracts.worker_selectors import plain_terms, worker_contract_get, worker_contracts, worker_employers
from gonghui.core.errors import DomainError
from gonghui.members import selectors as member_selectors
from gonghui.portal.common import session
from gonghui.portal.common.forms import add_errors
from gonghui.portal.common.views import portal_errors
from gonghui.portal.contracts.forms import BreachReportForm


@session.worker_required
def my_contracts(request: HttpRequest) -> HttpResponse:
    worker = session.worker_of(request)
    rows = worker_contracts(phone=worker.phone)
    today = timezone.localdate()
    return render(request, "portal/contracts/list.html", {
        "worker": worker, "employers": worker_employers(phone=worker.phone),
        "items": [(row, plain_terms(coverage=row, today=today)) for row in rows], "today": today,
    })


@session.worker_required
@portal_errors
def my_contract(request: HttpRequest, pk: int) -> HttpResponse:
    worker = session.worker_of(request)
    row = worker_contract_get(phone=worker.phone, pk=pk)
    today = timezone.localdate()
    return render(request, "portal/contracts/detail.html", {
        "worker": worker, "row": row, "contract": row.contract, "plain": plain_terms(coverage=row, today=today),
        "days_left": (row.contract.end_on - today).days if row.contract.end_on else None,
    })


@session.worker_required
@portal_errors
def report_breach(request: HttpRequest, pk: int) -> HttpResponse:
    worker = session.worker_of(request)
    row = worker_contract_get(phone=worker.phone, pk=pk)
    plain = plain_terms(coverage=row, today=timezone.localdate())
    terms = [(t.code, t.name) for topic in plain.topics for t in topic.terms]
    mine = member_selectors.my_records(phone=worker.phone)
    initial = {"caller_name": mine.memberships[0].member.name if mine.memberships else "",
               "term": request.GET.get("term", "")}
    form = BreachReportForm(request.POST or None, terms=terms, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = contract_breach_report(worker=worker, contract_pk=pk, term_code=form.term_code(),
                                          description=data["description"], caller_name=data["caller_name"],
                                          identity_withheld=data["identity_withheld"])
        except DomainError as exc:
            add_errors(exc, form, aliases={"caller_phone": "caller_name"})
        else:
            return redirect(reverse("portal:case_detail", args=[case.number]) + "?submitted=1")
    return render(request, "portal/contracts/report.html", {
        "worker": worker, "row": row, "contract": row.contract, "form": form,
    }, status=400 if form.is_bound and form.errors else 200)
