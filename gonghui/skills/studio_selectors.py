"""Reads of 创新工作室: lists with filters, one studio with its team, results, patents, assessments and
timeline, the studios due for their yearly assessment, and a 劳模's studios."""

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from gonghui.orgs.models import Employer
from gonghui.orgs.scope import Scope, get_visible
from gonghui.skills.innovation_choices import StudioStatus
from gonghui.skills.models import (
    InnovationStudio,
    Patent,
    StudioAssessment,
    StudioEvent,
    StudioMember,
    StudioResult,
)


def studio_list(*, scope: Scope, kind: str = "", level: str = "", status: str = "", employer: Employer | None = None,
                query: str = "", model_worker_id: int | None = None) -> QuerySet[InnovationStudio]:
    rows = InnovationStudio.objects.visible_to(scope).select_related("employer", "leader")
    if kind:
        rows = rows.filter(kind=kind)
    if level:
        rows = rows.filter(level=level)
    if status:
        rows = rows.filter(status=status)
    if employer is not None:
        rows = rows.filter(employer=employer)
    if model_worker_id is not None:
        rows = rows.filter(model_worker_id=model_worker_id)
    if query:
        rows = rows.filter(Q(name__contains=query) | Q(leader_name__contains=query) | Q(employer__name__contains=query))
    return rows.order_by("-named_on", "-pk")


def studio_get(*, scope: Scope, pk: Any) -> InnovationStudio:
    return get_visible(InnovationStudio.objects.select_related("employer", "leader"), scope, pk=pk)


def studio_team(*, studio: InnovationStudio, current_only: bool = True) -> QuerySet[StudioMember]:
    rows = studio.team.select_related("member")
    return rows.filter(left_on__isnull=True) if current_only else rows.order_by("joined_on", "pk")


def studio_results(*, studio: InnovationStudio, year: int | None = None) -> QuerySet[StudioResult]:
    rows = studio.results.all()
    return rows.filter(year=year) if year is not None else rows.order_by("-year", "-pk")


def studio_patents(*, studio: InnovationStudio) -> QuerySet[Patent]:
    return studio.patents.order_by("-granted_on", "pk")


def studio_assessments(*, studio: InnovationStudio) -> QuerySet[StudioAssessment]:
    return studio.assessments.order_by("-year")


def studio_events(*, studio: InnovationStudio) -> QuerySet[StudioEvent]:
    return studio.events.order_by("at", "pk")


def assessment_year(today: datetime.date | None = None) -> int:
    """The year now assessed: the one that last ended."""
    return (today or timezone.localdate()).year - 1


def studios_due_assessment(*, scope: Scope, year: int | None = None,
                           today: datetime.date | None = None) -> QuerySet[InnovationStudio]:
    """Studios standing (named in or before `year`, not revoked) with no assessment for `year` yet;
    `year` is the last year that ended, unless another is asked for."""
    year = year if year is not None else assessment_year(today)
    done = StudioAssessment.objects.filter(studio=OuterRef("pk"), year=year)
    return (InnovationStudio.objects.visible_to(scope)
            .filter(status=StudioStatus.ACTIVE, named_on__lte=datetime.date(year, 12, 31))
            .exclude(Exists(done)).select_related("employer").order_by("named_on", "pk"))
