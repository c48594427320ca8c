"""The households in file a cadre may add to a draft batch one at a time (the batch page's search),
as the registry selection would take them: in file, under the batch's union, of the programme's
classes, within the actor's view of the registry, and not already in the batch."""

import contextlib
from dataclasses import dataclass

from django.db.models import Q

from gonghui.aid.choices import HOLDING
from gonghui.aid.models import AidBatch, AidGrant
from gonghui.aid.registry import eligible_files
from gonghui.core.errors import ValidationFailed
from gonghui.core.idnumbers import IdType, parse_identity
from gonghui.core.text import normalize_text
from gonghui.members.cleaning import identity_index_candidates
from gonghui.orgs.scope import Scope

SHOWN = 20


@dataclass(frozen=True)
class FileChoice:
    pk: int
    name: str
    id_masked: str
    union_name: str
    hardship_class: str


def batch_file_candidates(*, scope: Scope, batch: AidBatch, query: str = "") -> list[FileChoice]:
    """Up to 20 households for the batch, by name or by a full identity number (blind index). One query."""
    files = eligible_files(scope=scope, union_path=batch.org_path, programme=batch.programme)
    taken = AidGrant.objects.filter(batch=batch, status__in=HOLDING, hardship_file__isnull=False)
    files = files.exclude(pk__in=taken.values("hardship_file_id"))
    text = normalize_text(query).replace(" ", "")
    if text:
        wanted = Q(worker_name__contains=text)
        if len(text) in (15, 18):
            with contextlib.suppress(ValidationFailed):  # not an ID number after all: the name alone
                wanted |= Q(worker_id_index__in=identity_index_candidates(parse_identity(IdType.RESIDENT, text)))
        files = files.filter(wanted)
    rows = files.order_by("worker_name", "pk").values_list("pk", "worker_name", "worker_id_masked", "union__name",
                                                           "hardship_class")[:SHOWN]
    return [FileChoice(*row) for row in rows]
