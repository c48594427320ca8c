"""职工技能培训: the courses of a year, recording a finished course with its level counts, deleting one
entered by mistake."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.errors import DomainError
from gonghui.skills.services.training import training_course_delete, training_course_record
from gonghui.skills.training_selectors import course_get, course_list
from gonghui.web.common.forms import call_service
from gonghui.web.common.unions import union_from_choice
from gonghui.web.common.views import flash_error, needs_any, not_found_as_404, paginate
from gonghui.web.skills import innovation_forms as f
from gonghui.web.skills.views.common import MANAGE, PERMS, manage_scope, manage_unions, view_scope


@needs_any(*PERMS)
def course_list_page(request: HttpRequest) -> HttpResponse:
    form = f.CourseFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    year = d.get("year") or timezone.localdate().year
    rows = course_list(scope=view_scope(request), year=year, kind=d.get("kind", ""), query=d.get("q", ""))
    return render(request, "skills/course_list.html", {
        "form": form, "year": year, "page": paginate(request, rows, per_page=30), "tab": "training",
        "can_manage": not manage_scope(request).is_empty})


@needs_any(MANAGE)
def course_new_page(request: HttpRequest) -> HttpResponse:
    form = f.CourseForm(request.POST or None, unions=manage_unions(request), initial={"kind": "skills"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        union = call_service(form, union_from_choice, request=request, permission=MANAGE, pk=d["union"])
        done = union and call_service(
            form, training_course_record, actor=request.user, union=union, title=d["title"], kind=d["kind"],
            starts_on=d["starts_on"], ends_on=d["ends_on"], trainees=d["trainees"], provider=d["provider"],
            hours=d["hours"], levels=form.levels())
        if done:
            messages.success(request, _("已登记培训班。"))
            return redirect(f"{reverse('web:skills_courses')}?year={done.ends_on.year}")
    return render(request, "skills/course_form.html", {"form": form, "tab": "training"},
                  status=400 if form.errors else 200)


@require_POST
@needs_any(MANAGE)
@not_found_as_404
def course_delete(request: HttpRequest, pk: int) -> HttpResponse:
    course = course_get(scope=view_scope(request), pk=pk)
    try:
        training_course_delete(actor=request.user, course=course)
    except DomainError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("已删除培训班“%(title)s”。") % {"title": course.title})
    return redirect(f"{reverse('web:skills_courses')}?year={course.ends_on.year}")
