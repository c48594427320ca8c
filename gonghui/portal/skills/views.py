"""职工创新 for a worker: their own suggestions (status, benefit, rewards), their competition results and
师带徒 agreements, and the form to submit a 合理化建议 or 五小 as themself."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from gonghui.core.errors import DomainError
from gonghui.portal.common import session
from gonghui.portal.common.forms import add_errors
from gonghui.portal.skills.forms import SuggestionForm
from gonghui.skills.competition_choices import CompetitionStatus
from gonghui.skills.services.suggestions import suggestion_submit
from gonghui.skills.worker_selectors import worker_skills


@session.worker_required
def my_skills(request: HttpRequest) -> HttpResponse:
    worker = session.worker_of(request)
    mine = worker_skills(worker=worker)
    return render(request, "portal/skills/home.html", {
        "worker": worker, "member": mine.member, "suggestions": list(mine.suggestions[:50]),
        "entries": list(mine.entries[:50]), "pairs": list(mine.apprenticeships[:20]),
        "submitted": request.GET.get("submitted") == "1",
        # An award is the worker's once the results are published (公示) or final, never while being decided.
        "published": (CompetitionStatus.PUBLICISED, CompetitionStatus.FINAL),
    })


@session.worker_required
def suggest(request: HttpRequest) -> HttpResponse:
    worker = session.worker_of(request)
    mine = worker_skills(worker=worker)
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            suggestion_submit(worker=worker, kind=data["kind"], title=data["title"], content=data["content"],
                              co_proposers=data["co_proposers"], department=data["department"])
        except DomainError as exc:
            add_errors(exc, form)
        else:
            return redirect(reverse("portal:skills") + "?submitted=1")
    return render(request, "portal/skills/suggest.html", {"worker": worker, "member": mine.member, "form": form},
                  status=400 if form.is_bound and form.errors else 200)
