"""劳模名册: the register with its figures by level, and a person's page: their honours, the yearly
contact and benefits (劳模津贴, 体检, 疗休养), 困难劳模, a death, the current post."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.core.permissions import Perm
from gonghui.honours.choices import AwardLevel, ModelWorkerStatus
from gonghui.honours.hardship_selectors import RegisterHardship, register_hardship
from gonghui.honours.models import ModelWorker
from gonghui.honours.record_selectors import (
    person_honours,
    register_figures,
    register_get,
    register_list,
    register_records,
)
from gonghui.honours.services import (
    model_worker_mark_hardship,
    model_worker_record_add,
    model_worker_record_death,
    model_worker_update,
)
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import needs_any, not_found_as_404, paginate, scope, shown_query
from gonghui.web.honours.forms import DeathForm, HardshipForm, PostForm, RecordForm, RegisterFilterForm
from gonghui.web.honours.views.common import MANAGE, PERMS, may_manage, view_scope

HARDSHIP = {"1": True, "0": False}
STEPS: dict[str, tuple[type[forms.Form], Any]] = {
    "record": (RecordForm, gettext_lazy("登记走访、考核或待遇")), "hardship": (HardshipForm, gettext_lazy("困难劳模")),
    "death": (DeathForm, gettext_lazy("登记去世")), "post": (PostForm, gettext_lazy("更新现职务和单位")),
}


@needs_any(*PERMS)
def register_list_page(request: HttpRequest) -> HttpResponse:
    scope = view_scope(request)
    form = RegisterFilterForm(request.GET or None)
    f = form.values()
    rows = register_list(scope=scope, level=f.get("level", ""), status=f.get("status", ""),
                         in_hardship=HARDSHIP.get(f.get("hardship", "")), query=f.get("q", ""))
    figures = [(level, AwardLevel(level).label, f) for level, f in register_figures(scope=scope).items()]
    return render(request, "honours/register_list.html", {
        "form": form, "page": paginate(request, rows, 30), "figures": figures,
        "shown_q": shown_query(f.get("q", ""))})


def _hardship(request: HttpRequest, entry: ModelWorker) -> RegisterHardship:
    return register_hardship(scope=scope(request, Perm.HARDSHIP_VIEW), model_worker=entry)


def _initial(entry: ModelWorker, hardship: RegisterHardship) -> dict[str, forms.Form]:
    today = timezone.localdate()
    return {"record": RecordForm(initial={"year": today.year, "on": today}, auto_id="id_record_%s"),
            "hardship": HardshipForm(initial={"in_hardship": entry.in_hardship,
                                              "hardship_file": entry.hardship_file_id},
                                     auto_id="id_hardship_%s", files=hardship.candidates),
            "death": DeathForm(auto_id="id_death_%s"),
            "post": PostForm(initial={"post": entry.post, "employer_name": entry.employer_name}, auto_id="id_post_%s")}


def render_entry(request: HttpRequest, entry: ModelWorker, failed: tuple[str, forms.Form] | None = None
                 ) -> HttpResponse:
    hardship = _hardship(request, entry)
    steps = []
    if may_manage(request, entry.org_path):
        forms_ = _initial(entry, hardship) | (dict([failed]) if failed else {})
        wanted = list(STEPS) if entry.status == ModelWorkerStatus.ACTIVE else ["record"]
        steps = [{"key": k, "label": STEPS[k][1], "form": forms_[k]} for k in wanted]
    return render(request, "honours/register_detail.html", {
        "m": entry, "records": register_records(scope=view_scope(request), model_worker=entry),
        "honours": person_honours(scope=view_scope(request), id_index=entry.id_index), "steps": steps,
        "hardship": hardship,
        "open_step": failed[0] if failed else ""}, status=400 if failed else 200)


@needs_any(*PERMS)
@not_found_as_404
def register_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render_entry(request, register_get(scope=view_scope(request), pk=pk))


def _run(step: str, form: forms.Form, request: HttpRequest, entry: ModelWorker) -> Any:
    d, actor = form.cleaned_data, request.user
    if step == "record":
        return call_service(form, model_worker_record_add, actor=actor, model_worker=entry, kind=d["kind"],
                            year=d["year"], on=d["on"], amount=d["amount"], result=d["result"], note=d["note"])
    if step == "hardship":
        return call_service(form, model_worker_mark_hardship, actor=actor, model_worker=entry,
                            in_hardship=d["in_hardship"], hardship_file_id=d["hardship_file"])
    if step == "death":
        return call_service(form, model_worker_record_death, actor=actor, model_worker=entry, died_on=d["died_on"],
                            note=d["note"])
    return call_service(form, model_worker_update, actor=actor, model_worker=entry, post=d["post"],
                        employer_name=d["employer_name"])


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def register_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    entry = register_get(scope=view_scope(request), pk=pk)
    if step not in STEPS:
        return redirect("web:honour_register", entry.pk)
    # The file field's choices are the person's files this cadre sees, as on the page.
    kwargs: dict[str, Any] = {"files": _hardship(request, entry).candidates} if step == "hardship" else {}
    form = STEPS[step][0](request.POST, auto_id=f"id_{step}_%s", **kwargs)
    if form.is_valid() and _run(step, form, request, entry) is not None:
        messages.success(request, _("已保存：%(step)s。") % {"step": STEPS[step][1]})
        return redirect("web:honour_register", entry.pk)
    return render_entry(request, register_get(scope=view_scope(request), pk=pk), (step, form))
