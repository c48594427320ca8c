"""What a worker signed in on the portal may read of the skills app: their own suggestions with the
benefit and rewards, their own competition entries with any award, and their 师带徒 agreements.

The worker is known only by the phone proved at login; the live member record behind it is the key
(suggestion_selectors.worker_member). Nobody else's rows are ever read here: a worker with no member
record sees nothing.
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Q, QuerySet, Subquery, Sum

from gonghui.members.cleaning import member_index_candidates
from gonghui.members.models import Member
from gonghui.members.services.applications import PortalWorker
from gonghui.skills.competition_models import CompetitionEntry
from gonghui.skills.models import Apprenticeship, Suggestion, SuggestionReward
from gonghui.skills.suggestion_selectors import worker_member


@dataclass(frozen=True)
class WorkerSkills:
    member: Member | None
    suggestions: QuerySet[Suggestion]
    entries: QuerySet[CompetitionEntry]
    apprenticeships: QuerySet[Apprenticeship]


def worker_suggestions(member: Member | None) -> QuerySet[Suggestion]:
    if member is None:
        return Suggestion.objects.none()
    rewards = (SuggestionReward.objects.filter(suggestion=OuterRef("pk")).order_by().values("suggestion")
               .annotate(s=Sum("amount")).values("s"))
    return (Suggestion.objects.filter(proposer=member).select_related("employer")
            .annotate(reward_total=Subquery(rewards)).order_by("-submitted_on", "-pk"))


def worker_skills(*, worker: PortalWorker) -> WorkerSkills:
    member = worker_member(worker)
    if member is None:
        return WorkerSkills(None, Suggestion.objects.none(), CompetitionEntry.objects.none(),
                            Apprenticeship.objects.none())
    # Matched by identity, as the person's page does: an entry typed in by name and number is theirs too.
    entries = (CompetitionEntry.objects.filter(participants__id_index__in=member_index_candidates(member),
                                                withdrawn=False)
               .select_related("competition__organiser", "award").order_by("-competition__start_on", "-pk").distinct())
    pairs = (Apprenticeship.objects.filter(Q(master=member) | Q(apprentice=member))
             .select_related("master", "apprentice", "employer").order_by("-agreed_on", "-pk"))
    return WorkerSkills(member, worker_suggestions(member), entries, pairs)
