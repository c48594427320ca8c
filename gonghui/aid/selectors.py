"""Every read of the aid app, each with a required scope (ARCHITECTURE §3-4)."""

import datetime
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum

from gonghui.aid.choices import GrantStatus
from gonghui.aid.models import AidBatch, AidCampaign, AidGrant, AidProgramme
from gonghui.orgs import tree
from gonghui.orgs.scope import Scope, get_visible, subtree_q


def programme_list(*, scope: Scope, kind: str = "", active_only: bool = True) -> QuerySet[AidProgramme]:
    qs = AidProgramme.objects.visible_to(scope).select_related("union")
    if kind:
        qs = qs.filter(kind=kind)
    return qs.filter(is_active=True) if active_only else qs


def programmes_usable(*, scope: Scope) -> QuerySet[AidProgramme]:
    """Programmes a cadre may pay out under: those of their own subtree and those run above it (a
    province's 送温暖 is paid out by its counties), never a sideways union's."""
    if scope.is_empty:
        return AidProgramme.objects.none()
    above = {p for root in scope.roots for p in tree.ancestor_paths(root)}
    qs = AidProgramme.objects.filter(scope.q("org_path") | Q(org_path__in=sorted(above)), is_active=True)
    return qs.select_related("union")


def programme_get(*, scope: Scope, pk: Any) -> AidProgramme:
    return get_visible(AidProgramme.objects.select_related("union"), scope, pk=pk)


def campaign_list(*, scope: Scope, year: int | None = None) -> QuerySet[AidCampaign]:
    qs = AidCampaign.objects.visible_to(scope).select_related("programme")
    return qs.filter(year=year) if year else qs


def batch_list(*, scope: Scope, status: str = "", campaign: AidCampaign | None = None) -> QuerySet[AidBatch]:
    qs = AidBatch.objects.visible_to(scope).select_related("programme", "campaign", "union")
    if status:
        qs = qs.filter(status=status)
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
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


def grants_of_file(*, scope: Scope, hardship_file_id: int) -> QuerySet[AidGrant]:
    """Every aid a household received, across programmes and unions, as far as the scope reaches."""
    return (grant_list(scope=scope).filter(hardship_file_id=hardship_file_id)
            .select_related("programme", "campaign", "union").order_by("-granted_on", "-id"))


def grants_paid_between(*, scope: Scope, root_path: str, start: datetime.date, end: datetime.date
                        ) -> QuerySet[AidGrant]:
    return (AidGrant.objects.visible_to(scope).filter(subtree_q("org_path", root_path))
            .filter(status=GrantStatus.PAID, paid_on__gte=start, paid_on__lte=end))
