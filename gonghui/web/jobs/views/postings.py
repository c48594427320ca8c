"""招聘岗位: the list with filters, the review queue, the entry and edit form, one posting with its
timeline, its applications (masked until the worker consents) and the union's recommendation."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.jobs.choices import PostingStatus
from gonghui.jobs.selectors import (
    applicants_shown,
    application_get,
    application_list,
    member_for_recommendation,
    posting_events,
    posting_get,
    posting_list,
    review_queue,
)
from gonghui.jobs.services import (
    application_decide,
    application_recommend,
    posting_create,
    posting_edit,
    posting_review,
    posting_withdraw,
)
from gonghui.orgs.selectors import employer_get
from gonghui.web.common.forms import call_service, call_service_or_message
from gonghui.web.common.views import needs_any, not_found_as_404, paginate
from gonghui.web.jobs.forms import PostingFilterForm, PostingForm, RecommendForm, ReviewForm
from gonghui.web.jobs.views.common import (
    MANAGE,
    PERMS,
    areas,
    employers,
    manage_scope,
    may_manage,
    regions,
    view_scope,
)


@needs_any(*PERMS)
def posting_list_page(request: HttpRequest) -> HttpResponse:
    form = PostingFilterForm(request.GET or None, regions=areas(request))
    f = form.values()
    rows = posting_list(scope=view_scope(request), status=f.get("status", ""), region=f.get("region", ""),
                        pay_at_least=f.get("pay"), query=f.get("q", ""), source=f.get("source", ""))
    return render(request, "jobs/posting_list.html", {
        "form": form, "page": paginate(request, rows, 30), "may_create": not manage_scope(request).is_empty})


@needs_any(*PERMS)
def review_queue_page(request: HttpRequest) -> HttpResponse:
    rows = review_queue(scope=manage_scope(request))
    return render(request, "jobs/review_queue.html", {"page": paginate(request, rows, 30)})


@needs_any(MANAGE)
@not_found_as_404
def posting_create_page(request: HttpRequest) -> HttpResponse:
    form = PostingForm(request.POST or None, employers=employers(request), regions=regions(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        employer = employer_get(scope=manage_scope(request), pk=data.pop("employer"))
        posting = call_service(form, posting_create, actor=request.user, employer=employer, **data)
        if posting is not None:
            messages.success(request, _("岗位已发布。"))
            return redirect("web:jobs_posting", posting.pk)
    return render(request, "jobs/posting_form.html", {"form": form, "posting": None},
                  status=400 if form.errors else 200)


@needs_any(MANAGE)
@not_found_as_404
def posting_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    posting = posting_get(scope=manage_scope(request), pk=pk)
    initial = {f: getattr(posting, f) for f in ("title", "places", "pay_min", "pay_max", "address",
                                                 "requirements", "contact_name", "expires_on")}
    initial.update(region=posting.region_id)
    form = PostingForm(request.POST or None, initial=initial, employers=[], regions=regions(request), editing=True,
                       phone_masked=posting.contact_phone_masked)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        # The phone is shown masked; left blank it stays as it was.
        data["contact_phone"] = data["contact_phone"] or posting.contact_phone
        if call_service(form, posting_edit, actor=request.user, posting=posting, **data):
            messages.success(request, _("岗位已修改。"))
            return redirect("web:jobs_posting", posting.pk)
    return render(request, "jobs/posting_form.html", {"form": form, "posting": posting},
                  status=400 if form.errors else 200)


def _render_posting(request: HttpRequest, pk: int, review: ReviewForm | None = None,
                    recommend: RecommendForm | None = None) -> HttpResponse:
    posting = posting_get(scope=view_scope(request), pk=pk)
    manage = may_manage(request, posting.org_path)
    applicants = applicants_shown(application_list(scope=view_scope(request), posting=posting))
    return render(request, "jobs/posting_detail.html", {
        "posting": posting, "events": posting_events(posting=posting), "applicants": applicants,
        "may_manage": manage, "may_review": manage and posting.status == PostingStatus.PENDING,
        "may_recommend": manage and posting.status == PostingStatus.PUBLISHED,
        "review": review or ReviewForm(initial={"version": posting.version}),
        "recommend": recommend or RecommendForm(),
    }, status=400 if (review and review.errors) or (recommend and recommend.errors) else 200)


@needs_any(*PERMS)
@not_found_as_404
def posting_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_posting(request, pk)


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def posting_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    posting = posting_get(scope=manage_scope(request), pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        if call_service(form, posting_review, actor=request.user, posting=posting, approve=d["decision"] == "publish",
                        note=d["note"], version=d["version"]):
            messages.success(request, _("审核结论已保存。"))
            return redirect("web:jobs_posting", pk)
    return _render_posting(request, pk, review=form)


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def posting_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    posting = posting_get(scope=manage_scope(request), pk=pk)
    if call_service_or_message(request, posting_withdraw, actor=request.user, posting=posting):
        messages.success(request, _("岗位已下架。"))
    return redirect("web:jobs_posting", pk)


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def recommend_view(request: HttpRequest, pk: int) -> HttpResponse:
    posting = posting_get(scope=manage_scope(request), pk=pk)
    form = RecommendForm(request.POST)
    if form.is_valid():
        member = call_service(form, member_for_recommendation, scope=manage_scope(request),
                              id_number=form.cleaned_data["id_number"])
        recommended = (call_service(form, application_recommend, actor=request.user, posting=posting, member=member)
                       if member is not None else None)
        if recommended is not None:
            messages.success(request, _("已推荐，待职工本人在“我的求职”中确认并同意后才会提供给用人单位。"))
            return redirect("web:jobs_posting", pk)
    return _render_posting(request, pk, recommend=form)


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def application_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_get(scope=manage_scope(request), pk=pk)
    if call_service_or_message(request, application_decide, actor=request.user, application=application,
                               intent=request.POST.get("intent") == "1"):
        messages.success(request, _("结果已登记。"))
    return redirect("web:jobs_posting", application.posting_id)
