"""求职 on the portal: published postings open to anyone (area, pay, keyword), one posting, applying
with a short profile and explicit consent (members signed in only), and 我的求职 with withdrawing."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gonghui.core.errors import DomainError, NotFound
from gonghui.jobs.models import JobPosting
from gonghui.jobs.selectors import area_options, region_options
from gonghui.jobs.services import application_apply, application_withdraw
from gonghui.jobs.worker_selectors import (
    my_application_of,
    my_applications,
    open_posting_get,
    open_postings,
    worker_member,
)
from gonghui.portal.common import session
from gonghui.portal.common.forms import add_errors
from gonghui.portal.jobs.forms import ApplyForm, SearchForm

PER_PAGE = 20
SICHUAN = "510000"


def _posting(pk: int) -> JobPosting:
    try:
        return open_posting_get(pk=pk)
    except NotFound:
        raise Http404() from None


def posting_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None, areas=area_options(province_of=SICHUAN))
    f = form.values()
    rows = open_postings(region=f.get("area") or "", pay_at_least=f.get("pay"), query=f.get("q") or "")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/jobs/list.html", {"form": form, "page": page,
                                                     "worker": session.current_worker(request)})


def posting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    posting = _posting(pk)
    worker = session.current_worker(request)
    mine = my_application_of(worker=worker, posting=posting) if worker is not None else None
    return render(request, "portal/jobs/detail.html", {"posting": posting, "worker": worker, "mine": mine})


@session.worker_required
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    posting = _posting(pk)
    worker = session.worker_of(request)
    member = worker_member(worker)
    form = ApplyForm(request.POST or None, regions=region_options(province_of=SICHUAN))
    if request.method == "POST" and member is not None and form.is_valid():
        try:
            application_apply(worker=worker, posting_pk=posting.pk, **form.cleaned_data)
        except DomainError as exc:
            add_errors(exc, form)
        else:
            return redirect(reverse("portal:jobs_mine") + "?applied=1")
    return render(request, "portal/jobs/apply.html", {"posting": posting, "worker": worker, "member": member,
                                                      "form": form},
                  status=400 if form.is_bound and form.errors else 200)


@session.worker_required
def mine(request: HttpRequest) -> HttpResponse:
    worker = session.worker_of(request)
    return render(request, "portal/jobs/mine.html", {
        "worker": worker, "applications": list(my_applications(worker=worker)[:50]),
        "applied": request.GET.get("applied") == "1"})


@session.worker_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        application_withdraw(worker=session.worker_of(request), application_pk=pk)
    except NotFound:
        raise Http404() from None
    except DomainError:
        pass  # already withdrawn or decided: the list shows where it stands
    return redirect("portal:jobs_mine")
