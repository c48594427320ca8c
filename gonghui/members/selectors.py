"""Every read of the registry the interfaces need, each through the caller's scope."""

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.compiled import CompiledRead
from gonghui.core.counting import count_each
from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.core.idnumbers import IdType, parse_identity, parse_mobile
from gonghui.core.text import normalize_name, normalize_text
from gonghui.members.choices import LIVE_STATUSES, Household
from gonghui.members.cleaning import identity_index_candidates
from gonghui.members.joinlinks import union_pk_from_join_token
from gonghui.members.models import UNCONFIRMED, JoinApplication, Member, MemberCard, Membership, Transfer
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import Scope, get_visible, subtree_q
from gonghui.orgs.selectors import subtree_totals


def _exact_index(text: str) -> Q | None:
    """A full ID number, phone or card number typed in the search box finds the person exactly."""
    compact = text.replace(" ", "")
    if len(compact) in (15, 18):
        try:
            return Q(id_index__in=identity_index_candidates(parse_identity(IdType.RESIDENT, compact)))
        except ValidationFailed:
            pass
    if len(compact) >= 11:
        try:
            return Q(phone_index__in=blind_index_candidates(parse_mobile(compact)))
        except ValidationFailed:
            pass
    if compact.isdigit() and len(compact) == 19:
        return Q(pk__in=MemberCard.objects.filter(number=compact).values("member_id"))
    return None


def member_list(*, scope: Scope, query: str = "", union: TradeUnion | None = None, status: str = "live",
                employment_form: str = "", new_form_group: str = "", migrant: bool | None = None
                ) -> QuerySet[Member]:
    qs = Member.objects.visible_to(scope).select_related("union")
    if union is not None:
        qs = qs.filter(subtree_q("org_path", union.path))
    if status == "live":
        qs = qs.filter(status__in=LIVE_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if employment_form:
        qs = qs.filter(employment_form=employment_form)
    if new_form_group:
        qs = qs.filter(new_form_group=new_form_group)
    if migrant is not None:
        qs = qs.filter(household=Household.RURAL) if migrant else qs.exclude(household=Household.RURAL)
    text = normalize_name(query)
    if not text:
        return qs.order_by("name", "pk")
    exact = _exact_index(text)
    if exact is not None:
        return qs.filter(exact).order_by("name", "pk")
    # Ordered by an expression the name index does not hold, so the planner goes by the subtree and sorts
    # the matches: walking the name index for the first page of "王" in a county read 550,000 members of
    # a province (8 s), the matches all sorting late and their county's rows few.
    return (qs.filter(Q(name__contains=text) | Q(name_initials__startswith=text.lower()))
            .order_by(Concat("name", Value("")), "pk"))


def member_of_employer_by_id_number(*, scope: Scope, employer: Employer, id_number: str, field: str) -> Member:
    """The live member of `employer` holding this resident ID number, inside `scope` (the member
    registry's): a malformed number is refused as such, and a name or a phone never matches."""
    ident = parse_identity(IdType.RESIDENT, str(id_number or "").replace(" ", ""), field=field)
    found = (Member.objects.visible_to(scope).filter(id_index__in=identity_index_candidates(ident), employer=employer,
                                                     status__in=LIVE_STATUSES).first())
    if found is None:  # the same answer for a stranger and for someone outside the scope
        raise ValidationFailed(_("在本单位会员中找不到该身份证号码的职工。"), field=field, code="not_found")
    return found


def member_list_total(*, scope: Scope, union: TradeUnion | None = None, status: str = "live", query: str = "",
                      employment_form: str = "", new_form_group: str = "", migrant: bool | None = None) -> int | None:
    """How many rows `member_list` gives, when the stored subtree totals know it: live members of
    whole subtrees with no other filter. None otherwise (the caller counts the rows)."""
    if status != "live" or normalize_text(query) or employment_form or new_form_group or migrant is not None:
        return None
    if union is None:
        return subtree_totals(scope=scope)["members"]
    if scope.covers(union.path):
        return TradeUnion.objects.values_list("subtree_members", flat=True).get(pk=union.pk)
    return None


def member_get(*, scope: Scope, pk: Any) -> Member:
    return get_visible(Member.objects.select_related("union", "employer"), scope, pk=pk)


@dataclass
class MemberHistory:
    memberships: list[Membership]
    events: list[Any]
    cards: list[MemberCard]
    transfers: list[Transfer]


# A receiving union's request the worker has not agreed to stays between the worker and that union.
UNCONFIRMED_EVENTS = ("transfer_ask", "transfer_decline", "transfer_lapse")


def member_history(*, member: Member) -> MemberHistory:
    """The whole record of one person (already loaded through the scope): 4 queries."""
    return MemberHistory(
        memberships=list(member.memberships.select_related("union").order_by("-join_date", "-id")),
        events=list(member.events.exclude(kind__in=UNCONFIRMED_EVENTS).select_related("union")
                    .order_by("-at", "-id")[:100]),
        cards=list(member.cards.order_by("-issued_on")),
        transfers=list(member.transfers.exclude(status__in=UNCONFIRMED).select_related("from_union", "to_union")
                       .order_by("-created_at")),
    )


def application_queue(*, scope: Scope, status: str = JoinApplication.Status.PENDING) -> QuerySet[JoinApplication]:
    """Oldest first, each with the employer its union covers (`employer_name`, and `employer_count`
    when a joint or industry union covers several), read by the union's path as employers are, and
    `member_elsewhere`: the applicant (matched by the blind index of the ID number, as the approval
    matches) is a live member of another union, so approving will start a transfer."""
    employers = Employer.objects.filter(org_path=OuterRef("union__path"))
    elsewhere = (Membership.objects.filter(status__in=LIVE_STATUSES, member__id_index=OuterRef("id_index"))
                 .exclude(union_id=OuterRef("union_id")))
    return (JoinApplication.objects.visible_to(scope).filter(status=status).select_related("union")
            .annotate(employer_name=Subquery(employers.order_by("name").values("name")[:1]),
                      employer_count=Subquery(employers.order_by().values("org_path")
                                              .annotate(n=Count("pk")).values("n")[:1]),
                      member_elsewhere=Exists(elsewhere))
            .order_by("created_at", "pk"))


def application_get(*, scope: Scope, pk: Any) -> JoinApplication:
    return get_visible(JoinApplication.objects.select_related("union"), scope, pk=pk)


INBOX_STATUSES = (Transfer.Status.AWAITING, Transfer.Status.REQUESTED, Transfer.Status.RELEASED)


def transfer_inbox(*, scope: Scope, status: str = "") -> QuerySet[Transfer]:
    """Waiting on the receiving side (for the worker's consent, the release, or to accept) within the
    scope; `status`: one of those steps only (released: the receiving union's own to answer)."""
    statuses = [status] if status in INBOX_STATUSES else list(INBOX_STATUSES)
    return (Transfer.objects.filter(scope.q("to_path"), status__in=statuses)
            .select_related("member", "from_union", "to_union").order_by("release_due_at"))


def transfer_outbox(*, scope: Scope) -> QuerySet[Transfer]:
    """Waiting on the sending side (to release) within the scope."""
    return (Transfer.objects.filter(scope.q("from_path"), status=Transfer.Status.REQUESTED)
            .select_related("member", "from_union", "to_union").order_by("release_due_at"))


def transfer_get(*, scope: Scope, pk: Any) -> Transfer:
    return get_visible(Transfer.objects.select_related("member", "from_union", "to_union"), scope, pk=pk)


@dataclass
class MemberFigures:
    members: int
    new_this_year: int
    employees: int
    carded: int

    @property
    def membership_rate(self) -> float | None:
        """入会率: members over employees of the employers in the subtree."""
        return round(100 * self.members / self.employees, 1) if self.employees else None

    @property
    def card_rate(self) -> float | None:
        """办卡率: members holding an active card over members."""
        return round(100 * self.carded / self.members, 1) if self.members else None


def member_figures(*, scope: Scope, union: TradeUnion, employees: int | None = None) -> MemberFigures:
    """`employees`: the subtree's active employers' headcount when the caller has it already (the
    工作台 reads it with the employer figures), so it is not summed twice."""
    union = get_visible(TradeUnion.objects, scope, pk=union.pk)
    live = Membership.objects.filter(subtree_q("org_path", union.path), status__in=LIVE_STATUSES)
    year_start = timezone.localdate().replace(month=1, day=1)
    # The total is stored (orgs.rollup); only this year's joiners are counted here, by join date.
    counts = count_each(new=live.filter(join_date__gte=year_start), carded=MemberCard.objects.filter(
        status=MemberCard.Status.ACTIVE, member__in=live.values("member_id")))
    if employees is None:
        employees = Employer.objects.filter(subtree_q("org_path", union.path), status="active").aggregate(
            e=Sum("employee_count"))["e"] or 0
    return MemberFigures(members=union.subtree_members, new_this_year=counts["new"], employees=employees,
                         carded=counts["carded"])


def live_members_by_path(prefix: str) -> dict[str, int]:
    """Live memberships directly at each union under `prefix` (all when empty): the rollup's source."""
    live = Membership.objects.filter(status__in=LIVE_STATUSES)
    if prefix:
        live = live.filter(subtree_q("org_path", prefix))
    return dict(live.order_by().values("org_path").annotate(n=Count("id")).values_list("org_path", "n"))


def member_counts_by_branch(*, scope: Scope, union: TradeUnion) -> dict[str, int]:
    """Live members under each direct child of `union`, keyed by the child's path (stored totals)."""
    if not scope.covers(union.path):  # the union at hand is read already: its path says whether it is in scope
        raise NotFound()
    children = TradeUnion.objects.filter(parent=union).exclude(subtree_members=0)
    return dict(children.values_list("path", "subtree_members"))


# The member portal: a worker's own records, found only through the blind index of the phone the
# worker proved by SMS, never by an id from the URL alone.


OPEN_TRANSFER_STATUSES = (Transfer.Status.AWAITING, Transfer.Status.REQUESTED, Transfer.Status.RELEASED)


@dataclass
class MyRecords:
    memberships: list[Membership]  # live ones first; normally a single person behind one phone
    cards: dict[int, MemberCard]  # active card by member id
    applications: list[JoinApplication]
    transfers: list[Transfer]

    @property
    def live(self) -> list[Membership]:
        return [m for m in self.memberships if m.status in LIVE_STATUSES]

    @property
    def pending_application(self) -> JoinApplication | None:
        return next((a for a in self.applications if a.status == JoinApplication.Status.PENDING), None)

    @property
    def open_transfer(self) -> Transfer | None:
        return next((t for t in self.transfers if t.status in OPEN_TRANSFER_STATUSES), None)


def my_records(*, phone: str) -> MyRecords:
    """Everything the portal home shows, in 4 queries."""
    index = blind_index_candidates(phone)
    memberships = sorted(
        Membership.objects.filter(member__phone_index__in=index).select_related("union", "member")[:50],
        key=lambda m: (m.status not in LIVE_STATUSES, -m.join_date.toordinal(), -m.pk))
    cards = {c.member_id: c for c in MemberCard.objects.filter(member__phone_index__in=index,
                                                               status=MemberCard.Status.ACTIVE)}
    applications = list(JoinApplication.objects.filter(phone_index__in=index).select_related("union")
                        .order_by("-created_at", "-pk")[:20])
    transfers = list(Transfer.objects.filter(member__phone_index__in=index).select_related("from_union", "to_union")
                     .order_by("-created_at", "-pk")[:20])
    return MyRecords(memberships=memberships, cards=cards, applications=applications, transfers=transfers)


@dataclass(frozen=True)
class PendingItem:
    """A join application or transfer under way, as the portal home lists it."""

    pk: int
    status: str
    status_label: Any
    union_name: str  # the union applied to, or transferred to


@dataclass
class MyGreeting:
    """The portal home's line about the worker: whose membership, which card, what is under way."""

    member_name: str  # of the newest live membership, else of the newest of any; "" with none
    union_name: str
    card_number: str
    pending_application: PendingItem | None
    open_transfer: PendingItem | None


# Typed, so that PostgreSQL matches it with the membership branch's columns (a bare NULL parameter is text).
_NO_TEXT = Cast(Value(None), output_field=CharField())


def _greeting_branches(index: list[str]) -> tuple[QuerySet[Any], ...]:
    active = FilteredRelation("member__cards", condition=Q(member__cards__status=MemberCard.Status.ACTIVE))
    columns = ("branch", "pk", "status", "union_name", "member_name", "card")
    memberships = (Membership.objects.filter(member__phone_index__in=index).annotate(active_card=active)
                   .annotate(branch=Value("m"), union_name=F("union__name"), member_name=F("member__name"),
                             card=F("active_card__number"))
                   .values_list(*columns).order_by("-join_date", "-pk")[:50])
    application = (JoinApplication.objects.filter(phone_index__in=index, status=JoinApplication.Status.PENDING)
                   .annotate(branch=Value("a"), union_name=F("union__name"), member_name=_NO_TEXT, card=_NO_TEXT)
                   .values_list(*columns).order_by("-created_at", "-pk")[:1])
    transfer = (Transfer.objects.filter(member__phone_index__in=index, status__in=OPEN_TRANSFER_STATUSES)
                .annotate(branch=Value("t"), union_name=F("to_union__name"), member_name=_NO_TEXT, card=_NO_TEXT)
                .values_list(*columns).order_by("-created_at", "-pk")[:1])
    return memberships, application, transfer


_greeting = CompiledRead(_greeting_branches)


def my_greeting(*, phone: str) -> MyGreeting:
    """What the portal home shows of `my_records`, in one statement compiled once per process (the home
    page is the portal's busiest): the memberships registered with the phone, each with its active card's
    number, the newest pending application and the newest open transfer, as three branches of one read."""
    rows = _greeting.rows(index=blind_index_candidates(phone))
    # Newest first already: the first live membership, else the newest of any.
    held = [r for r in rows if r[0] == "m"]
    shown = next((r for r in held if r[2] in LIVE_STATUSES), held[0] if held else None)
    app = next((PendingItem(r[1], r[2], JoinApplication.Status(r[2]).label, r[3]) for r in rows if r[0] == "a"), None)
    moving = next((PendingItem(r[1], r[2], Transfer.Status(r[2]).label, r[3]) for r in rows if r[0] == "t"), None)
    if shown is None:
        return MyGreeting("", "", "", app, moving)
    return MyGreeting(shown[4], shown[3], shown[5] or "", app, moving)


def _live_cards_of(index: list[str]) -> QuerySet[Any]:
    # The active card joined in (FilteredRelation); the member's sealed columns stay unread.
    active = FilteredRelation("member__cards", condition=Q(member__cards__status=MemberCard.Status.ACTIVE))
    return (Membership.objects.filter(member__phone_index__in=index, status__in=LIVE_STATUSES)
            .annotate(active_card=active).order_by("-join_date", "-pk")
            .values_list("pk", "member_id", "member__name", "union_id", "union__name", "active_card__pk",
                         "active_card__number")[:50])


_live_cards = CompiledRead(_live_cards_of)


def my_live_cards(*, phone: str) -> list[tuple[Membership, MemberCard | None]]:
    """The member card page: the worker's live memberships, newest first, each with its active card, in one
    read compiled once per process (a member holds at most one active card, so the join adds no rows). The
    objects carry only what the page shows."""
    out: list[tuple[Membership, MemberCard | None]] = []
    for pk, member_id, name, union_id, union_name, card_pk, number in _live_cards.rows(
            index=blind_index_candidates(phone)):
        membership = Membership(pk=pk, member=Member(pk=member_id, name=name),
                                union=TradeUnion(pk=union_id, name=union_name))
        card = None if card_pk is None else MemberCard(pk=card_pk, member_id=member_id, number=number,
                                                       status=MemberCard.Status.ACTIVE)
        out.append((membership, card))
    return out


def my_application_get(*, phone: str, pk: Any) -> JoinApplication:
    application = JoinApplication.objects.select_related("union").filter(phone_index__in=blind_index_candidates(phone),
                                                                         pk=_int_or_none(pk)).first()
    if application is None:
        raise NotFound()
    return application


def my_transfer_get(*, phone: str, pk: Any) -> Transfer:
    transfer = Transfer.objects.select_related("member", "from_union", "to_union").filter(
        member__phone_index__in=blind_index_candidates(phone), pk=_int_or_none(pk)).first()
    if transfer is None:
        raise NotFound()
    return transfer


def join_union_get(*, token: str) -> TradeUnion:
    """The union behind a join link; a forged or mangled token is simply not found."""
    pk = union_pk_from_join_token(token)
    union = TradeUnion.objects.select_related("merged_into").filter(pk=pk).first() if pk else None
    if union is None:
        raise NotFound()
    return union


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
