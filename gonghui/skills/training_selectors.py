"""Reads of 职工技能培训: courses with filters, one course and its skill-level counts."""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import Scope, get_visible
from gonghui.skills.models import TrainingCourse, TrainingLevelCount


def course_list(*, scope: Scope, year: int | None = None, kind: str = "", union: TradeUnion | None = None,
                employer: Employer | None = None, query: str = "") -> QuerySet[TrainingCourse]:
    """`year` is the year a course ended in, as the figures count it."""
    rows = (TrainingCourse.objects.visible_to(scope).select_related("union", "employer")
            .prefetch_related(Prefetch("levels", queryset=TrainingLevelCount.objects.order_by("level"))))
    if year is not None:
        rows = rows.filter(ends_on__year=year)
    if kind:
        rows = rows.filter(kind=kind)
    if union is not None:
        rows = rows.filter(union=union)
    if employer is not None:
        rows = rows.filter(employer=employer)
    if query:
        rows = rows.filter(Q(title__contains=query) | Q(provider__contains=query))
    return rows.order_by("-ends_on", "-pk")


def course_get(*, scope: Scope, pk: Any) -> TrainingCourse:
    return get_visible(TrainingCourse.objects.select_related("union", "employer"), scope, pk=pk)


def course_levels(*, course: TrainingCourse) -> dict[str, int]:
    return dict(course.levels.order_by("level").values_list("level", "count"))
