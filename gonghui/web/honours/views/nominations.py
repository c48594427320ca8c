"""推荐对象: the list (tabs by who must act, filters, export), nominating a person or a collective to a
call, amending it, and its page: the timeline, the checks with their reasons, and only the steps the
viewer may take now (selectors.nomination_actions)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.core.uploads import upload_response
from gonghui.honours.choices import Action, CallStatus, NominationStatus, NomineeType
from gonghui.honours.models import HonourNomination
from gonghui.honours.screening import screen_one
from gonghui.honours.selectors import (
    NOMINATION_LISTS,
    call_get,
    call_list,
    nomination_actions,
    nomination_get,
    nomination_list,
    nomination_parts,
)
from gonghui.honours.services import (
    award_make,
    award_refusal,
    nomination_attach,
    nomination_check_record,
    nomination_create,
    nomination_document_open,
    nomination_edit,
    nomination_pass,
    nomination_reject,
    nomination_return,
    nomination_unselect,
    nomination_withdraw,
)
from gonghui.web.common.employers import employer_pick_for
from gonghui.web.common.forms import call_service
from gonghui.web.common.unions import union_choices, union_from_choice
from gonghui.web.common.views import needs_any, not_found_as_404, paginate, shown_query
from gonghui.web.honours.forms import (
    AttachForm,
    AwardForm,
    CheckForm,
    ConcludeForm,
    NominationFilterForm,
    NominationForm,
    ReasonForm,
    VersionForm,
)
from gonghui.web.honours.views.common import MANAGE, PERMS, manage_scope, may_manage, say_refusal, view_scope

TABS = [("all", gettext_lazy("全部")), ("waiting", gettext_lazy("待本级审核")),
        ("selected", gettext_lazy("本级已通过")), ("returned", gettext_lazy("被退回")),
        ("final", gettext_lazy("已确定人选")), ("notice", gettext_lazy("公示中")), ("awarded", gettext_lazy("已表彰"))]
# Each step on the page, in the order offered (the usual one first): its form.
FORMS: dict[str, type[forms.Form]] = {
    Action.CHECK: CheckForm, Action.PASS: VersionForm, Action.UNSELECT: VersionForm, Action.AWARD: AwardForm,
    Action.RETURN: ReasonForm, Action.ATTACH: AttachForm, Action.WITHDRAW: ReasonForm, Action.REJECT: ReasonForm,
}


@needs_any(*PERMS)
def nomination_list_page(request: HttpRequest) -> HttpResponse:
    scope = view_scope(request)
    show = request.GET.get("show", "all")
    show = show if show in NOMINATION_LISTS else "all"
    calls = [(c.pk, f"{c.year} {c.kind.name}") for c in call_list(scope=scope)[:50]]
    form = NominationFilterForm(request.GET or None, calls=calls)
    f = form.values()
    call = call_get(scope=scope, pk=f["call"]) if f.get("call") else None
    rows = nomination_list(scope=scope, call=call, show=show, status=f.get("status", ""), query=f.get("q", ""))
    return render(request, "honours/nomination_list.html", {
        "form": form, "page": paginate(request, rows, per_page=30), "tabs": TABS, "show": show,
        "shown_q": shown_query(f.get("q", ""))})


@needs_any(MANAGE)
@not_found_as_404
def nomination_create_page(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_get(scope=view_scope(request), pk=pk)
    person = call.kind.nominee_type == NomineeType.PERSON
    form = NominationForm(request.POST or None, person=person, unions=union_choices(request, MANAGE),
                          employers=employer_pick_for(request, "honours"), initial={"rank": "none"})
    if request.method == "POST" and form.is_valid():
        union = union_from_choice(request, MANAGE, form.cleaned_data["union"])
        nomination = call_service(form, nomination_create, actor=request.user, call=call, union=union,
                                  data=form.data_for_service())
        if nomination is not None:
            messages.success(request, _("已推荐%(name)s，请完成本级核查。") % {"name": nomination.name})
            return redirect("web:honour_nomination", nomination.pk)
    return render(request, "honours/nomination_form.html", {"form": form, "call": call, "person": person},
                  status=400 if form.errors else 200)


@needs_any(MANAGE)
@not_found_as_404
def nomination_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    n = nomination_get(scope=view_scope(request), pk=pk)
    initial = {f: getattr(n, f) for f in ("post", "category", "rank", "deeds", "deeds_summary", "employer_opinion")}
    form = NominationForm(request.POST or None, person=n.is_person, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = call_service(form, nomination_edit, actor=request.user, nomination=n,
                            data=form.data_for_service() | {"deeds_summary": form.cleaned_data["deeds_summary"],
                                                            "employer_opinion": form.cleaned_data["employer_opinion"]},
                            version=n.version)
        if done is not None:
            messages.success(request, _("推荐材料已修改。"))
            return redirect("web:honour_nomination", n.pk)
    return render(request, "honours/nomination_form.html", {"form": form, "call": n.call, "person": n.is_person,
                                                             "nomination": n}, status=400 if form.errors else 200)


def render_nomination(request: HttpRequest, n: HonourNomination,
                      failed: tuple[str, forms.Form] | None = None) -> HttpResponse:
    scope = view_scope(request)
    actions = nomination_actions(scope=manage_scope(request), nomination=n)
    if failed and failed[0] not in actions:
        say_refusal(request, failed[1])
    steps = []
    for action in [a for a in FORMS if a in actions]:
        form = failed[1] if failed and failed[0] == action else FORMS[action](
            initial={"version": n.version}, auto_id=f"id_{action}_%s")
        steps.append({"action": action, "label": Action(action).label, "form": form})
    parts = nomination_parts(scope=scope, nomination=n)
    issuer = may_manage(request, n.call.org_path)
    today = timezone.localdate()
    refusal = award_refusal(n, today) if n.status == NominationStatus.NOTICE else None
    return render(request, "honours/nomination_detail.html", {
        "n": n, "parts": parts, "steps": steps, "open_action": failed[0] if failed else "",
        "screening": screen_one(scope=scope, nomination=n), "may_edit": Action.EDIT in actions,
        "may_submit": Action.SUBMIT in actions, "may_publish": Action.PUBLISH in actions and issuer,
        "conclude": issuer and n.status == NominationStatus.NOTICE, "conclude_form": ConcludeForm(),
        "award_refusal": refusal.message if refusal else "", "call_open": n.call.status == CallStatus.OPEN,
    }, status=400 if failed else 200)


@needs_any(*PERMS)
@not_found_as_404
def nomination_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render_nomination(request, nomination_get(scope=view_scope(request), pk=pk))


@needs_any(*PERMS)
@not_found_as_404
def nomination_document(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    """A supporting document, to whoever may see the nomination; each opening is audited by the service."""
    nomination = nomination_get(scope=view_scope(request), pk=pk)
    document = nomination_document_open(actor=request.user, nomination=nomination, document_pk=document_pk)
    return upload_response(document)  # type: ignore[no-any-return]


def _run(action: str, form: forms.Form, request: HttpRequest, n: HonourNomination) -> Any:
    d, actor = form.cleaned_data, request.user
    version = d.get("version")
    if action == Action.CHECK:
        return call_service(form, nomination_check_record, actor=actor, nomination=n, decision=d["decision"],
                            note=d["note"])
    if action == Action.ATTACH:
        return call_service(form, nomination_attach, actor=actor, nomination=n, upload=d["file"], version=version)
    if action == Action.AWARD:
        return call_service(form, award_make, actor=actor, nomination=n, decision_number=d["decision_number"],
                            decided_on=d["decided_on"], certificate_number=d["certificate_number"], version=version)
    with_reason: dict[str, Any] = {Action.RETURN: nomination_return, Action.WITHDRAW: nomination_withdraw,
                   Action.REJECT: nomination_reject}
    if action in with_reason:
        return call_service(form, with_reason[action], actor=actor, nomination=n, reason=d["reason"],
                            version=version)
    plain: dict[str, Any] = {Action.PASS: nomination_pass, Action.UNSELECT: nomination_unselect}
    return call_service(form, plain[action], actor=actor, nomination=n, version=version)


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def nomination_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    n = nomination_get(scope=view_scope(request), pk=pk)
    if action not in FORMS:
        return redirect("web:honour_nomination", n.pk)
    form = FORMS[action](request.POST, request.FILES, auto_id=f"id_{action}_%s")
    if form.is_valid() and _run(action, form, request, n) is not None:
        messages.success(request, _("已%(action)s。") % {"action": Action(action).label})
        return redirect("web:honour_nomination", n.pk)
    return render_nomination(request, nomination_get(scope=view_scope(request), pk=pk), (action, form))
