"""A session of the congress: its agenda items, the counts of each secret ballot against the item's
thresholds, and the resolution a passed vote allows."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.democracy.models import CongressSession
from gonghui.democracy.rules import vote_rule_for
from gonghui.democracy.selectors import agenda_item_get, session_get, session_items
from gonghui.democracy.services import agenda_item_add, agenda_resolve, agenda_vote_record, entitled_for
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import needs_any, not_found_as_404
from gonghui.web.democracy.forms import AgendaForm, ResolutionForm, VoteForm
from gonghui.web.democracy.views.common import MANAGE, PERMS, may_manage, say_refusal, view_scope


def render_session(request: HttpRequest, session: CongressSession, failed: tuple[int, str, forms.Form] | None = None
                   ) -> HttpResponse:
    items = []
    for item in session_items(scope=view_scope(request), session=session):
        rule = vote_rule_for(item.kind)
        vote: forms.Form = VoteForm(auto_id=f"id_vote{item.pk}_%s")
        resolve: forms.Form = ResolutionForm(auto_id=f"id_resolve{item.pk}_%s")
        if failed and failed[0] == item.pk:
            vote, resolve = (failed[2], resolve) if failed[1] == "vote" else (vote, failed[2])
        items.append({"item": item, "vote": vote, "resolve": resolve,
                      "quorum": rule.quorum.describe() if rule.quorum else None, "majority": rule.majority.describe(),
                      "open": bool(failed and failed[0] == item.pk)})
    add = failed[2] if failed and failed[1] == "add" else AgendaForm(auto_id="id_add_%s")
    can_manage = may_manage(request, session.org_path)
    if failed and not can_manage:
        say_refusal(request, failed[2])
    return render(request, "democracy/session_detail.html", {
        "session": session, "congress": session.term.congress, "term": session.term, "items": items,
        "entitled": entitled_for(session), "add": add, "can_manage": can_manage,
    }, status=400 if failed else 200)


@needs_any(*PERMS)
@not_found_as_404
def session_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render_session(request, session_get(scope=view_scope(request), pk=pk))


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def session_add_item(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_get(scope=view_scope(request), pk=pk)
    form = AgendaForm(request.POST, auto_id="id_add_%s")
    if form.is_valid() and call_service(form, agenda_item_add, actor=request.user, session=session,
                                        **form.cleaned_data) is not None:
        messages.success(request, _("已添加表决事项。"))
        return redirect("web:democracy_session", session.pk)
    return render_session(request, session, (0, "add", form))


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def item_vote(request: HttpRequest, pk: int) -> HttpResponse:
    item = agenda_item_get(scope=view_scope(request), pk=pk)
    form = VoteForm(request.POST, auto_id=f"id_vote{item.pk}_%s")
    if form.is_valid():
        data = {k: v or 0 for k, v in form.cleaned_data.items()}
        outcome = call_service(form, agenda_vote_record, actor=request.user, item=item, **data)
        if outcome is not None:
            if outcome.passed:
                messages.success(request, _("已记录表决结果：通过。"))
            else:
                messages.warning(request, _("已记录表决结果：未通过。") + " ".join(str(r) for r in outcome.reasons))
            return redirect("web:democracy_session", item.session_id)
    return render_session(request, item.session, (item.pk, "vote", form))


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def item_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    item = agenda_item_get(scope=view_scope(request), pk=pk)
    form = ResolutionForm(request.POST, auto_id=f"id_resolve{item.pk}_%s")
    if form.is_valid() and call_service(form, agenda_resolve, actor=request.user, item=item,
                                        resolution=form.cleaned_data["resolution"]) is not None:
        messages.success(request, _("已形成决议。"))
        return redirect("web:democracy_session", item.session_id)
    return render_session(request, item.session, (item.pk, "resolve", form))
