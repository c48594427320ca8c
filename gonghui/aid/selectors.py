"""Every read of the aid app, each with a required scope (ARCHITECTURE §3-4)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from gonghui.aid.amounts import paid_grants
from gonghui.aid.choices import GrantStatus
from gonghui.aid.dedup import person_keys_of_identity, person_keys_of_phone
from gonghui.aid.models import AidBatch, AidBatchEvent, AidCampaign, AidGrant, AidProgramme
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.core.idnumbers import IdType, parse_identity, parse_mobile
from gonghui.core.text import normalize_text
from gonghui.orgs import tree
from gonghui.orgs.scope import Scope, get_visible, subtree_q


def programme_list(*, scope: Scope, kind: str = "", active_only: bool = True) -> QuerySet[AidProgramme]:
    qs = AidProgramme.objects.visible_to(scope).select_related("union")
    if kind:
        qs = qs.filter(kind=kind)
    return qs.filter(is_active=True) if active_only else qs


def programmes_usable(*, scope: Scope, kind: str = "") -> QuerySet[AidProgramme]:
    """Programmes a cadre may pay out under: those of their own subtree and those run above it (a
    province's 送温暖 is paid out by its counties), never a sideways union's."""
    if scope.is_empty:
        return AidProgramme.objects.none()
    above = {p for root in scope.roots for p in tree.ancestor_paths(root)}
    qs = AidProgramme.objects.filter(scope.q("org_path") | Q(org_path__in=sorted(above)), is_active=True)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("union")


def programme_get(*, scope: Scope, pk: Any) -> AidProgramme:
    return get_visible(AidProgramme.objects.select_related("union"), scope, pk=pk)


def campaign_list(*, scope: Scope, year: int | None = None, programme: AidProgramme | None = None
                  ) -> QuerySet[AidCampaign]:
    qs = AidCampaign.objects.visible_to(scope).select_related("programme")
    if programme is not None:
        qs = qs.filter(programme=programme)
    return qs.filter(year=year) if year else qs


def _above(scope: Scope) -> Q:
    """Rows of the unions above the scope's roots: a programme run higher up that its branches pay out."""
    return Q(org_path__in=sorted({p for root in scope.roots for p in tree.ancestor_paths(root)}))


def campaigns_usable(*, scope: Scope, year: int | None = None, programme_id: int | None = None
                     ) -> QuerySet[AidCampaign]:
    """Campaigns a cadre may prepare batches under: those of the programmes in `programmes_usable`."""
    if scope.is_empty:
        return AidCampaign.objects.none()
    qs = AidCampaign.objects.filter(scope.q("org_path") | _above(scope), programme__is_active=True)
    if year:
        qs = qs.filter(year=year)
    if programme_id is not None:
        qs = qs.filter(programme_id=programme_id)
    return qs.select_related("programme", "programme__union").order_by("-year", "programme__kind", "period", "pk")


def campaign_get(*, scope: Scope, pk: Any) -> AidCampaign:
    """A campaign of the scope's subtree or run above it (whose batches the scope's unions pay out)."""
    if scope.is_empty:
        raise NotFound()
    qs = AidCampaign.objects.filter(scope.q("org_path") | _above(scope)).select_related("programme__union")
    try:
        return qs.get(pk=pk)
    except (AidCampaign.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def batch_list(*, scope: Scope, status: str = "", campaign: AidCampaign | None = None,
               programme: AidProgramme | None = None) -> QuerySet[AidBatch]:
    qs = AidBatch.objects.visible_to(scope).select_related("programme", "campaign", "union")
    if status:
        qs = qs.filter(status=status)
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if programme is not None:
        qs = qs.filter(programme=programme)
    return qs.annotate(rows=Count("grants", filter=~Q(grants__status=GrantStatus.CANCELLED)),
                       total=Sum(F("grants__cash") + F("grants__goods_value"),
                                 filter=~Q(grants__status=GrantStatus.CANCELLED)))


def batch_get(*, scope: Scope, pk: Any) -> AidBatch:
    return get_visible(AidBatch.objects.select_related("programme", "campaign__programme", "union"), scope, pk=pk)


def grant_list(*, scope: Scope, batch: AidBatch | None = None, status: str = "") -> QuerySet[AidGrant]:
    # The list never decrypts: masked copies only; the full values are a separate, logged read.
    qs = AidGrant.objects.visible_to(scope).defer("id_number", "phone", "payee_account")
    if batch is not None:
        qs = qs.filter(batch=batch)
    if status:
        qs = qs.filter(status=status)
    return qs


def grant_roster(*, scope: Scope, batch: AidBatch) -> QuerySet[AidGrant]:
    """The batch's 发放花名册: every row the batch's totals count as live (all but the cancelled), in
    the order of the list on the batch page."""
    return grant_list(scope=scope, batch=batch).exclude(status=GrantStatus.CANCELLED).order_by("id")


def grant_get(*, scope: Scope, pk: Any) -> AidGrant:
    return get_visible(AidGrant.objects.defer("id_number", "phone", "payee_account")
                       .select_related("batch__programme", "batch__campaign"), scope, pk=pk)


def batch_events(*, batch: AidBatch) -> list[AidBatchEvent]:
    """The timeline of a batch already loaded through the scope."""
    return list(AidBatchEvent.objects.filter(batch=batch).order_by("at", "pk"))


@dataclass(frozen=True)
class BatchTotals:
    """A batch's rows and money by grant status; `live` is every row not cancelled."""

    by_status: dict[str, tuple[int, Decimal, Decimal]]  # status → (rows, cash, goods value)
    members: int
    non_members: int

    def rows(self, status: str) -> int:
        return self.by_status.get(status, (0, Decimal(0), Decimal(0)))[0]

    def amount(self, status: str) -> Decimal:
        _n, cash, goods = self.by_status.get(status, (0, Decimal(0), Decimal(0)))
        return cash + goods

    @property
    def live_rows(self) -> int:
        return sum(n for s, (n, _c, _g) in self.by_status.items() if s != GrantStatus.CANCELLED)

    @property
    def live_cash(self) -> Decimal:
        return sum((c for s, (_n, c, _g) in self.by_status.items() if s != GrantStatus.CANCELLED), Decimal(0))

    @property
    def live_goods(self) -> Decimal:
        return sum((g for s, (_n, _c, g) in self.by_status.items() if s != GrantStatus.CANCELLED), Decimal(0))

    @property
    def live_amount(self) -> Decimal:
        return self.live_cash + self.live_goods


def batch_totals(*, batch: AidBatch) -> BatchTotals:
    """Rows and money of a batch already loaded through the scope, by status (one query)."""
    rows = (AidGrant.objects.filter(batch=batch).order_by().values("status", "is_member")
            .annotate(n=Count("id"), cash=Sum("cash"), goods=Sum("goods_value")))
    by_status: dict[str, tuple[int, Decimal, Decimal]] = {}
    members = non_members = 0
    for r in rows:
        n, cash, goods = by_status.get(r["status"], (0, Decimal(0), Decimal(0)))
        by_status[r["status"]] = (n + r["n"], cash + (r["cash"] or 0), goods + (r["goods"] or 0))
        if r["status"] != GrantStatus.CANCELLED:
            if r["is_member"]:
                members += r["n"]
            else:
                non_members += r["n"]
    return BatchTotals(by_status=by_status, members=members, non_members=non_members)


def grants_of_file(*, scope: Scope, hardship_file_id: int) -> QuerySet[AidGrant]:
    """Every aid a household received, across programmes and unions, as far as the scope reaches."""
    return (grant_list(scope=scope).filter(hardship_file_id=hardship_file_id)
            .select_related("programme", "campaign", "union").order_by("-granted_on", "-id"))


def grants_of_person(*, scope: Scope, id_type: str = IdType.RESIDENT, id_number: Any = "", phone: Any = ""
                     ) -> QuerySet[AidGrant]:
    """Every aid one worker received, found by the identity number or the phone (whichever the grants
    were keyed by), across programmes and unions as far as the scope reaches; newest first."""
    keys = []
    if normalize_text(id_number):
        identity = parse_identity(id_type, id_number)
        keys += person_keys_of_identity(identity.id_type, identity.number)
    if normalize_text(phone):
        keys += person_keys_of_phone(parse_mobile(phone))
    if not keys:
        raise ValidationFailed(_("请填写证件号码或手机号码。"), field="id_number", code="required")
    return (grant_list(scope=scope).filter(person_index__in=keys)
            .select_related("programme", "campaign", "union").order_by("-granted_on", "-id"))


def grants_paid_between(*, scope: Scope, root_path: str, start: datetime.date, end: datetime.date
                        ) -> QuerySet[AidGrant]:
    return (paid_grants(AidGrant.objects.visible_to(scope).filter(subtree_q("org_path", root_path)))
            .filter(paid_on__gte=start, paid_on__lte=end))
