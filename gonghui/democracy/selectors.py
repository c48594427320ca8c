"""Every read of 民主管理, each with a required `scope` (the member's own selector excepted: a worker
sees only what their employer published)."""

import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from gonghui.core.permissions import Perm
from gonghui.democracy.choices import ProposalStatus, RuleCode, SeatKind
from gonghui.democracy.models import (
    AgendaItem,
    BoardSeat,
    CongressGuidance,
    CongressSession,
    CongressTerm,
    Delegate,
    Disclosure,
    OpennessAssessment,
    Proposal,
    ProposalEvent,
    WorkersCongress,
)
from gonghui.democracy.rule_models import AgendaRule, DemocracyRule
from gonghui.democracy.rules import DelegateRow, RuleCheck, composition_checks, current_rules
from gonghui.democracy.standing import held_union_paths
from gonghui.orgs.choices import EmployerStatus
from gonghui.orgs.models import Employer
from gonghui.orgs.scope import Scope, covers_all_roots, get_visible, scope_for


def congress_list(*, scope: Scope, query: str = "") -> QuerySet[WorkersCongress]:
    rows = WorkersCongress.objects.visible_to(scope).select_related("employer")
    if query:
        rows = rows.filter(employer__name__contains=query)
    return rows.order_by("employer__name", "pk")


def congress_get(*, scope: Scope, pk: Any) -> WorkersCongress:
    return get_visible(WorkersCongress.objects.select_related("employer"), scope, pk=pk)


def congress_of_employer(*, scope: Scope, employer: Employer) -> WorkersCongress | None:
    return WorkersCongress.objects.visible_to(scope).filter(employer=employer).first()


def term_get(*, scope: Scope, pk: Any) -> CongressTerm:
    return get_visible(CongressTerm.objects.select_related("congress__employer"), scope, pk=pk)


def current_term(congress: WorkersCongress, today: datetime.date | None = None) -> CongressTerm | None:
    today = today or timezone.localdate()
    terms = congress.terms.order_by("-number")
    return terms.filter(starts_on__lte=today).first() or terms.first()


def session_get(*, scope: Scope, pk: Any) -> CongressSession:
    return get_visible(CongressSession.objects.select_related("term__congress__employer"), scope, pk=pk)


def agenda_item_get(*, scope: Scope, pk: Any) -> AgendaItem:
    return get_visible(AgendaItem.objects.select_related("session__term__congress"), scope, pk=pk)


def delegate_get(*, scope: Scope, pk: Any) -> Delegate:
    return get_visible(Delegate.objects.select_related("term__congress"), scope, pk=pk)


def term_delegates(*, scope: Scope, term: CongressTerm) -> QuerySet[Delegate]:
    return Delegate.objects.visible_to(scope).filter(term=term).select_related("member")


def term_composition(*, scope: Scope, term: CongressTerm) -> list[RuleCheck]:
    rows = [DelegateRow(c, w, d) for c, w, d in
            term_delegates(scope=scope, term=term).values_list("category", "is_woman", "is_dispatched")]
    return composition_checks(workforce=term.workforce, women_workforce=term.women_workforce,
                              dispatched_workforce=term.dispatched_workforce, delegates=rows, rules=current_rules())


def proposal_get(*, scope: Scope, pk: Any) -> Proposal:
    return get_visible(Proposal.objects.select_related("congress__employer", "submitter", "session"), scope, pk=pk)


def proposal_list(*, scope: Scope, status: str = "", employer: Employer | None = None, query: str = "",
                  overdue: bool = False, now: datetime.datetime | None = None) -> QuerySet[Proposal]:
    rows = Proposal.objects.visible_to(scope).select_related("congress__employer", "submitter")
    if status:
        rows = rows.filter(status=status)
    if employer is not None:
        rows = rows.filter(congress__employer=employer)
    if query:
        rows = rows.filter(Q(title__contains=query) | Q(number__contains=query) | Q(department__contains=query))
    if overdue:
        rows = rows.filter(status=ProposalStatus.ASSIGNED, due_at__lt=now or timezone.now())
    return rows.annotate(cosign_count=Count("cosigns")).order_by("-submitted_at", "-pk")


def proposals_awaiting_committee(*, scope: Scope) -> QuerySet[Proposal]:
    return Proposal.objects.visible_to(scope).filter(status=ProposalStatus.SUBMITTED)


def proposals_overdue(*, scope: Scope, now: datetime.datetime | None = None) -> QuerySet[Proposal]:
    return proposal_list(scope=scope, overdue=True, now=now)


def congresses_without_session(*, scope: Scope, year: int | None = None) -> QuerySet[WorkersCongress]:
    """Congresses set up before `year` with no session held in it (at least once a year)."""
    year = year or timezone.localdate().year
    held = CongressSession.objects.filter(term__congress=OuterRef("pk"), held_on__year=year)
    return (congress_list(scope=scope).filter(established_on__lt=datetime.date(year, 1, 1))
            .exclude(Exists(held)))


def employers_missing_director(*, scope: Scope, today: datetime.date | None = None) -> QuerySet[Employer]:
    """公司制企业 of the listed kinds with at least the set number of workers and no serving 职工董事
    (公司法 第六十八条 and 第一百二十条; the kinds and the number are rule rows)."""
    today = today or timezone.localdate()
    rules = current_rules()
    serving = BoardSeat.objects.filter(employer=OuterRef("pk"), kind=SeatKind.DIRECTOR, starts_on__lte=today,
                                       ends_on__gte=today, ended_on__isnull=True)
    return (Employer.objects.visible_to(scope)
            .filter(status=EmployerStatus.ACTIVE, ownership__in=rules.codes(RuleCode.DIRECTOR_OWNERSHIPS),
                    employee_count__gte=rules.whole(RuleCode.DIRECTOR_MIN_WORKERS))
            .exclude(Exists(serving)).order_by("-employee_count", "name"))


def seat_list(*, scope: Scope, kind: str = "", current_only: bool = True,
              today: datetime.date | None = None) -> QuerySet[BoardSeat]:
    today = today or timezone.localdate()
    rows = BoardSeat.objects.visible_to(scope).select_related("employer__congress", "elected_by")
    if kind:
        rows = rows.filter(kind=kind)
    if current_only:
        rows = rows.filter(ended_on__isnull=True, ends_on__gte=today)
    return rows.order_by("employer__name", "kind", "-starts_on")


def seat_get(*, scope: Scope, pk: Any) -> BoardSeat:
    return get_visible(BoardSeat.objects.select_related("employer"), scope, pk=pk)


def disclosure_list(*, scope: Scope, employer: Employer | None = None, category: str = "",
                    published: bool | None = None, query: str = "") -> QuerySet[Disclosure]:
    rows = Disclosure.objects.visible_to(scope).select_related("employer")
    if employer is not None:
        rows = rows.filter(employer=employer)
    if category:
        rows = rows.filter(category=category)
    if published is not None:
        rows = rows.filter(published_at__isnull=not published)
    if query:
        rows = rows.filter(Q(title__contains=query) | Q(employer__name__contains=query))
    return rows.annotate(read_count=Count("reads")).order_by("-period_start", "-pk")


def disclosure_get(*, scope: Scope, pk: Any) -> Disclosure:
    return get_visible(Disclosure.objects.select_related("employer"), scope, pk=pk)


def disclosures_for_member(member: Any) -> QuerySet[Disclosure]:
    """What a worker may read on the portal: the published items of their own employer, nothing else."""
    employer_id = getattr(member, "employer_id", None)
    if employer_id is None:
        return Disclosure.objects.none()
    return (Disclosure.objects.filter(employer_id=employer_id, published_at__isnull=False)
            .order_by("-period_start", "-pk"))


def congress_guidance(*, congress: WorkersCongress, limit: int = 50) -> QuerySet[CongressGuidance]:
    """The 指导意见 on a congress already loaded through the viewer's scope, newest first."""
    return congress.guidance.all()[:limit]


def employers_without_congress(*, actor: Any) -> QuerySet[Employer]:
    """Employers of the unions the actor holds that could set up a 职代会 (the candidates an employer
    picker searches); a union above supervises its subtree's congresses but does not set them up."""
    return employers_for_pick(actor=actor).filter(congress__isnull=True)


def employers_for_pick(*, actor: Any) -> QuerySet[Employer]:
    """Employers of the unions the actor holds, for a record it starts (a disclosure): the candidates
    an employer picker searches."""
    return Employer.objects.filter(org_path__in=held_union_paths(actor), status=EmployerStatus.ACTIVE)


def congress_sessions(*, scope: Scope, congress: WorkersCongress) -> QuerySet[CongressSession]:
    return (CongressSession.objects.visible_to(scope).filter(term__congress=congress).select_related("term")
            .annotate(item_count=Count("items")).order_by("-held_on", "-pk"))


def session_items(*, scope: Scope, session: CongressSession) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.visible_to(scope).filter(session=session).order_by("pk")


def employer_seats(*, scope: Scope, employer: Employer) -> QuerySet[BoardSeat]:
    return BoardSeat.objects.visible_to(scope).filter(employer=employer).select_related("elected_by").order_by(
        "kind", "-starts_on")


def employer_assessments(*, scope: Scope, employer: Employer) -> QuerySet[OpennessAssessment]:
    return OpennessAssessment.objects.visible_to(scope).filter(employer=employer).order_by("-year")


def proposal_events(*, proposal: Proposal) -> QuerySet[ProposalEvent]:
    return proposal.events.order_by("at", "pk")


def proposal_waiting_counts(*, scope: Scope, now: datetime.datetime | None = None) -> dict[str, int]:
    """In one query, the lengths of two lists: awaiting the committee (status=submitted) and answers
    overdue (overdue=1), with the same predicates as `proposal_list`."""
    counts = Proposal.objects.visible_to(scope).aggregate(
        review=Count("pk", filter=Q(status=ProposalStatus.SUBMITTED)),
        overdue=Count("pk", filter=Q(status=ProposalStatus.ASSIGNED, due_at__lt=now or timezone.now())))
    return {"review": counts["review"], "overdue": counts["overdue"]}


def todo_lists(*, scope: Scope, now: datetime.datetime | None = None) -> dict[str, QuerySet[Any]]:
    """The lists behind 民主管理's to-do lines (to be counted together, core.counting.count_each): the
    proposals of `proposal_waiting_counts`, congresses without this year's session, companies lacking a
    职工董事."""
    proposals = Proposal.objects.visible_to(scope)
    return {"review": proposals.filter(status=ProposalStatus.SUBMITTED),
            "overdue": proposals.filter(status=ProposalStatus.ASSIGNED, due_at__lt=now or timezone.now()),
            "sessions": congresses_without_session(scope=scope),
            "directors": employers_missing_director(scope=scope)}


def rule_rows(*, scope: Scope) -> tuple[list[DemocracyRule], list[AgendaRule]]:
    """The rules' numbers as they stand (one set for the deployment), for whoever sees 民主管理."""
    if scope.is_empty:
        return [], []
    return list(DemocracyRule.objects.order_by("pk")), list(AgendaRule.objects.order_by("pk"))


def may_change_rules(user: Any) -> bool:
    return covers_all_roots(scope_for(user, Perm.DEMOCRACY_MANAGE))
