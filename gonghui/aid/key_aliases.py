"""A batch's recipients under every configured blind-index key, while that key rotates.

A grant, a household file and a worker typed in today each carry the index computed under the key of
the day they were written, and a rotation recomputes them table by table: for a while an earlier grant
may sit under the old key while the household's file (or the worker typed now) is under the new one.
The duplicate guard therefore also asks for each recipient's keys under every other key, derived from
the decrypted number of the recipients being added (a batch's worth, never the grants table). With one
key configured none of this runs: the guard asks only the keys it holds, as it always did.
"""

from collections.abc import Sequence

from gonghui.aid.recipients import Recipient
from gonghui.assistance.models import HardshipFile
from gonghui.core.crypto import blind_index, blind_index_candidates, index_rotating
from gonghui.core.idnumbers import IdType

Aliases = dict[str, str]  # a key under another index key -> the key the batch holds


def _add(aliases: Aliases, held: str, prefix: str, value: str) -> None:
    for index in blind_index_candidates(value):
        if prefix + index != held:
            aliases[prefix + index] = held


def _typed_identity(recipient: Recipient) -> str:
    """`type:number` of a worker typed in by identity: a grant keeps no document type, so the type whose
    current index is the one the recipient was keyed by."""
    index = recipient.person_index.removeprefix("id:")
    for id_type in IdType.values:
        if blind_index(f"{id_type}:{recipient.id_number}") == index:
            return f"{id_type}:{recipient.id_number}"
    return ""


def identity_aliases(indexes: Sequence[str], recipients: Sequence[Recipient]) -> Aliases:
    """Bare identity indexes of typed-in workers under the other keys -> the index held (what the
    registries' look-ups by a person also ask)."""
    if not index_rotating():
        return {}
    aliases: Aliases = {}
    wanted = set(indexes)
    for r in recipients:
        if r.hardship_file_id is None and r.id_number and r.person_index.removeprefix("id:") in wanted:
            value = _typed_identity(r)
            if value:
                _add(aliases, r.person_index.removeprefix("id:"), "", value)
    return aliases


def recipient_aliases(listed: Sequence[Recipient]) -> Aliases:
    """Every recipient's person and household keys under the other index keys -> the keys it holds."""
    if not index_rotating():
        return {}
    aliases: Aliases = {}
    file_ids = [r.hardship_file_id for r in listed if r.hardship_file_id is not None]
    workers = [r.household_key.removeprefix("hh:") for r in listed
               if r.hardship_file_id is None and r.household_key.startswith("hh:")]
    of_file = {pk: f"{t}:{n}" for pk, t, n in HardshipFile.objects.filter(pk__in=file_ids)
               .values_list("pk", "worker_id_type", "worker_id_number") if n}
    of_worker = {i: f"{t}:{n}" for i, t, n in HardshipFile.objects.filter(worker_id_index__in=workers)
                 .values_list("worker_id_index", "worker_id_type", "worker_id_number") if n}
    for r in listed:
        if r.hardship_file_id is not None:
            value = of_file.get(r.hardship_file_id, "")
            if value:
                _add(aliases, r.person_index, "id:", value)
                _add(aliases, r.household_key, "hh:", value)
            continue
        if r.person_index.startswith("id:") and r.id_number:
            value = _typed_identity(r)
            if value:
                _add(aliases, r.person_index, "id:", value)
        elif r.person_index.startswith("phone:") and r.phone:
            _add(aliases, r.person_index, "phone:", r.phone)
        household = of_worker.get(r.household_key.removeprefix("hh:"), "")
        if household:
            _add(aliases, r.household_key, "hh:", household)
    return aliases
