"""The case page: what was asked, what happened since, and the forms for what may happen next.

Every form posts to `case_act`, which loads the case through the viewer's scope and calls the one
service for that step with the version the page showed; the services judge version, status, scope
and input.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.accounts.selectors import user_get, user_list
from gonghui.cases import services
from gonghui.cases.choices import Action
from gonghui.cases.models import Case
from gonghui.cases.routing import dispatch_suggestion
from gonghui.cases.routing.suggest import UnionSuggestion
from gonghui.cases.selectors import CaseDetail, case_detail, case_get
from gonghui.core.errors import Conflict, DomainError
from gonghui.core.permissions import Perm
from gonghui.core.uploads import upload_response
from gonghui.orgs.scope import Scope
from gonghui.orgs.selectors import union_ancestors, union_children, union_get, union_search
from gonghui.web.cases import forms as f
from gonghui.web.cases.views.common import case_scope, needs_case_permission
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import not_found_as_404

ASSIGNABLE_LIMIT = 200
FORMS: dict[str, type[forms.Form]] = {
    Action.CLASSIFY: f.ClassifyForm, Action.DISPATCH: f.DispatchForm, Action.ACCEPT: f.NoteForm,
    Action.RETURN: f.ReasonForm, Action.START: f.NoteForm, Action.NOTE: f.RequiredNoteForm,
    Action.ASSIGN: f.AssignForm, Action.RESOLVE: f.ResolveForm, Action.CALLBACK: f.CallbackForm,
    Action.CLOSE: f.NoteForm, Action.REOPEN: f.ReasonForm, Action.ESCALATE: f.ReasonForm,
    Action.SUPERVISE: f.SuperviseForm, Action.SUPERVISE_REPLY: f.ReplyForm, Action.ATTACH: f.AttachForm,
}
# Built at import, so lazy: each message is rendered in the language of the request that shows it.
DONE: dict[str, Any] = {
    Action.CLASSIFY: gettext_lazy("已分类定级。"),
    Action.DISPATCH: gettext_lazy("已派单。"),
    Action.ACCEPT: gettext_lazy("已签收。"),
    Action.RETURN: gettext_lazy("已退回。"),
    Action.START: gettext_lazy("已开始办理。"),
    Action.NOTE: gettext_lazy("已记录。"),
    Action.ASSIGN: gettext_lazy("已指定。"),
    Action.RESOLVE: gettext_lazy("已办结。"),
    Action.CALLBACK: gettext_lazy("已记录回访。"),
    Action.CLOSE: gettext_lazy("已归档。"),
    Action.REOPEN: gettext_lazy("已重新办理。"),
    Action.ESCALATE: gettext_lazy("已上报上级工会。"),
    Action.SUPERVISE: gettext_lazy("已督办。"),
    Action.SUPERVISE_REPLY: gettext_lazy("已回复督办。"),
    Action.ATTACH: gettext_lazy("已上传附件。"),
}


def _people(case: Case) -> list[tuple[int, str]]:
    """Cadres of the handling union's subtree; the service decides whether each may handle it."""
    users = user_list(scope=Scope.of([case.org_path]), active=True)[:ASSIGNABLE_LIMIT]
    return [(u.pk, f"{u.full_name}（{u.username}）") for u in users]


def _supervising_unions(request: HttpRequest, case: Case) -> list[tuple[int, str]]:
    above = union_ancestors(scope=case_scope(request, Perm.CASE_SUPERVISE), union=case.handling_union)
    return [(u.pk, u.name) for u in reversed(above)]  # the nearest level first


def _open_supervisions(detail: CaseDetail) -> list[Any]:
    return [s for s in detail.supervisions if s.replied_at is None]


def _dispatch_suggestion(request: HttpRequest, case: Case) -> UnionSuggestion | None:
    return dispatch_suggestion(scope=case_scope(request, Perm.CASE_HANDLE), case=case)


def _blank_form(action: str, request: HttpRequest, detail: CaseDetail,
                suggestion: UnionSuggestion | None = None) -> forms.Form:
    case = detail.case
    initial: dict[str, Any] = {"version": case.version}
    kwargs: dict[str, Any] = {}
    if action == Action.CLASSIFY:
        initial.update(category=case.category, kind=case.kind, difficulty=case.difficulty)
    elif action == Action.ASSIGN:
        kwargs["people"] = _people(case)
        initial.update(handler=case.handler_id, lawyer=case.lawyer_id)
    elif action == Action.DISPATCH and suggestion is not None and suggestion.union is not None:
        initial["union"] = suggestion.union.pk  # the picker starts at the routing suggestion
    elif action == Action.SUPERVISE:
        kwargs["unions"] = _supervising_unions(request, case)
    elif action == Action.SUPERVISE_REPLY:
        initial["supervision"] = _open_supervisions(detail)[0].pk
    return FORMS[action](initial=initial, auto_id=f"id_{action}_%s", **kwargs)


@needs_case_permission()
@not_found_as_404
def case_detail_page(request: HttpRequest, pk: int, failed: dict[str, forms.Form] | None = None) -> HttpResponse:
    detail = case_detail(scope=case_scope(request), pk=pk, actor=request.user)
    suggestion = _dispatch_suggestion(request, detail.case) if Action.DISPATCH in detail.actions else None
    action_forms = [(a, Action(a).label, (failed or {}).get(a) or _blank_form(a, request, detail, suggestion))
                    for a in detail.actions]
    open_action = next(iter(failed or {}), "")
    if failed and open_action not in detail.actions:
        # A step the page does not offer this viewer (a forged or stale post): its refusal is said above.
        for error in failed[open_action].non_field_errors() or [_("当前状态下您不能办理此操作。")]:
            messages.error(request, str(error))
    return render(request, "cases/detail.html", {
        "detail": detail, "case": detail.case, "main_form": action_forms[:1], "more_forms": action_forms[1:],
        "now": timezone.now(), "open_supervisions": _open_supervisions(detail), "open_action": open_action,
        "more_open": any(a == open_action for a, _label, _form in action_forms[1:]),
        "suggestion": suggestion,
    }, status=400 if failed else 200)


def _run(action: str, request: HttpRequest, case: Case, form: forms.Form, detail: CaseDetail) -> Any:
    data = form.cleaned_data
    user = request.user
    # The version the page showed: the service refuses a stale one as a lost race.
    seen = data.get("version")
    simple: dict[str, Callable[..., Any]] = {
        Action.ACCEPT: services.case_accept, Action.START: services.case_start, Action.CLOSE: services.case_close,
        Action.NOTE: services.case_add_note}
    if action in simple:
        return call_service(form, simple[action], actor=user, case=case, version=seen, note=data["note"])
    if action == Action.CLASSIFY:
        return call_service(form, services.case_classify, actor=user, case=case, version=seen,
                            category=data["category"],
                            difficulty=data["difficulty"], kind=data["kind"], note=data["note"])
    if action == Action.DISPATCH:
        target = call_service(form, union_get, scope=case_scope(request, Perm.CASE_HANDLE), pk=data["union"])
        return target and call_service(form, services.case_dispatch, actor=user, case=case, version=seen, union=target,
                                       note=data["note"])
    if action in (Action.RETURN, Action.REOPEN, Action.ESCALATE):
        with_reason: dict[str, Callable[..., Any]] = {
            Action.RETURN: services.case_return, Action.REOPEN: services.case_reopen,
            Action.ESCALATE: services.case_escalate}
        return call_service(form, with_reason[action], actor=user, case=case, version=seen, reason=data["reason"])
    if action == Action.ASSIGN:
        people = dict(_people(case))
        chosen = {k: user_get(scope=Scope.of([case.org_path]), pk=data[k])
                  for k in ("handler", "lawyer") if data.get(k) in people}
        return call_service(form, services.case_assign, actor=user, case=case, version=seen,
                            note=data["note"], **chosen)
    if action == Action.RESOLVE:
        return call_service(form, services.case_resolve, actor=user, case=case, version=seen, outcome=data["outcome"],
                            money_recovered=data["money_recovered"], people_helped=data["people_helped"])
    if action == Action.CALLBACK:
        return call_service(form, services.case_callback, actor=user, case=case, version=seen, rating=data["rating"],
                            note=data["note"], reached=data["reached"])
    if action == Action.SUPERVISE:
        by_union = call_service(form, union_get, scope=case_scope(request, Perm.CASE_SUPERVISE), pk=data["by_union"])
        return by_union and call_service(form, services.case_supervise, actor=user, case=case, version=seen,
                                         by_union=by_union,
                                         note=data["note"], reply_due=data["reply_due"])
    if action == Action.SUPERVISE_REPLY:
        supervision = next((s for s in detail.supervisions if s.pk == data["supervision"]), None)
        if supervision is None:
            raise Http404
        return call_service(form, services.supervision_reply, actor=user, supervision=supervision, version=seen,
                            reply=data["reply"])
    if action == Action.ATTACH:
        return call_service(form, services.case_attach, actor=user, case=case, version=seen, upload=data["file"])
    raise Http404


@require_POST
@needs_case_permission()
@not_found_as_404
def case_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in FORMS:
        raise Http404
    detail = case_detail(scope=case_scope(request), pk=pk)
    case = detail.case
    kwargs: dict[str, Any] = {}
    if action == Action.ASSIGN:
        kwargs["people"] = _people(case)
    elif action == Action.SUPERVISE:
        kwargs["unions"] = _supervising_unions(request, case)
    form = FORMS[action](request.POST, request.FILES, auto_id=f"id_{action}_%s", **kwargs)
    if form.is_valid():
        try:
            done = _run(action, request, case, form, detail)
        except Conflict as exc:
            messages.error(request, str(exc.message))
            return redirect("web:case_detail", pk)
        if form.has_error("version"):
            # A stale page: nothing to correct in the form, so the case as it is now is shown instead.
            messages.error(request, str(form.errors["version"][0]))
            return redirect("web:case_detail", pk)
        if done is not None and not form.errors:
            messages.success(request, DONE[action])
            # A return or an escalation hands the case to a union above, which may be out of sight.
            if isinstance(done, Case) and not case_scope(request).allows(done.org_path, (done.handler_id,
                                                                                        done.lawyer_id)):
                return redirect("web:case_queue")
            return redirect("web:case_detail", pk)
    return case_detail_page(request, pk, failed={action: form})


@needs_case_permission()
def case_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponseBase:
    detail = case_detail(scope=case_scope(request), pk=pk)
    attachment = next((a for a in detail.attachments if a.pk == attachment_pk), None)
    if attachment is None:
        raise Http404
    return upload_response(attachment)  # type: ignore[no-any-return]


@needs_case_permission(Perm.CASE_HANDLE)
@not_found_as_404
def case_union_pick(request: HttpRequest, pk: int) -> HttpResponse:
    """Where a case may be dispatched: the handling union's branches, or a search over the handling scope."""
    case = case_get(scope=case_scope(request), pk=pk)
    handle_scope = case_scope(request, Perm.CASE_HANDLE)
    query = request.GET.get("q", "").strip()
    if query:
        found = list(union_search(scope=handle_scope, query=query, limit=20))
    else:
        found = list(union_children(scope=handle_scope, parent=case.handling_union)[:20])
    return render(request, "cases/_union_options.html", {
        "results": [u for u in found if u.is_active and u.pk != case.handling_union_id]})


@needs_case_permission()
@not_found_as_404
def case_by_number(request: HttpRequest) -> HttpResponse:
    try:
        case = case_get(scope=case_scope(request), number=request.GET.get("number", ""))
    except DomainError:
        messages.error(request, _("找不到该案件编号，或您无权查看。"))
        return redirect("web:case_queue")
    return redirect("web:case_detail", case.pk)
