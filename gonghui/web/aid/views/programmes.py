"""帮扶项目: the list with budget, used and remaining; a new programme; its page with budget and
campaigns; a campaign's page with its batches and figures."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.aid.amounts import budget_figures
from gonghui.aid.choices import OPEN_TO_NON_MEMBERS, ProgrammeKind
from gonghui.aid.figures import campaign_figures
from gonghui.aid.models import AidProgramme
from gonghui.aid.selectors import (
    batch_list,
    campaign_get,
    campaign_list,
    programme_get,
    programme_list,
    programmes_usable,
)
from gonghui.aid.services import campaign_create, programme_create, programme_set_budget
from gonghui.assistance.choices import HardshipClass
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.web.aid.forms import BudgetForm, CampaignForm, ProgrammeForm
from gonghui.web.aid.views.common import AID_PERMS, aid_scope, can_any
from gonghui.web.common.forms import call_service
from gonghui.web.common.unions import union_choices, union_from_choice
from gonghui.web.common.views import needs_any, not_found_as_404, paginate

PROGRAMME_PERMS = (Perm.AID_MANAGE, Perm.AID_DISBURSE)


@needs_any(*AID_PERMS)
def programme_list_page(request: HttpRequest) -> HttpResponse:
    view_scope = aid_scope(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in ProgrammeKind.values else ""
    show_ended = request.GET.get("ended") == "1"
    own = list(programme_list(scope=view_scope, kind=kind, active_only=not show_ended)[:200])
    own_ids = {p.pk for p in own}
    # A county pays out its province's 送温暖: shown apart, read-only here.
    above = [p for p in programmes_usable(scope=view_scope).order_by("org_path", "kind", "name")[:50]
             if p.pk not in own_ids and (not kind or p.kind == kind)]
    return render(request, "aid/programme_list.html", {
        "programmes": [(p, budget_figures(p)) for p in own], "above": above, "kinds": ProgrammeKind.choices,
        "kind": kind, "show_ended": show_ended,
        "can_create": bool(union_choices(request, Perm.AID_MANAGE)),
    })


@needs_any(Perm.AID_MANAGE)
@not_found_as_404
def programme_create_page(request: HttpRequest) -> HttpResponse:
    unions = union_choices(request, Perm.AID_MANAGE)
    form = ProgrammeForm(request.POST or None)
    form.set_unions(unions)
    if request.method == "POST" and form.is_valid():
        union = union_from_choice(request, Perm.AID_MANAGE, form.cleaned_data["union"])
        programme = call_service(form, programme_create, actor=request.user, union=union, **form.service_data())
        if programme is not None:
            messages.success(request, _("已设立帮扶项目。"))
            return redirect("web:aid_programme_detail", programme.pk)
    return render(request, "aid/programme_form.html", {"form": form}, status=400 if form.errors else 200)


def _programme_page(request: HttpRequest, programme: AidProgramme, *, budget_form: forms.Form | None = None,
                    campaign_form: forms.Form | None = None) -> HttpResponse:
    view_scope = aid_scope(request)
    manage = can_any(request, (Perm.AID_MANAGE,), programme.org_path)
    failed = bool((budget_form and budget_form.errors) or (campaign_form and campaign_form.errors))
    classes = dict(HardshipClass.choices)
    return render(request, "aid/programme_detail.html", {
        "programme": programme, "money": budget_figures(programme), "manage": manage,
        "classes": [classes.get(c, c) for c in programme.hardship_classes],
        "campaigns": campaign_list(scope=view_scope, programme=programme)[:100],
        "batches": batch_list(scope=view_scope, programme=programme)[:20],
        "budget_form": budget_form or BudgetForm(initial={"budget": programme.budget}),
        "campaign_form": campaign_form or CampaignForm(),
        "open_form": "budget" if budget_form else "campaign" if campaign_form else "",
    }, status=400 if failed else 200)


@needs_any(*AID_PERMS)
@not_found_as_404
def programme_detail_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _programme_page(request, programme_get(scope=aid_scope(request), pk=pk))


@require_POST
@needs_any(Perm.AID_MANAGE)
@not_found_as_404
def programme_budget(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get(scope=aid_scope(request), pk=pk)
    form = BudgetForm(request.POST)
    if form.is_valid() and call_service(form, programme_set_budget, actor=request.user, programme=programme,
                                        budget=form.cleaned_data["budget"]) is not None:
        messages.success(request, _("预算已调整。"))
        return redirect("web:aid_programme_detail", pk)
    return _programme_page(request, programme, budget_form=form)


@require_POST
@needs_any(Perm.AID_MANAGE)
@not_found_as_404
def campaign_create_page(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get(scope=aid_scope(request), pk=pk)
    form = CampaignForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        campaign = call_service(form, campaign_create, actor=request.user, programme=programme, year=data["year"],
                                starts_on=data["starts_on"], ends_on=data["ends_on"], name=data["name"],
                                period=data["period"])
        if campaign is not None:
            messages.success(request, _("已新建帮扶活动。"))
            return redirect("web:aid_campaign_detail", campaign.pk)
    return _programme_page(request, programme, campaign_form=form)


@needs_any(*AID_PERMS)
@not_found_as_404
def campaign_detail_page(request: HttpRequest, pk: int) -> HttpResponse:
    view_scope = aid_scope(request)
    campaign = campaign_get(scope=view_scope, pk=pk)
    figures = campaign_figures(scope=view_scope, campaign=campaign)
    batches = batch_list(scope=view_scope, campaign=campaign).order_by("-granted_on", "-pk")
    return render(request, "aid/campaign_detail.html", {
        "campaign": campaign, "programme": campaign.programme, "figures": figures,
        "split": campaign.programme.kind in OPEN_TO_NON_MEMBERS or figures.non_members.times > 0,
        "page": paginate(request, batches, per_page=30),
        "can_see_programme": aid_scope(request).covers(campaign.programme.org_path),
        "can_create_batch": disburses_under(request, campaign.org_path),
    })


def disburses_under(request: HttpRequest, path: str) -> bool:
    """Whether the cadre may pay out somewhere in the branch of the union at `path` (or over it)."""
    granted = scope_for(request.user, Perm.AID_DISBURSE)
    return granted.everything or any(r.startswith(path) or path.startswith(r) for r in granted.roots)
