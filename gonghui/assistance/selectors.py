"""Every read of the hardship registry the interfaces need, each through the caller's scope."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from gonghui.assistance.assessment import Assessment
from gonghui.assistance.choices import OPEN_STATUSES, RECHECKED_STATUSES
from gonghui.assistance.models import (
    AssessmentRule,
    HardshipDataAccess,
    HardshipDocument,
    HardshipEvent,
    HardshipFile,
    HardshipFileCause,
    HardshipRecheck,
    HouseholdMember,
)
from gonghui.assistance.services.common import clean_amount
from gonghui.assistance.services.household import (
    assess_household,
    clean_causes,
    identity_index,
    identity_index_candidates,
)
from gonghui.core.crypto import blind_index_candidates, stored_index_candidates
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.core.idnumbers import IdType, parse_identity, parse_mobile
from gonghui.core.text import normalize_text
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, get_visible, subtree_q


def _exact_identity(text: str) -> Q | None:
    """A full ID number or phone typed in the search box finds the worker exactly (blind index)."""
    compact = text.replace(" ", "")
    if len(compact) in (15, 18):
        try:
            identity = parse_identity(IdType.RESIDENT, compact)
            return Q(worker_id_index__in=identity_index_candidates(identity.id_type, identity.number))
        except ValidationFailed:
            pass
    if len(compact) >= 11:
        try:
            return Q(worker_phone_index__in=blind_index_candidates(parse_mobile(compact)))
        except ValidationFailed:
            pass
    return None


def hardship_list(*, scope: Scope, status: str = "", hardship_class: str = "", cause: str = "",
                  due_recheck: bool = False, union: TradeUnion | None = None, query: str = "",
                  open_only: bool = False) -> QuerySet[HardshipFile]:
    """Files in the scope, newest survey first. `due_recheck`: followed-up files whose 回头看 date has come."""
    qs = HardshipFile.objects.visible_to(scope).filter(archived_at__isnull=True).select_related("union")
    if union is not None:
        qs = qs.filter(subtree_q("org_path", union.path))
    if status:
        qs = qs.filter(status=status)
    elif open_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if hardship_class:
        qs = qs.filter(hardship_class=hardship_class)
    if cause:
        qs = qs.filter(Exists(HardshipFileCause.objects.filter(file=OuterRef("pk"), cause=cause)))
    if due_recheck:
        qs = qs.filter(status__in=RECHECKED_STATUSES, next_recheck_on__lte=timezone.localdate())
    text = normalize_text(query)
    if text:
        exact = _exact_identity(text)
        qs = qs.filter(exact) if exact is not None else qs.filter(
            Q(worker_name__contains=text) | Q(number=text.upper()))
    return qs.prefetch_related("causes").order_by("-surveyed_at", "-id")


def hardship_status_counts(*, scope: Scope, union: TradeUnion | None = None) -> dict[str, int]:
    """How many files of each status the scope (or one branch of it) holds, for a list's tabs: one query.
    Archived files are left out, as from the list the tabs count."""
    qs = HardshipFile.objects.visible_to(scope).filter(archived_at__isnull=True)
    if union is not None:
        qs = qs.filter(subtree_q("org_path", union.path))
    return {row["status"]: row["n"] for row in qs.values("status").order_by().annotate(n=Count("id"))}


def recheck_due_list(*, scope: Scope, within_days: int = 0) -> QuerySet[HardshipFile]:
    """Files to re-check by `within_days` from today, the most overdue first."""
    until = timezone.localdate() + datetime.timedelta(days=within_days)
    return (HardshipFile.objects.visible_to(scope).filter(status__in=RECHECKED_STATUSES, next_recheck_on__lte=until)
            .select_related("union").prefetch_related("causes").order_by("next_recheck_on", "id"))


def hardship_get(*, scope: Scope, pk: Any) -> HardshipFile:
    return get_visible(HardshipFile.objects.select_related("union", "rule", "suggested_rule", "member"), scope, pk=pk)


@dataclass
class FileHistory:
    household: list[HouseholdMember]
    causes: list[str]
    events: list[HardshipEvent]
    documents: list[HardshipDocument]
    rechecks: list[HardshipRecheck]
    # The household's earlier and later files (返困 and re-surveys), oldest first, this one included.
    chain: list[HardshipFile]


def _chain(file: HardshipFile) -> list[HardshipFile]:
    """Every file of the same person, oldest first: one query through the blind index (while the
    index key rotates, the person's index under every key: an earlier file may not be recomputed yet)."""
    indexes = stored_index_candidates(file.worker_id_index, lambda: f"{file.worker_id_type}:{file.worker_id_number}")
    return list(HardshipFile.objects.filter(worker_id_index__in=indexes or [file.worker_id_index])
                .select_related("union").order_by("surveyed_at", "id"))


def hardship_history(*, file: HardshipFile) -> FileHistory:
    """The whole record of one household (the file already loaded through the scope): 6 queries."""
    return FileHistory(
        household=list(file.household.order_by("position", "id")),
        causes=list(file.causes.values_list("cause", flat=True)),
        events=list(file.events.order_by("at", "id")),
        documents=list(file.documents.order_by("at", "id")),
        rechecks=list(file.rechecks.order_by("-done_at", "-id")),
        chain=_chain(file),
    )


def hardship_files_of_person(*, id_type: str = IdType.RESIDENT, id_number: Any = None, id_index: str = "",
                             phone: str = "") -> list[HardshipFile]:
    """Every file of one person in the whole deployment, newest first, found by the blind index.

    Not filtered by a cadre's scope on purpose: the portal shows workers their own files (after
    proving the identity or the phone), and the aid guard refuses a second grant across all unions;
    each caller decides what it may show of another union's file.
    """
    if id_number is not None:
        identity = parse_identity(id_type, id_number)
        id_index = identity_index(identity.id_type, identity.number)
    if id_index:
        condition = Q(worker_id_index=id_index)
    elif phone:
        condition = Q(worker_phone_index__in=blind_index_candidates(parse_mobile(phone)))
    else:
        return []
    return list(HardshipFile.objects.filter(condition).select_related("union")
                .prefetch_related(Prefetch("causes", queryset=HardshipFileCause.objects.order_by("id")))
                .order_by("-surveyed_at", "-id"))


def open_file_of_person(*, id_index: str) -> HardshipFile | None:
    """The person's one open file, if any (the partial unique index guarantees at most one)."""
    return HardshipFile.objects.open().select_related("union").filter(worker_id_index=id_index).first()


def hardship_files_of_index(*, scope: Scope, id_indexes: Sequence[str]) -> QuerySet[HardshipFile]:
    """One person's files (found by the blind index of their ID: one index, or while the index key
    rotates the person's index under every key) that the scope sees, newest first: what a cadre may
    link a 困难劳模's register entry to."""
    if not id_indexes:
        return HardshipFile.objects.none()
    return (HardshipFile.objects.visible_to(scope).filter(worker_id_index__in=list(id_indexes))
            .select_related("union")
            .defer("worker_id_number", "worker_phone").order_by("-surveyed_at", "-id"))


def household_member_get(*, file: HardshipFile, pk: Any) -> HouseholdMember:
    """A member of a household already loaded through the scope; another file's member is NotFound."""
    try:
        return file.household.get(pk=pk)
    except (HouseholdMember.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def assessment_preview(*, adcode: str, incomes: list[Any], causes: list[str], rigid_expenses: Any = 0,
                       on: datetime.date | None = None) -> tuple[Assessment, AssessmentRule | None]:
    """The self-check (portal) and the cadre's what-if: the same assessment a review would make today."""
    amounts = [clean_amount(i, field="annual_income") for i in incomes]
    return assess_household(adcode=normalize_text(adcode), incomes=amounts, causes=clean_causes(causes),
                            rigid_expenses=clean_amount(rigid_expenses, field="rigid_expenses"),
                            on=on or timezone.localdate())


def rule_list(*, adcode: str = "") -> QuerySet[AssessmentRule]:
    """Rule versions are public standards: every cadre and the portal may read them."""
    qs = AssessmentRule.objects.all()
    if adcode:
        qs = qs.filter(adcode=adcode)
    return qs.order_by("adcode", "-effective_from", "-version")


def access_log(*, scope: Scope, file: HardshipFile | None = None) -> QuerySet[HardshipDataAccess]:
    qs = HardshipDataAccess.objects.filter(scope.q("org_path"))
    if file is not None:
        qs = qs.filter(file=file)
    return qs.order_by("-at")
