"""荣誉与技能 on a person's page and on an employer's page: what the honours and skills apps hold of
them, each part read through its own selector with the viewer's scope for that permission, and left
out (None) for a viewer who holds the permission nowhere.

A fixed number of queries whatever the record holds: each list is one query, cut at ROWS (one row
more is read to say that the list goes on)."""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from gonghui.core.permissions import Perm
from gonghui.honours.models import ModelWorker
from gonghui.honours.record_selectors import employer_honours, person_honours, person_register_entry
from gonghui.members.models import Member
from gonghui.orgs.models import Employer
from gonghui.orgs.scope import scope_for
from gonghui.skills.competition_selectors import competition_results_of_member
from gonghui.skills.innovation_selectors import employer_innovations, person_innovations
from gonghui.skills.models import InnovationStudio, StudioMember

ROWS = 20


@dataclass(frozen=True)
class Rows:
    rows: list[Any]
    more: bool  # the list goes on past ROWS

    @classmethod
    def of(cls, queryset: Any) -> "Rows":
        found = list(queryset[:ROWS + 1])
        return cls(found[:ROWS], len(found) > ROWS)

    def __bool__(self) -> bool:
        return bool(self.rows)


@dataclass(frozen=True)
class PersonHonours:
    awards: Rows  # of Award
    register: ModelWorker | None


@dataclass(frozen=True)
class PersonSkills:
    results: Rows  # of CompetitionEntry, with .award
    suggestions: Rows  # of Suggestion
    studios_led: list[InnovationStudio]
    studio_seats: list[StudioMember]
    as_master: Rows  # of Apprenticeship
    as_apprentice: Rows  # of Apprenticeship


@dataclass(frozen=True)
class EmployerSkills:
    suggestions: Rows
    studios: Rows
    apprenticeships: Rows


def person_record(request: HttpRequest, member: Member) -> tuple[PersonHonours | None, PersonSkills | None]:
    honours_scope = scope_for(request.user, Perm.HONOURS_VIEW)
    skills_scope = scope_for(request.user, Perm.SKILLS_VIEW)
    honours = None
    if not honours_scope.is_empty:
        honours = PersonHonours(awards=Rows.of(person_honours(scope=honours_scope, member=member)
                                               .order_by("-year", "-decided_on", "-pk")),
                                register=person_register_entry(scope=honours_scope, member=member))
    skills = None
    if not skills_scope.is_empty:
        found = person_innovations(scope=skills_scope, member=member)
        skills = PersonSkills(results=Rows.of(competition_results_of_member(scope=skills_scope, member=member)),
                              suggestions=Rows.of(found.suggestions), studios_led=list(found.studios_led[:ROWS]),
                              studio_seats=list(found.studio_seats[:ROWS]), as_master=Rows.of(found.as_master),
                              as_apprentice=Rows.of(found.as_apprentice))
    return honours, skills


def employer_record(request: HttpRequest, employer: Employer) -> tuple[Rows | None, EmployerSkills | None]:
    """The honours of the employer (collective) and of its people, and its innovations and studios."""
    honours_scope = scope_for(request.user, Perm.HONOURS_VIEW)
    skills_scope = scope_for(request.user, Perm.SKILLS_VIEW)
    honours = None
    if not honours_scope.is_empty:
        honours = Rows.of(employer_honours(scope=honours_scope, employer=employer)
                          .order_by("-year", "-decided_on", "-pk"))
    skills = None
    if not skills_scope.is_empty:
        found = employer_innovations(scope=skills_scope, employer=employer)
        skills = EmployerSkills(suggestions=Rows.of(found.suggestions), studios=Rows.of(found.studios),
                                apprenticeships=Rows.of(found.apprenticeships))
    return honours, skills


__all__ = ["ROWS", "EmployerSkills", "PersonHonours", "PersonSkills", "Rows", "employer_record", "person_record"]
