"""困难劳模: a register entry's link to the person's file in the hardship registry, and the aid that
file received, as far as the viewer's hardship scope reaches (honours read the registry, never the
reverse: pyproject.toml's layers put honours above aid and assistance)."""

from dataclasses import dataclass, field
from decimal import Decimal

from gonghui.aid.amounts import is_paid
from gonghui.aid.models import AidGrant
from gonghui.aid.selectors import grants_of_file
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.selectors import hardship_files_of_index
from gonghui.honours.models import ModelWorker
from gonghui.orgs.scope import Scope

GRANTS_SHOWN = 10


@dataclass(frozen=True)
class RegisterHardship:
    file: HardshipFile | None  # the linked file, when the viewer may see it
    linked_elsewhere: bool  # a file is linked that lies outside the viewer's scope: said, not shown
    candidates: list[HardshipFile] = field(default_factory=list)  # the person's files the viewer may link
    grants: list[AidGrant] = field(default_factory=list)  # the latest grants to the linked file
    paid_count: int = 0
    paid_total: Decimal = Decimal(0)


def register_hardship(*, scope: Scope, model_worker: ModelWorker) -> RegisterHardship:
    """`scope` is the viewer's hardship-registry scope. Three queries whatever the history: the
    person's visible files, and the linked file's grants (their sum over the same rows)."""
    candidates = list(hardship_files_of_index(scope=scope, id_indexes=model_worker.index_candidates()))
    linked_id = model_worker.hardship_file_id
    file = next((f for f in candidates if f.pk == linked_id), None)
    if file is None:
        return RegisterHardship(file=None, linked_elsewhere=linked_id is not None, candidates=candidates)
    grants = list(grants_of_file(scope=scope, hardship_file_id=file.pk))
    paid = [g for g in grants if is_paid(g)]
    return RegisterHardship(file=file, linked_elsewhere=False, candidates=candidates, grants=grants[:GRANTS_SHOWN],
                            paid_count=len(paid), paid_total=sum((g.amount for g in paid), Decimal(0)))


__all__ = ["GRANTS_SHOWN", "RegisterHardship", "register_hardship"]
