"""受理: the hotline agent's form, with the routing suggestion and the duplicate warning beside it."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.cases import limits
from gonghui.cases.choices import Category, Kind
from gonghui.cases.models import Case
from gonghui.cases.routing import Routing, route
from gonghui.cases.selectors import duplicate_warning
from gonghui.cases.services import case_intake
from gonghui.cases.services.common import label_of
from gonghui.cases.services.intake import clean_intake
from gonghui.core.errors import NotFound, ValidationFailed, msg
from gonghui.core.idnumbers import parse_mobile
from gonghui.core.permissions import Perm
from gonghui.core.validators import normalize_credit_code
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.selectors import union_get
from gonghui.web.cases.forms import IntakeForm
from gonghui.web.cases.views.common import case_scope, needs_case_permission
from gonghui.web.common.forms import call_service
from gonghui.web.common.unions import home_union
from gonghui.web.common.views import not_found_as_404

# Below this the classifier has nothing to go on and would only show its prior.
MIN_TEXT_FOR_SUGGESTION = 4


def _quiet(parse: Any, value: Any, **kwargs: Any) -> str:
    """A half-typed phone or credit code simply gives no hint yet."""
    try:
        return str(parse(value, **kwargs) or "")
    except ValidationFailed:
        return ""


# What the suggestion reads, each with the cap the intake itself holds it to.
SUGGESTION_INPUTS = {"description": limits.DESCRIPTION, "employer_name": limits.EMPLOYER_NAME,
                     "employer_credit_code": limits.CREDIT_CODE, "address": limits.ADDRESS,
                     "caller_phone": limits.CALLER_PHONE}


def _over_limit(data: Any) -> str:
    """The label of the first field longer than the intake accepts, or ""."""
    for name, cap in SUGGESTION_INPUTS.items():
        if len(data.get(name) or "") > cap:
            return str(msg(_("%(field)s不能超过%(n)d个字。"), {"field": label_of(name), "n": cap}))
    return ""


def suggestion_context(request: HttpRequest, centre: TradeUnion, data: Any) -> dict[str, Any]:
    # Called on every keystroke: a text the intake would refuse is refused here too, before any
    # parsing, rather than costing a routing pass per key for a case that cannot be saved.
    too_long = _over_limit(data)
    if too_long:
        return {"routing": None, "categories": [], "duplicates": [], "centre": centre, "kind_label": "",
                "chosen_union": "", "too_long": too_long}
    text = (data.get("description") or "").strip()
    employer_name = (data.get("employer_name") or "").strip()
    credit_code = _quiet(normalize_credit_code, data.get("employer_credit_code")) if data.get(
        "employer_credit_code") else ""
    address = (data.get("address") or "").strip()
    routing: Routing | None = None
    if len(text) >= MIN_TEXT_FOR_SUGGESTION or employer_name or credit_code or address:
        # Handling scope: the suggestion names only unions this agent may dispatch to.
        routing = route(scope=case_scope(request, Perm.CASE_HANDLE), centre=centre, text=text,
                        credit_code=credit_code, employer_name=employer_name, address=address)
    phone = _quiet(parse_mobile, data.get("caller_phone"), field="caller_phone") if data.get("caller_phone") else ""
    employer = routing.union.employer if routing is not None else None
    duplicates: list[Case] = []
    if phone or employer is not None or credit_code:
        duplicates = duplicate_warning(scope=case_scope(request), phone=phone, employer=employer,
                                       credit_code=credit_code)
    categories = []
    if routing is not None and len(text) >= MIN_TEXT_FOR_SUGGESTION:
        categories = [(value, Category(value).label, round(p * 100)) for value, p in routing.categories[:3]]
    chosen = str(data.get("dispatch_to") or "")
    return {"routing": routing, "categories": categories, "duplicates": duplicates, "centre": centre,
            "kind_label": Kind(routing.kind).label if routing is not None and routing.kind else "",
            "chosen_union": chosen}


@needs_case_permission(Perm.CASE_INTAKE)
@not_found_as_404
def case_intake_page(request: HttpRequest) -> HttpResponse:
    centre = home_union(request, Perm.CASE_INTAKE)
    if centre is None:
        return render(request, "cases/intake.html", {"form": None})
    form = IntakeForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            case = _record(request, form, centre)
            if case is not None:
                return redirect("web:case_detail", case.pk)
        else:
            # The service's own checks too, so every wrong field is named at once, not one round at a time.
            call_service(form, clean_intake, data=form.intake_data(), now=timezone.now())
    context = {"form": form, "centre": centre}
    if request.method == "POST":
        # Re-rendered after bad input: the suggestion and the agent's choice come back with it.
        context.update(suggestion_context(request, centre, request.POST))
    return render(request, "cases/intake.html", context)


def _record(request: HttpRequest, form: IntakeForm, centre: TradeUnion) -> Case | None:
    """受理, with 分类定级 and 派单 when the agent chose them: one service call and one transaction,
    so a refused step (a union out of reach, no difficulty for a dispatch) leaves nothing written."""
    target = None
    if form.cleaned_data.get("dispatch_to"):
        try:
            target = union_get(scope=case_scope(request, Perm.CASE_HANDLE), pk=form.cleaned_data["dispatch_to"])
        except NotFound:
            form.add_error(None, _("所选的承办工会不在您的办理范围内。"))
            return None
    dispatch_to = target if target is not None and target.pk != centre.pk else None
    result = call_service(form, case_intake, actor=request.user, union=centre, data=form.intake_data(),
                          difficulty=form.cleaned_data.get("difficulty") or "", dispatch_to=dispatch_to)
    if result is None:
        return None
    case = result.case
    messages.success(request, _("已受理，案件编号 %(number)s。") % {"number": case.number})
    if dispatch_to is not None:
        messages.success(request, _("已派往 %(union)s。") % {"union": dispatch_to.name})
    if result.possible_duplicates:
        messages.warning(request, _("近30天有相关案件：%(numbers)s") % {
            "numbers": "、".join(result.possible_duplicates)})
    return case


@require_POST
@needs_case_permission(Perm.CASE_INTAKE)
def case_intake_suggest(request: HttpRequest) -> HttpResponse:
    """htmx, as the agent types. POST, because the caller's phone must not end up in URLs and logs."""
    centre = home_union(request, Perm.CASE_INTAKE)
    if centre is None:
        return HttpResponse("")
    return render(request, "cases/_suggestion.html", suggestion_context(request, centre, request.POST))
