"""Who already holds a place in a programme's cycle, asked for many people at once.

The services ask here before writing, a query per 10,000 people; the partial unique constraints
on AidGrant stay the final guard against a batch written meanwhile by another union. A refused
person is shown the earlier grant only as far as the asker's scope reaches: a grant of a union the
asker cannot see is only said to exist in this cycle: never its union, date, batch or amounts.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils.translation import gettext_lazy as _

from gonghui.aid.choices import HOLDING
from gonghui.aid.models import AidGrant
from gonghui.core.crypto import blind_index, blind_index_candidates
from gonghui.core.errors import msg
from gonghui.orgs.scope import Scope

CHUNK = 10_000


def person_key_of_identity(id_type: str, number: str) -> str:
    # The same keying as the member registry's identity index, so one person is one key everywhere.
    return "id:" + blind_index(f"{id_type}:{number}")


def person_key_of_index(id_index: str) -> str:
    return "id:" + id_index


def person_key_of_phone(phone: str) -> str:
    return "phone:" + blind_index(phone)


def person_keys_of_identity(id_type: str, number: str) -> list[str]:
    """What a look-up of the person matches: the key under every configured index key."""
    return ["id:" + i for i in blind_index_candidates(f"{id_type}:{number}")]


def person_keys_of_phone(phone: str) -> list[str]:
    return ["phone:" + i for i in blind_index_candidates(phone)]


@dataclass(frozen=True)
class Holder:
    grant_id: int
    person_index: str
    household_key: str
    household_once: bool
    org_path: str
    union_name: str
    batch_id: int
    batch_title: str
    granted_on: Any


_SQL = ("SELECT g.id, g.person_index, g.household_key, g.household_once, g.org_path, u.name, b.id, b.title, "
        "g.granted_on FROM aid_aidgrant g JOIN aid_aidbatch b ON b.id = g.batch_id "
        "JOIN orgs_tradeunion u ON u.id = g.union_id "
        "WHERE g.dedup_key = %s AND g.cycle_key = %s AND g.status IN {holding} AND g.{column} = ANY(%s){also}")
# The statuses written as the partial unique indexes' own predicate, literally, so the planner can
# prove the index covers the question and look each person up in it.
_HOLDING_SQL = "(" + ", ".join(f"'{s}'" for s in HOLDING) + ")"


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    size = CHUNK if connection.vendor == "postgresql" else 900
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _holders_by(column: str, dedup_key: str, cycle_key: str, keys: Sequence[str]) -> list[Holder]:
    found: list[Holder] = []
    holding = [str(s) for s in HOLDING]
    for part in _chunks(keys):
        if connection.vendor == "postgresql":
            # One array parameter, not 10,000: Django would adapt each IN parameter in Python.
            with connection.cursor() as cursor:
                # The household question repeats its index's predicate, so the partial index serves it.
                also = " AND g.household_once" if column == "household_key" else ""
                sql = _SQL.format(column=column, also=also, holding=_HOLDING_SQL)
                cursor.execute(sql, [dedup_key, cycle_key, list(part)])
                rows = cursor.fetchall()
        else:
            extra = {"household_once": True} if column == "household_key" else {}
            rows = list(AidGrant.objects.filter(dedup_key=dedup_key, cycle_key=cycle_key, status__in=holding,
                                                **{f"{column}__in": part}, **extra)
                        .values_list("id", "person_index", "household_key", "household_once", "org_path",
                                     "union__name", "batch_id", "batch__title", "granted_on"))
        found.extend(Holder(*row) for row in rows)
    return found


def current_holders(*, dedup_key: str, cycle_key: str, person_keys: Sequence[str],
                    household_keys: Sequence[str], aliases: Mapping[str, str] | None = None
                    ) -> tuple[dict[str, Holder], dict[str, Holder]]:
    """(person key → holder, household key → holder counted once per household) in this cycle.

    `aliases` (while the index key rotates: a key under another index key → the key the caller
    holds, gonghui.aid.key_aliases) are asked too, and a holder found through one is returned
    under the caller's key: an earlier grant not yet recomputed still refuses the person."""
    aliases = aliases or {}
    by_person: dict[str, Holder] = {}
    for h in _holders_by("person_index", dedup_key, cycle_key, [*person_keys, *aliases]):
        # Under its own key too: a listing may hold the person under both keys.
        by_person[h.person_index] = by_person[aliases.get(h.person_index, h.person_index)] = h
    by_household: dict[str, Holder] = {}
    if household_keys:
        # A worker outside the registry is their own household: the person's aliases are asked here too.
        for h in _holders_by("household_key", dedup_key, cycle_key, [*household_keys, *aliases]):
            by_household[h.household_key] = by_household[aliases.get(h.household_key, h.household_key)] = h
    return by_person, by_household


def describe_holder(holder: Holder, scope: Scope) -> dict[str, Any]:
    """The earlier grant as the asker may see it (ARCHITECTURE §4: scope never leaks)."""
    date = holder.granted_on.isoformat() if holder.granted_on else ""
    if scope.covers(holder.org_path):
        return {"other_union": False, "grant": holder.grant_id, "union": holder.union_name,
                "batch": holder.batch_id, "batch_title": holder.batch_title, "date": date}
    # Outside the scope not even the date: with the person's identity number it would say where they
    # stood in line for help, which is the other union's business (docs/decisions.md).
    return {"other_union": True, "grant": None, "union": None, "batch": None, "batch_title": "", "date": ""}


def describe_text(described: dict[str, Any]) -> Any:
    """A lazy phrase for a message: rendered in the language of whoever reads it."""
    if described["other_union"]:
        return _("已在本周期内领取过该项目")
    return msg(_("%(union)s“%(batch)s”，%(date)s，发放编号%(grant)s"), described | {"batch": described["batch_title"]})
