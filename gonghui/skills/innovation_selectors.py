"""A person's innovations and an employer's, and the lengths of the innovation to-do lists."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from gonghui.core.counting import count_each
from gonghui.members.models import Member
from gonghui.orgs.models import Employer
from gonghui.orgs.scope import Scope
from gonghui.skills.apprenticeship_selectors import apprenticeship_list, apprenticeships_past_period
from gonghui.skills.models import Apprenticeship, InnovationStudio, Patent, StudioMember, Suggestion, TrainingCourse
from gonghui.skills.studio_selectors import studio_list, studios_due_assessment
from gonghui.skills.suggestion_selectors import (
    REVIEW_WORKING_DAYS,
    patent_list,
    suggestion_list,
    suggestions_awaiting_review,
)
from gonghui.skills.training_selectors import course_list


@dataclass(frozen=True)
class PersonInnovations:
    suggestions: QuerySet[Suggestion]
    studios_led: QuerySet[InnovationStudio]
    studio_seats: QuerySet[StudioMember]
    as_master: QuerySet[Apprenticeship]
    as_apprentice: QuerySet[Apprenticeship]
    patents: QuerySet[Patent]


def person_innovations(*, scope: Scope, member: Member) -> PersonInnovations:
    """Everything innovative of one member's that the scope shows (the person's page)."""
    seats = (StudioMember.objects.filter(member=member, studio__in=InnovationStudio.objects.visible_to(scope)
                                         .values("pk"))
             .select_related("studio__employer").order_by("-joined_on", "pk"))
    pairs = apprenticeship_list(scope=scope, member=member)
    return PersonInnovations(
        suggestions=suggestion_list(scope=scope, proposer=member),
        studios_led=studio_list(scope=scope).filter(leader=member),
        studio_seats=seats,
        as_master=pairs.filter(master=member),
        as_apprentice=pairs.filter(apprentice=member),
        patents=patent_list(scope=scope).filter(Q(suggestion__proposer=member) | Q(studio__leader=member)))


@dataclass(frozen=True)
class EmployerInnovations:
    suggestions: QuerySet[Suggestion]
    studios: QuerySet[InnovationStudio]
    apprenticeships: QuerySet[Apprenticeship]
    courses: QuerySet[TrainingCourse]
    patents: QuerySet[Patent]


def employer_innovations(*, scope: Scope, employer: Employer) -> EmployerInnovations:
    return EmployerInnovations(suggestions=suggestion_list(scope=scope, employer=employer),
                               studios=studio_list(scope=scope, employer=employer),
                               apprenticeships=apprenticeship_list(scope=scope, employer=employer),
                               courses=course_list(scope=scope, employer=employer),
                               patents=patent_list(scope=scope, employer=employer))


def innovation_waiting_lists(*, scope: Scope, working_days: int = REVIEW_WORKING_DAYS,
                             today: datetime.date | None = None) -> dict[str, QuerySet[Any]]:
    """The lists behind the to-do lines, through the same selectors the lists show: suggestions waiting
    for review beyond `working_days` (review), studios due for the yearly assessment (assessment), 师带徒
    agreements past their period with no outcome (apprenticeships)."""
    if scope.is_empty:
        return {}
    return {"review": suggestions_awaiting_review(scope=scope, working_days=working_days, today=today),
            "assessment": studios_due_assessment(scope=scope, today=today),
            "apprenticeships": apprenticeships_past_period(scope=scope, today=today)}


def innovation_waiting_counts(*, scope: Scope, working_days: int = REVIEW_WORKING_DAYS,
                              today: datetime.date | None = None) -> dict[str, int]:
    """The to-do lines' lengths (innovation_waiting_lists), counted in one query."""
    return {"review": 0, "assessment": 0, "apprenticeships": 0,
            **count_each(innovation_waiting_lists(scope=scope, working_days=working_days, today=today))}
