"""Every read of calls and nominations, each through the caller's scope (out of scope answers like missing).

A call is seen by the unions it reaches: the issuing union and those above it (its subtree's scope),
and every union below it, which nominates to it.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from gonghui.core.counting import count_each
from gonghui.core.errors import NotFound
from gonghui.honours.choices import (
    FRONT_LINE_CATEGORIES,
    Action,
    CallStatus,
    Gender,
    NominationStatus,
    NomineeType,
    ObjectionVerdict,
)
from gonghui.honours.models import (
    Award,
    AwardKind,
    Call,
    CallQuota,
    HonourEvent,
    HonourNomination,
    NominationCheck,
    NominationDocument,
    Objection,
)
from gonghui.honours.rules import ListEntry, ListRules, entry_of, list_errors
from gonghui.honours.workflow import allowed_actions
from gonghui.orgs import tree
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, get_visible, subtree_q

S = NominationStatus
NOMINATION_LISTS = ("all", "waiting", "selected", "returned", "final", "notice", "awarded")


def award_kind_list(*, active_only: bool = True) -> QuerySet[AwardKind]:
    qs = AwardKind.objects.all()
    return qs.filter(is_active=True) if active_only else qs


def _reaching(scope: Scope) -> Q:
    """Calls issued in the scope's subtrees, or by a union above one of its roots."""
    if scope.everything:
        return Q()
    above = {p for root in scope.roots for p in tree.ancestor_paths(root)}
    return scope.q("org_path") | Q(org_path__in=sorted(above))


def notices_ending_q(*, on_call: bool, today: datetime.date | None = None, days: int = 3) -> Q:
    """Notices running that end within `days` days, as a filter on PublicNotice or (`on_call`) on Call:
    one definition for the to-do line and the call list it links to."""
    today = today or timezone.localdate()
    notice, call = ("notice__", "") if on_call else ("", "call__")
    return Q(**{f"{notice}ends_on__gte": today, f"{notice}ends_on__lte": today + datetime.timedelta(days=days),
                f"{call}status": CallStatus.NOTICE})


def call_list(*, scope: Scope, status: str = "", year: int | None = None, ending: bool = False,
              kind_code: str = "") -> QuerySet[Call]:
    if scope.is_empty:
        return Call.objects.none()
    qs = Call.objects.filter(_reaching(scope)).select_related("kind", "union")
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    if kind_code:
        qs = qs.filter(kind__code=kind_code)
    if ending:
        qs = qs.filter(notices_ending_q(on_call=True))
    return qs


def call_get(*, scope: Scope, pk: Any) -> Call:
    try:
        return call_list(scope=scope).get(pk=pk)
    except (Call.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


@dataclass(frozen=True)
class QuotaProgress:
    union: TradeUnion
    places: int
    used: int
    left: int
    waiting: int  # nominations at this level awaiting its decision
    selected: int  # passed here, not yet submitted


def call_progress(*, scope: Scope, call: Call) -> list[QuotaProgress]:
    """Per subordinate union with a quota the scope sees: places, used, left, and its work in hand."""
    quotas = list(CallQuota.objects.visible_to(scope).filter(call=call).select_related("union"))
    counts = {row["at_union_id"]: row for row in call.nominations.filter(
        at_union_id__in=[q.union_id for q in quotas]).values("at_union_id").annotate(
        waiting=Count("pk", filter=Q(status__in=(S.PENDING, S.RETURNED))),
        selected=Count("pk", filter=Q(status=S.SELECTED)))}
    return [QuotaProgress(q.union, q.places, q.used, q.left, counts.get(q.union_id, {}).get("waiting", 0),
                          counts.get(q.union_id, {}).get("selected", 0)) for q in quotas]


def call_totals(*, scope: Scope, call: Call) -> dict[str, int]:
    """How many nominations of the call, in the scope, stand at each status (one query)."""
    counts = dict(call.nominations.visible_to(scope).values_list("status").annotate(n=Count("pk")).order_by())
    places = CallQuota.objects.visible_to(scope).filter(call=call).aggregate(places=Sum("places"), used=Sum("used"))
    return {**{s: counts.get(s, 0) for s in S.values}, "places": places["places"] or 0, "used": places["used"] or 0}


def nomination_filter(show: str, scope: Scope) -> Q:
    """Which nominations a list (a tab, a to-do line) holds: one definition for the page and the counts."""
    mine = Q() if scope.everything else Q(at_path__in=scope.roots)
    if show == "waiting":  # waiting for my level's decision
        return mine & Q(status=S.PENDING)
    if show == "selected":
        return mine & Q(status=S.SELECTED)
    if show == "returned":
        return mine & Q(status=S.RETURNED)
    if show in ("final", "notice", "awarded"):
        return Q(status=show)
    return Q()


def nomination_list(*, scope: Scope, call: Call | None = None, show: str = "all", status: str = "",
                    union: TradeUnion | None = None, query: str = "") -> QuerySet[HonourNomination]:
    qs = HonourNomination.objects.visible_to(scope).select_related("call__kind", "union", "at_union", "employer")
    if call is not None:
        qs = qs.filter(call=call)
    if show in NOMINATION_LISTS and show != "all":
        qs = qs.filter(nomination_filter(show, scope))
    if status:
        qs = qs.filter(status=status)
    if union is not None:
        qs = qs.filter(subtree_q("org_path", union.path))
    if query.strip():
        qs = qs.filter(Q(name__icontains=query.strip()) | Q(employer_name__icontains=query.strip()))
    return qs.defer("id_number")


def nomination_get(*, scope: Scope, pk: Any) -> HonourNomination:
    return get_visible(HonourNomination.objects.select_related("call__kind", "call__union", "union", "at_union",
                                                               "employer", "notice"), scope, pk=pk)


@dataclass(frozen=True)
class NominationParts:
    documents: list[NominationDocument]
    checks: list[NominationCheck]
    objections: list[Objection]  # shown to the issuing union's side only; the objector masked
    events: list[HonourEvent]
    award_id: int | None = None  # the honour conferred on this nomination, when the viewer may see it


def nomination_parts(*, scope: Scope, nomination: HonourNomination) -> NominationParts:
    nomination = get_visible(HonourNomination.objects, scope, pk=nomination.pk)
    return NominationParts(
        documents=list(nomination.documents.all()),
        checks=list(nomination.checks.select_related("union")),
        objections=list(Objection.objects.visible_to(scope).filter(nomination=nomination).select_related("case")
                        .defer("phone")),
        events=list(nomination.events.order_by("-at", "-id")),
        award_id=Award.objects.visible_to(scope).filter(nomination=nomination).values_list("pk", flat=True).first())


def nomination_actions(*, scope: Scope, nomination: HonourNomination) -> list[str]:
    """The steps the holder of `scope` (honours.manage) may take on the nomination now."""
    if not scope.covers(nomination.at_path):
        return []
    actions = allowed_actions(nomination.status)
    own_level = nomination.at_union_id == nomination.union_id
    if own_level:
        actions = [a for a in actions if a != Action.RETURN]
    else:
        actions = [a for a in actions if a not in (Action.EDIT, Action.ATTACH, Action.WITHDRAW)]
        if nomination.status == S.RETURNED:
            actions = [a for a in actions if a != Action.PASS]
    if nomination.call.status != CallStatus.OPEN:
        actions = [a for a in actions if a not in (Action.PASS, Action.CHECK, Action.UNSELECT, Action.SUBMIT)]
    return actions


@dataclass(frozen=True)
class ListSummary:
    count: int
    persons: int
    front_line: int
    women: int
    places: int | None
    problems: list[Any]  # the rules the list breaks now, each with its numbers (empty: it may be submitted)


def level_list_summary(*, scope: Scope, call: Call, union: TradeUnion) -> ListSummary:
    """What submitting `union`'s list would be judged on, shown before the button is pressed."""
    from gonghui.honours.services.review import level_list

    if not scope.covers(union.path):
        raise NotFound()
    quota = CallQuota.objects.filter(call=call, union=union).first()
    entries: list[ListEntry] = [entry_of(n) for n in level_list(call=call, union=union).distinct()]
    persons = [e for e in entries if e.nominee_type == NomineeType.PERSON]
    judged = quota is not None or union.path == call.org_path
    rules = ListRules(call.front_line_min_pct if judged else 0, call.women_min_pct if judged else 0,
                      tuple(call.excluded_ranks), (quota.places if quota else call.places) if judged else None)
    return ListSummary(count=len(entries), persons=len(persons),
                       front_line=sum(1 for e in persons if e.category in FRONT_LINE_CATEGORIES),
                       women=sum(1 for e in persons if e.gender == Gender.FEMALE), places=rules.places,
                       problems=[e.message for e in list_errors(entries, rules)])


def objection_list(*, scope: Scope, unanswered: bool = False, call: Call | None = None) -> QuerySet[Objection]:
    qs = Objection.objects.visible_to(scope).select_related("nomination", "case", "notice").defer("phone")
    if unanswered:
        qs = qs.filter(verdict=ObjectionVerdict.NONE)
    if call is not None:
        qs = qs.filter(notice__call=call)
    return qs


def objection_get(*, scope: Scope, pk: Any) -> Objection:
    return get_visible(Objection.objects.select_related("nomination", "case", "notice").defer("phone"), scope, pk=pk)


def todo_counts(*, scope: Scope, today: datetime.date | None = None, ending_days: int = 3) -> dict[str, int]:
    """What waits for the scope's holder, in one query: nominations at their level, returned ones,
    objections without an answer, and notices ending within `ending_days` days."""
    from gonghui.honours.models import PublicNotice

    today = today or timezone.localdate()
    nominations = HonourNomination.objects.visible_to(scope)
    return count_each(
        {show: nominations.filter(nomination_filter(show, scope)) for show in ("waiting", "selected", "returned")},
        objections=Objection.objects.visible_to(scope).filter(verdict=ObjectionVerdict.NONE),
        notices_ending=PublicNotice.objects.visible_to(scope).filter(
            notices_ending_q(on_call=False, today=today, days=ending_days)))
