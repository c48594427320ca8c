"""The registry in the console: list, detail with history, registration, edits and status changes."""

import secrets
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core import session_values
from gonghui.core.errors import DomainError
from gonghui.core.permissions import Perm
from gonghui.members import selectors
from gonghui.members.choices import LIVE_STATUSES, MembershipStatus
from gonghui.members.services import cards, personal, registry, transfers
from gonghui.orgs.scope import Scope
from gonghui.orgs.selectors import tree_roots, union_get
from gonghui.web.common.forms import call_service
from gonghui.web.common.records import person_record
from gonghui.web.common.views import can, needs_any, paginate, scope, shown_query
from gonghui.web.members.forms import MemberFilterForm, MemberForm, ReasonForm, RetainForm, RevealForm
from gonghui.web.members.views.rights import rights_context

SEARCH_KEY = "member-search-"


@needs_any(Perm.MEMBER_VIEW)
def member_list(request: HttpRequest) -> HttpResponse:
    view_scope = scope(request, Perm.MEMBER_VIEW)
    if request.method == "POST":
        # The search text may be a full ID number or phone: it goes into the session, never into
        # the URL, where access logs, browser history and Referer headers would keep it.
        params = request.POST.copy()
        query = params.pop("q", [""])[-1]
        params.pop("csrfmiddlewaretoken", None)
        if query.strip():
            key = secrets.token_urlsafe(6)
            session_values.keep(request.session, SEARCH_KEY + key, query.strip()[:100])
            params["s"] = key
        return redirect(f"{request.path}?{params.urlencode()}")
    form, filters = list_filters(request, view_scope)
    qs = selectors.member_list(scope=view_scope, **filters)
    roots = list(tree_roots(scope=view_scope)[:1])
    return render(request, "web/members/list.html", {
        "form": form, "page": paginate(request, qs, count=selectors.member_list_total(scope=view_scope, **filters)),
        "union": filters["union"],
        "query_shown": shown_query(filters["query"]),
        "can_add": roots and can(request, Perm.MEMBER_EDIT, roots[0].path), "add_union": roots[0] if roots else None,
        "can_export": not scope(request, Perm.MEMBER_EXPORT).is_empty,
        "can_export_full": not scope(request, Perm.MEMBER_REVEAL).is_empty,
    })


def list_filters(request: HttpRequest, view_scope: Scope) -> tuple[MemberFilterForm, dict[str, Any]]:
    """The list's filters from the URL, and the search text kept in the session, as member_list's
    keywords: the list and its Excel export read the same ones."""
    data = request.GET.copy()
    data["q"] = session_values.peek(request.session, SEARCH_KEY + data.get("s", ""), "")
    if "status" not in data:
        data["status"] = "live"  # 在册 by default; "全部" arrives as an explicit empty value
    form = MemberFilterForm(data, initial={"status": "live"})
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {"status": "live"}
    union = None
    if request.GET.get("union"):
        union = union_get(scope=view_scope, pk=request.GET["union"])
    migrant = {"1": True, "0": False}.get(filters.get("migrant") or "")
    return form, {"query": filters.get("q", ""), "union": union, "status": filters.get("status", "live"),
                  "employment_form": filters.get("employment_form", ""),
                  "new_form_group": filters.get("new_form_group", ""), "migrant": migrant}


def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = selectors.member_get(scope=scope(request, Perm.MEMBER_VIEW), pk=pk)
    editable = can(request, Perm.MEMBER_EDIT, member.org_path)
    honours, skills = person_record(request, member)
    return render(request, "web/members/detail.html", {
        "member": member, "honours": honours, "skills": skills,
        "history": selectors.member_history(member=member),
        "can_edit": editable,
        "can_reveal": can(request, Perm.MEMBER_REVEAL, member.org_path),
        "is_live": member.status in LIVE_STATUSES,
        "retained": member.status == MembershipStatus.RETAINED,
        "revealed": session_values.take(request.session, f"revealed-{member.pk}"),
        "reveal_form": RevealForm(), "leave_form": ReasonForm(), "retain_form": RetainForm(),
        **rights_context(request, member),
    })


def member_create(request: HttpRequest, union_pk: int, stall: bool = False) -> HttpResponse:
    union = union_get(scope=scope(request, Perm.MEMBER_EDIT), pk=union_pk)
    form = MemberForm(request.POST or None, compact=stall)
    elsewhere = False
    if request.method == "POST" and form.is_valid():
        try:
            membership = registry.member_admit(actor=request.user, union=union, data=form.member_data(),
                                               channel="stall" if stall else "console",
                                               join_date=form.cleaned_data["join_date"])
        except registry.AlreadyMember as exc:
            form.add_error("id_number", str(exc.message))
            membership, elsewhere = None, not exc.here
        except DomainError as exc:
            for error in getattr(exc, "errors", None) or [exc]:
                form.add_error(error.field if error.field in form.fields else None, str(error.message))
            membership = None
        if membership is not None:
            messages.success(request, _("已登记会员：%(name)s") % {"name": membership.member.name})
            if stall:
                return redirect("web:member_stall", union.pk)
            return redirect("web:member_detail", membership.member_id)
    template = "web/members/stall.html" if stall else "web/members/form.html"
    return render(request, template, {"form": form, "union": union, "member": None, "elsewhere": elsewhere})


def member_stall(request: HttpRequest, union_pk: int) -> HttpResponse:
    """流动窗口入会: a phone-sized page for a cadre registering workers at a stall."""
    return member_create(request, union_pk, stall=True)


def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = selectors.member_get(scope=scope(request, Perm.MEMBER_EDIT), pk=pk)
    initial = {f: getattr(member, f) for f in registry.PROFILE_FIELDS} | {"version": member.version}
    form = MemberForm(request.POST or None, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, registry.member_update, actor=request.user, member=member,
                             version=form.cleaned_data.get("version") or member.version, data=form.member_data())
        if saved is not None:
            messages.success(request, _("已保存。"))
            return redirect("web:member_detail", member.pk)
    return render(request, "web/members/form.html", {"form": form, "union": member.union, "member": member})


@require_POST
def member_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    member = selectors.member_get(scope=scope(request, Perm.MEMBER_VIEW), pk=pk)
    form: Any
    if action == "leave":
        form = ReasonForm(request.POST)
        if form.is_valid():
            call_service(form, registry.membership_leave, actor=request.user, member=member,
                         note=form.cleaned_data["note"])
    elif action == "retain":
        form = RetainForm(request.POST)
        if form.is_valid():
            call_service(form, registry.membership_retain, actor=request.user, member=member,
                         reason=form.cleaned_data["reason"])
    elif action == "death":
        form = ReasonForm()
        call_service(form, registry.membership_death, actor=request.user, member=member)
    elif action == "reinstate":
        form = ReasonForm()
        call_service(form, registry.membership_reinstate, actor=request.user, member=member)
    elif action == "card":
        form = ReasonForm()
        call_service(form, cards.card_issue, actor=request.user, member=member)
    elif action == "reveal":
        form = RevealForm(request.POST)
        if form.is_valid():
            value = call_service(form, personal.member_reveal, actor=request.user, member=member,
                                 field=form.cleaned_data["field"], reason=form.cleaned_data["reason"])
            if value is not None:
                # Shown once on the next page view (sealed, and only for a minute), never stored beyond it.
                session_values.keep(request.session, f"revealed-{member.pk}",
                                    {"field": form.cleaned_data["field"], "value": value},
                                    seconds=session_values.REVEAL_SECONDS)
    else:
        return redirect("web:member_detail", member.pk)
    if form.errors:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    elif action != "reveal":
        messages.success(request, _("操作成功。"))
    return redirect("web:member_detail", member.pk)


@require_POST
def member_transfer_here(request: HttpRequest, union_pk: int) -> HttpResponse:
    """From the duplicate warning of the registration form: ask for this worker to be transferred here."""
    union = union_get(scope=scope(request, Perm.MEMBER_EDIT), pk=union_pk)
    form = ReasonForm()
    done = call_service(form, transfers.transfer_request_by_identity, actor=request.user, to_union=union,
                        id_type=request.POST.get("id_type", ""), id_number=request.POST.get("id_number", ""),
                        reason=_("登记时发现已是其他工会会员"))
    if done is not None:
        messages.success(request, _("已发起会籍接转，并向此人会籍记录上的手机号发送了确认短信。本人确认后，"
                                    "接转才交转出工会办理，您也才能看到此人的信息。"))
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect("web:transfer_list")
