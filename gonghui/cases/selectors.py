"""Every read of the case engine, each through the caller's scope (out of scope answers like missing)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from gonghui.cases.choices import OPEN_STATUSES, Action, Difficulty, Status
from gonghui.cases.deadlines import SlaRule, sla_rule_for
from gonghui.cases.models import Case, CaseAttachment, CaseEvent, CaseNotification, SlaPolicy, Supervision
from gonghui.cases.standing import actions_for
from gonghui.core.compiled import CompiledRead
from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import ValidationFailed
from gonghui.core.idnumbers import parse_mobile
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.orgs.choices import Level
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import Scope, get_visible, scope_for, subtree_q

DUPLICATE_WINDOW = datetime.timedelta(days=30)
# "todo" (需要我处理) first: what waits for me or my union now; the console opens on it.
QUEUES = ("todo", "mine", "union", "overdue", "supervised", "all")


def _base(scope: Scope) -> QuerySet[Case]:
    return Case.objects.visible_to(scope).select_related("handling_union", "handler", "lawyer")


def case_list(*, scope: Scope, union: TradeUnion | None = None, status: str = "", line: str = "",
              category: str = "", difficulty: str = "", query: str = "") -> QuerySet[Case]:
    qs = _base(scope).filter(archived_at__isnull=True)
    if union is not None:
        qs = qs.filter(subtree_q("org_path", union.path))
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if line:
        qs = qs.filter(line=line)
    if category:
        qs = qs.filter(category=category)
    if difficulty:
        qs = qs.filter(difficulty=difficulty)
    text = normalize_text(query)
    if text:
        # A whole phone number finds the caller exactly through the blind index; never a partial one.
        try:
            qs = qs.filter(caller_phone_index__in=blind_index_candidates(parse_mobile(text)))
        except ValidationFailed:
            qs = qs.filter(Q(number__icontains=text) | Q(employer_name__icontains=text)
                           | Q(caller_name=text))
    return qs


def _caller_indexes(phone: str) -> list[str]:
    """The blind-index candidates of a caller's phone; none for a malformed one (it matches nothing)."""
    try:
        return blind_index_candidates(parse_mobile(phone))
    except ValidationFailed:
        return []


def cases_of_caller(*, phone: str) -> QuerySet[Case]:
    """我的诉求: every case filed with this phone, in every union. The phone, proved by SMS on the
    portal, is the caller's whole scope, so no cadre scope applies; it is matched exactly through its
    blind index, and a malformed phone matches nothing."""
    indexes = _caller_indexes(phone)
    if not indexes:
        return Case.objects.none()
    return (Case.objects.filter(caller_phone_index__in=indexes)
            .only("number", "status", "kind", "category", "received_at").order_by("-received_at", "-id"))


MY_OPEN_CASES_SHOWN = 5


@dataclass(frozen=True)
class MyOpenCase:
    number: str
    status: str
    status_label: Any


def _open_cases_of(indexes: list[str]) -> QuerySet[Case]:
    return (Case.objects.filter(caller_phone_index__in=indexes, status__in=OPEN_STATUSES)
            .order_by("-received_at", "-id").values_list("number", "status")[:MY_OPEN_CASES_SHOWN])


_open_cases = CompiledRead(_open_cases_of)


def my_open_cases(*, phone: str) -> list[MyOpenCase]:
    """The portal home's open items: the newest few cases of `cases_of_caller` still under way, in a read
    compiled once per process."""
    indexes = _caller_indexes(phone)
    return [MyOpenCase(number, status, Status(status).label)
            for number, status in _open_cases.rows(indexes=indexes)] if indexes else []


def case_queue(*, scope: Scope, queue: str, user: Any = None, union: TradeUnion | None = None) -> QuerySet[Case]:
    """工作台 queues: what needs me or my union now, my cases, my union's (exactly the union, not its
    subtree), overdue, under 督办."""
    qs = _base(scope).filter(archived_at__isnull=True)
    if union is not None and queue != "union":
        qs = qs.filter(subtree_q("org_path", union.path))
    if queue == "todo":
        return qs.filter(_assigned(user) | _at_my_unions(user)).order_by("due_at", "received_at")
    if queue == "mine":
        qs = qs.filter(_assigned(user))
    elif queue == "union":
        if union is None:
            return qs.none()
        qs = qs.filter(org_path=union.path).exclude(status="closed")
    elif queue == "overdue":
        qs = qs.filter(status__in=OPEN_STATUSES, overdue=True)
    elif queue == "supervised":
        open_supervision = Supervision.objects.filter(case=OuterRef("pk"), replied_at__isnull=True)
        qs = qs.filter(Exists(open_supervision)).exclude(status="closed")
    elif queue != "all":
        return qs.none()
    return qs.order_by("due_at", "received_at") if queue in ("overdue", "union") else qs


def case_board(*, scope: Scope) -> QuerySet[Case]:
    """督办看板: the open cases that are overdue or under a 督办 still waiting for its reply, by handling
    union. The cases in scope under 督办 are read first, from the small supervision table (a 督办 is
    answered within days), so both halves of the OR are index look-ups: as a subquery ORed with the
    overdue flag, PostgreSQL could use no index and read every case of the province (2.6 s at a
    million cases)."""
    waiting = list(Supervision.objects.filter(replied_at__isnull=True, case__in=Case.objects.visible_to(scope))
                   .order_by().values_list("case_id", flat=True).distinct())
    overdue = Q(status__in=OPEN_STATUSES, overdue=True)
    supervised = Q(pk__in=waiting) & ~Q(status="closed")
    return (_base(scope).filter(archived_at__isnull=True).filter(overdue | supervised if waiting else overdue)
            .order_by("org_path", "due_at", "pk"))


def _assigned(user: Any) -> Q:
    uid = getattr(user, "pk", None)
    if uid is None:
        return Q(pk__in=[])
    return (Q(handler_id=uid) | Q(lawyer_id=uid)) & Q(status__in=[*OPEN_STATUSES, "resolved"])


def _at_my_unions(user: Any) -> Q:
    """Cases held by a union the user's case-handling grant sits on (the grant's own node, not the
    subtree below it: a county does not sign for its townships), not yet archived."""
    roots = scope_for(user, Perm.CASE_HANDLE).roots if user is not None else ()
    return Q(org_path__in=roots) & ~Q(status="closed") if roots else Q(pk__in=[])


def case_queue_filtered(*, scope: Scope, queue: str, user: Any = None, union: TradeUnion | None = None,
                        status: str = "", line: str = "", category: str = "", difficulty: str = "",
                        query: str = "", supervised: bool = False, employer_id: int | None = None) -> QuerySet[Case]:
    """A queue narrowed by the list's filters, as the console and the API offer them: both querysets
    read through the same scope, so their intersection is one query with both sets of conditions.
    `supervised`: only those under a 督办 still waiting for its reply; `employer_id`: the cases about
    one registry employer (the risk radar's drill-down)."""
    qs = case_queue(scope=scope, queue=queue, user=user, union=union)
    if supervised:
        qs = qs & case_queue(scope=scope, queue="supervised")
    if status or line or category or difficulty or query:
        qs = qs & case_list(scope=scope, status=status, line=line, category=category, difficulty=difficulty,
                            query=query)
    if employer_id is not None:
        qs = qs.filter(employer_id=employer_id)
    return qs


def case_get(*, scope: Scope, pk: Any = None, number: str = "") -> Case:
    lookup = {"pk": pk} if pk is not None else {"number": normalize_text(number).upper()}
    return get_visible(_base(scope).select_related("intake_union", "dispatched_from", "member", "employer",
                                                   "region"), scope, **lookup)


@dataclass(frozen=True)
class CaseDetail:
    case: Case
    events: list[CaseEvent]
    supervisions: list[Supervision]
    attachments: list[CaseAttachment]
    # The steps `actor` may take now, the one the status waits for first (empty without an actor);
    # the services still judge each one when it is taken.
    actions: list[str]


def case_actions(*, case: Case, actor: Any, supervisions: list[Supervision] | None = None) -> list[str]:
    """What `actor` may do on `case` in its current state, in the order to offer it."""
    if supervisions is None:
        supervisions = list(Supervision.objects.filter(case=case, replied_at__isnull=True))
    return actions_for(actor, case, open_supervision=any(s.replied_at is None for s in supervisions))


def case_detail(*, scope: Scope, pk: Any, actor: Any = None) -> CaseDetail:
    case = case_get(scope=scope, pk=pk)
    events = list(CaseEvent.objects.filter(case=case).select_related("from_union", "to_union").order_by("at", "id"))
    supervisions = list(Supervision.objects.filter(case=case).select_related("by_union", "by_user", "replied_by"))
    attachments = list(CaseAttachment.objects.filter(case=case))
    actions = case_actions(case=case, actor=actor, supervisions=supervisions) if actor is not None else []
    return CaseDetail(case, events, supervisions, attachments, actions)


def _recent_same_caller(*, scope: Scope, phone: str, employer: Employer | None, credit_code: str,
                        exclude: Case | None, now: datetime.datetime | None) -> QuerySet[Case]:
    since = (now or timezone.now()) - DUPLICATE_WINDOW
    match = Q(pk__in=[])
    if phone:
        match |= Q(caller_phone_index__in=blind_index_candidates(phone))
    if employer is not None:
        match |= Q(employer=employer)
    if credit_code:
        match |= Q(employer_credit_code=credit_code)
    qs = Case.objects.visible_to(scope).filter(match, received_at__gte=since)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.order_by("-received_at")


def duplicate_warning(*, scope: Scope, phone: str = "", employer: Employer | None = None, credit_code: str = "",
                      exclude: Case | None = None, now: datetime.datetime | None = None) -> list[Case]:
    """Cases of the last 30 days, in the scope, from the same phone or about the same employer."""
    qs = _recent_same_caller(scope=scope, phone=phone, employer=employer, credit_code=credit_code, exclude=exclude,
                             now=now)
    return list(qs.only("pk", "number", "status", "received_at", "employer_name")[:10])


def duplicate_numbers(*, scope: Scope, phone: str = "", employer: Employer | None = None, credit_code: str = "",
                      exclude: Case | None = None, now: datetime.datetime | None = None) -> list[str]:
    """The numbers of `duplicate_warning`'s cases, all an intake's answer names."""
    qs = _recent_same_caller(scope=scope, phone=phone, employer=employer, credit_code=credit_code, exclude=exclude,
                             now=now)
    return list(qs.values_list("number", flat=True)[:10])


# What a worker sees of the timeline: the steps and the unions the case went to, never the cadres'
# notes or names.
PUBLIC_ACTIONS = (Action.INTAKE, Action.CLASSIFY, Action.DISPATCH, Action.ACCEPT, Action.START, Action.RESOLVE,
                  Action.CALLBACK, Action.RATE, Action.CLOSE, Action.REOPEN, Action.CALLER_REOPEN, Action.ESCALATE)
# Steps that hand the case to another union: the worker is told which one, and at what level.
HANDED_ON = (Action.DISPATCH, Action.ESCALATE)


@dataclass(frozen=True)
class PublicStep:
    action: str
    label: str
    at: datetime.datetime
    union: str = ""  # the union the case went to (派单, 上报)
    union_level: str = ""


def _public_steps_of(case: int) -> QuerySet[CaseEvent, tuple[str, datetime.datetime, str | None, int | None]]:
    return (CaseEvent.objects.filter(case_id=case, action__in=PUBLIC_ACTIONS)
            .values_list("action", "at", "to_union__name", "to_union__level").order_by("at", "id"))


_public_steps = CompiledRead(_public_steps_of, converted=True)  # 查询进度 on every visit


def public_steps(*, case_pk: int) -> list[PublicStep]:
    """The caller's own view of their case's timeline (the caller proved the phone; no cadre scope)."""
    steps = []
    for action, at, union_name, union_level in _public_steps.rows(case=case_pk):
        handed_on = action in HANDED_ON and union_name is not None
        steps.append(PublicStep(action, str(Action(action).label), at, union=union_name if handed_on else "",
                                union_level=str(Level(union_level).label) if handed_on else ""))
    return steps


@dataclass(frozen=True)
class FollowedCase:
    """What 查询进度 shows of a case: its sealed columns (the caller's phone and identity number) unread."""
    pk: int
    number: str
    status: str
    category: str
    org_path: str
    received_at: datetime.datetime
    due_at: datetime.datetime | None
    resolved_at: datetime.datetime | None
    outcome: str
    rating: str
    closed_at: datetime.datetime | None
    called_back_at: datetime.datetime | None
    identity_withheld: bool
    handling_union_name: str


def _followed_case_of(number: str, indexes: list[str]) -> QuerySet[Case]:
    return (Case.objects.filter(number=number, caller_phone_index__in=indexes)
            .values_list("pk", "number", "status", "category", "org_path", "received_at", "due_at", "resolved_at",
                         "outcome", "rating", "closed_at", "called_back_at", "identity_withheld",
                         "handling_union__name").order_by("pk")[:1])


_followed_case = CompiledRead(_followed_case_of, converted=True)


def followed_case(*, number: str, phone: str) -> FollowedCase | None:
    """The caller's own case by its number and the phone they proved, or None (a malformed phone or
    number finds nothing), in a read compiled once per process."""
    number, indexes = normalize_text(number).upper(), _caller_indexes(phone)
    if not number or not indexes:
        return None
    rows = _followed_case.rows(number=number, indexes=indexes)
    return FollowedCase(*rows[0]) if rows else None


def sla_policy_list(*, scope: Scope) -> QuerySet[SlaPolicy]:
    return SlaPolicy.objects.visible_to(scope).select_related("union").order_by("org_path", "difficulty")


def sla_rules_in_force(*, scope: Scope, union: TradeUnion) -> dict[str, SlaRule]:
    """What applies at `union` for each difficulty, and where each setting comes from."""
    get_visible(TradeUnion.objects.all(), scope, pk=union.pk)
    return {d.value: sla_rule_for(union.path, d.value) for d in Difficulty}


def notifications_unread(*, user: Any) -> QuerySet[CaseNotification]:
    return CaseNotification.objects.filter(recipient_id=user.pk, read_at__isnull=True).select_related("case")
