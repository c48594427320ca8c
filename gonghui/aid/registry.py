"""What the aid app reads from and tells the hardship registry (gonghui.assistance), in one place.

A batch selects the households in file (建档, 帮扶中) held by unions inside both the batch's union
and the actor's scope, of the classes the programme names; a members-only programme takes only
workers with a live membership. Their grants are keyed like every other: the worker's identity
index for the person, the household's worker for the household. A worker typed in by hand who
belongs to a household in file is keyed to that household too, so the household guard sees them.
A paid grant tells the registry its household is aided.
"""

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet

from gonghui.aid.choices import GrantStatus
from gonghui.aid.models import AidBatch, AidGrant, AidProgramme
from gonghui.assistance.choices import IN_FILE_STATUSES, OPEN_STATUSES
from gonghui.assistance.models import HardshipFile, HouseholdMember
from gonghui.assistance.services import hardship_files_mark_aided
from gonghui.members.choices import LIVE_STATUSES
from gonghui.orgs.scope import Scope, subtree_q


def household_key_of_worker(worker_id_index: str) -> str:
    return "hh:" + worker_id_index


def eligible_files(*, scope: Scope, union_path: str, programme: AidProgramme) -> QuerySet[HardshipFile]:
    """The households in file that a batch of `programme` under `union_path` may select."""
    files = (HardshipFile.objects.visible_to(scope).filter(subtree_q("org_path", union_path))
             .filter(status__in=IN_FILE_STATUSES))
    if programme.hardship_classes:
        files = files.filter(hardship_class__in=programme.hardship_classes)
    if programme.members_only:
        files = files.filter(member__isnull=False, member__status__in=[str(s) for s in LIVE_STATUSES])
    return files


def households_of(id_indexes: Sequence[str]) -> dict[str, str]:
    """identity index → household key, for people who are a worker or a household member of an open file."""
    found: dict[str, str] = {}
    for start in range(0, len(id_indexes), 900):
        part = list(id_indexes[start:start + 900])
        for index in HardshipFile.objects.filter(status__in=OPEN_STATUSES, worker_id_index__in=part) \
                .values_list("worker_id_index", flat=True):
            found[index] = household_key_of_worker(index)
        for index, worker in HouseholdMember.objects.filter(file__status__in=OPEN_STATUSES, id_index__in=part) \
                .values_list("id_index", "file__worker_id_index"):
            found.setdefault(index, household_key_of_worker(worker))
    return found


def mark_households_aided(*, actor: Any, batch: AidBatch, grant_ids: Sequence[int] | None = None) -> list[int]:
    """The registry's households whose grant in this batch was paid (all, or `grant_ids` of them) are
    帮扶中 from now on."""
    paid = AidGrant.objects.filter(batch=batch, status=GrantStatus.PAID, hardship_file__isnull=False)
    if grant_ids is not None:
        paid = paid.filter(pk__in=list(grant_ids))
    file_ids = list(paid.values_list("hardship_file_id", flat=True).distinct())
    if not file_ids:
        return []
    return hardship_files_mark_aided(actor=actor, file_ids=file_ids, note=batch.campaign.name)
