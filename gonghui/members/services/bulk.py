"""Admitting many people at once: the write path of the roster import (集体登记入会), and of any
loader that brings thousands of members (the demo data builder, a migration from a legacy system).

    members_bulk_admit(actor=..., union=..., rows=[(clean, join_date), ...], channel=JoinChannel.ROSTER)
    members_bulk_admit_people(actor=..., union=..., people=[person, ...], channel=...)

`rows` holds people validated by `members.cleaning.clean_member_data` (any iterable: it is consumed
in batches, so a generator keeps a million rows out of memory); `people` the same people flat
(`cleaning.Person`), as the roster commit reads them from its stage. A person new to the registry
gets a Member; someone who is in it without a live membership (left, transferred out) rejoins: the
profile is refreshed with the non-empty values and a new membership starts. Every person gets a
membership and an `admit`/`rejoin` event; the call writes one audit row with the counts.

Nobody in `rows` may hold a live membership: the caller sorts those out (a transfer, not a second
membership), either first or through `on_held`, which receives each person the batch's look-up
finds holding one (the roster import's re-check at commit). Without it, such a person, found now
or raced in by a concurrent join, fails the call: the database's unique indexes refuse a race and
the whole call rolls back with `BulkAdmitConflict`, nothing half-written. On PostgreSQL members,
memberships and events go in with COPY (each batch's member rows made in a second thread while the
database writes the batch before); elsewhere with bulk inserts.
"""

import datetime
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.ahead import ahead
from gonghui.core.audit import audit_record
from gonghui.core.bulk_insert import LineFormat, array_text, bulk_insert_columns, checked_as_written
from gonghui.core.crypto import blind_index, field_sealer
from gonghui.core.errors import Conflict, ValidationFailed
from gonghui.core.idnumbers import mask_id, mask_phone
from gonghui.core.permissions import Perm
from gonghui.core.text import pinyin_initials
from gonghui.members.choices import LIVE_STATUSES, JoinChannel, MembershipStatus
from gonghui.members.cleaning import (
    ID_INDEX,
    JOIN_DATE,
    PROFILE_FIELDS,
    TAG,
    CleanMember,
    Person,
    clean_of,
    person_aliases,
    person_of,
)
from gonghui.members.models import Member, Membership, MembershipEvent
from gonghui.members.workplace import union_employer_id
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.rollup import rollup_adjust
from gonghui.orgs.scope import require
from gonghui.orgs.services.common import audit_actor

BATCH = 10_000
Row = tuple[CleanMember, datetime.date]


class BulkAdmitConflict(Conflict):
    code = "live_membership"

    @classmethod
    def default_message(cls) -> Any:
        return _("提交期间有人员已通过其他途径入会，本次未写入任何记录；请重新校验后再提交。")


@dataclass(frozen=True)
class BulkAdmitted:
    admitted: int = 0  # new to the registry
    rejoined: int = 0  # in the registry before, without a live membership

    @property
    def total(self) -> int:
        return self.admitted + self.rejoined


@lru_cache(maxsize=1 << 16)  # names repeat (张伟, 王芳): pypinyin is the slow part of a member's row
def _initials(name: str) -> str:
    return pinyin_initials(name)[:20]


def members_bulk_admit(*, actor: Any, union: TradeUnion, rows: Iterable[Row], channel: str,
                       on_progress: Callable[[int], None] | None = None,
                       on_held: Callable[[Row, int, int], None] | None = None) -> BulkAdmitted:
    """With `on_held`, a person found holding a live membership when their batch is written is left
    out and handed to it as (row, union id, member id), in the order of `rows`; without it, such a
    person fails the whole call. `on_progress` gets the number of rows taken so far, after each batch."""
    people = (person_of(clean, joined, (clean, joined)) for clean, joined in rows)

    def relay(person: Person, union_id: int, member_id: int) -> None:
        assert on_held is not None
        on_held(person[TAG], union_id, member_id)

    return members_bulk_admit_people(actor=actor, union=union, people=people, channel=channel,
                                     on_progress=on_progress, on_held=None if on_held is None else relay)


def members_bulk_admit_people(*, actor: Any, union: TradeUnion, people: Iterable[Person], channel: str,
                              on_progress: Callable[[int], None] | None = None,
                              on_held: Callable[[Person, int, int], None] | None = None) -> BulkAdmitted:
    """`members_bulk_admit` for people given flat; `on_held` receives the person, tag and all."""
    require(actor, Perm.MEMBER_EDIT, union.path)
    if channel not in JoinChannel.values or channel == JoinChannel.TRANSFER:
        raise ValidationFailed(_("入会方式无效。"), field="channel")
    if not union.is_active:
        raise ValidationFailed(_("该工会已合并或撤销，不能发展会员。"), field="union")
    writer = _Writer(actor, union, channel, on_held)
    taken = 0
    try:
        with transaction.atomic(), checked_as_written():
            # Closed on the way out, error or not: the second thread stops before the rollback.
            with closing(ahead(writer.prepared(people))) as batches:
                for batch, lines, now in batches:
                    writer.write(batch, lines, now)
                    taken += len(batch)
                    if on_progress is not None:
                        on_progress(taken)
            result = BulkAdmitted(writer.admitted, writer.rejoined)
            rollup_adjust(union.path, members=result.total)
            audit_record(actor=writer.who, action="member.bulk_admit", obj=union, org_path=union.path,
                         detail={"channel": channel, "admitted": result.admitted, "rejoined": result.rejoined})
    except IntegrityError as exc:
        # The one-live-membership index or the unique identity index: someone joined meanwhile.
        raise BulkAdmitConflict() from exc
    return result


def _batches(people: Iterable[Person]) -> Iterator[list[Person]]:
    it = iter(people)
    while batch := list(islice(it, BATCH)):
        yield batch


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    # SQLite allows 999 parameters per statement in older builds.
    size = 10_000 if connection.vendor == "postgresql" else 900
    for start in range(0, len(items), size):
        yield items[start:start + size]


# A live membership is unique per person, so the join adds no row. Each index wanted is one probe of
# the unique index (LIMIT 1 keeps the planner from turning the probes into a join): as `= ANY(...)`,
# planned on statistics taken before the commit began, it became a scan of the whole table once the
# table held ~50,000 rows, and each batch of a commit scanned all that the batches before it wrote.
# The indexes go as one comma-separated text (hex: nothing to quote), which string_to_array splits in a
# third of the time array_in takes over the quoted form.
_KNOWN_SQL = ("SELECT m.id_index, m.id, s.union_id FROM unnest(string_to_array(%s, ',')) AS w(id_index) "
              "CROSS JOIN LATERAL (SELECT id, id_index FROM members_member WHERE id_index = w.id_index LIMIT 1) m "
              "LEFT JOIN members_membership s ON s.member_id = m.id AND s.status = ANY(%s)")
_LIVE_SQL = ("SELECT m.id_index, s.union_id, s.member_id FROM members_membership s "
             "JOIN members_member m ON m.id = s.member_id WHERE m.id_index = ANY(%s::varchar[]) "
             "AND s.status = ANY(%s)")


def _pg_rows(sql: str, *params: Any) -> list[tuple[Any, ...]]:
    # One array parameter instead of 10,000: Django would prepare each IN parameter in Python (and
    # the blind indexes go as one array text, not quoted one by one).
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.fetchall()


def _also(part: Sequence[str], aliases: Mapping[str, str]) -> list[str]:
    if not aliases:
        return list(part)
    wanted = set(part)
    return list(part) + [other for other, index in aliases.items() if index in wanted]


def members_known(id_indexes: Sequence[str], aliases: Mapping[str, str] | None = None
                  ) -> dict[str, tuple[int, int | None]]:
    """id_index → (member id, union id of the live membership or None) of the people already in the
    registry, one query per 10,000: the person and where they are a member now, found together.
    `aliases` (`index_aliases`, during an index key rotation) finds a person stored under another key too."""
    found: dict[str, tuple[int, int | None]] = {}
    live = [str(s) for s in LIVE_STATUSES]
    aliases = aliases or {}
    for part in _chunks(id_indexes):
        wanted = _also(part, aliases)
        if connection.vendor == "postgresql":
            rows = _pg_rows(_KNOWN_SQL, ",".join(wanted), live)
        else:
            members = dict(Member.objects.filter(id_index__in=wanted).values_list("id_index", "pk"))
            holding = dict(Membership.objects.live().filter(member_id__in=members.values()).values_list(
                "member_id", "union_id"))
            rows = [(index, pk, holding.get(pk)) for index, pk in members.items()]
        found.update((aliases.get(index, index), (pk, union_id)) for index, pk, union_id in rows)
    return found


def live_memberships(id_indexes: Sequence[str], aliases: Mapping[str, str] | None = None
                     ) -> dict[str, tuple[int, int]]:
    """id_index → (union id, member id) of each person's live membership, a query per 10,000; `aliases`
    as for `members_known`."""
    found: dict[str, tuple[int, int]] = {}
    aliases = aliases or {}
    for part in _chunks(id_indexes):
        if connection.vendor == "postgresql":
            rows = _pg_rows(_LIVE_SQL, array_text(_also(part, aliases)), [str(s) for s in LIVE_STATUSES])
        else:
            rows = list(Membership.objects.live().filter(member__id_index__in=_also(part, aliases)).values_list(
                "member__id_index", "union_id", "member_id"))
        found.update((aliases.get(index, index), (union_id, member_id)) for index, union_id, member_id in rows)
    return found


# The member columns a row gives (`_member_text`), in its order; the rest are the union's or defaults.
_MEMBER_COLUMNS = ("name", "name_initials", "gender", "id_type", "id_number", "id_index", "id_masked", "birth_date",
                   "phone", "phone_index", "phone_masked", *PROFILE_FIELDS, "created_at", "updated_at")


def _member_text(person: Person, seal: Callable[[str], str], stamp: Any) -> tuple[Any, ...]:
    id_index, name, id_type, number, gender, birth_date, phone, profile, _joined, _tag = person
    return (name, _initials(name), gender, id_type, seal(number), id_index, mask_id(number),
            None if birth_date is None else birth_date.isoformat(),
            seal(phone) if phone else "", blind_index(phone) if phone else "", mask_phone(phone), *profile,
            stamp, stamp)


class _Writer:
    def __init__(self, actor: Any, union: TradeUnion, channel: str,
                 on_held: Callable[[Person, int, int], None] | None):
        self.who = audit_actor(actor)
        self.on_held = on_held
        self.union, self.channel = union, channel
        self.employer_id = union_employer_id(union)
        self.admitted = self.rejoined = 0
        self.placed = {"union_id": union.pk, "org_path": union.path, "status": MembershipStatus.ACTIVE,
                       "employer_id": self.employer_id}
        self.format = LineFormat(Member, _MEMBER_COLUMNS, same=self.placed)

    def prepared(self, people: Iterable[Person]) -> Iterator[tuple[list[Person], list[Any], datetime.datetime]]:
        """Each batch with its members' rows made (sealed, indexed, formatted): the Python half of the
        work, run in a second thread while the database writes the batch before (core.ahead), so
        nothing here may touch the database. A row made for someone the look-up then finds in the
        registry is dropped: rare, and cheaper than waiting for the look-up to make the rest."""
        line, text, seal = self.format.line, self.format.text, field_sealer()
        for batch in _batches(people):
            now = timezone.now()
            stamp = text("created_at", now)
            yield batch, [line(_member_text(person, seal, stamp)) for person in batch], now

    def write(self, batch: list[Person], lines: list[Any], now: datetime.datetime) -> None:
        indexes = [person[ID_INDEX] for person in batch]
        if len(set(indexes)) != len(indexes):
            raise ValidationFailed(_("同一批次中有重复的证件号码。"), field="id_number", code="duplicate")
        known = members_known(indexes, person_aliases(batch))
        held = {index for index, (_pk, union_id) in known.items() if union_id is not None}
        if held:
            if self.on_held is None:
                raise BulkAdmitConflict()
            for person in batch:
                if person[ID_INDEX] in held:
                    pk, union_id = known[person[ID_INDEX]]
                    self.on_held(person, union_id, pk)  # type: ignore[arg-type]
        # In the registry without a live membership: they rejoin, their record updated.
        existing = {index: pk for index, (pk, union_id) in known.items() if union_id is None}
        fresh, back = batch, []
        if known:
            fresh = [person for person in batch if person[ID_INDEX] not in known]
            back = [person for person in batch if person[ID_INDEX] in existing]
            lines = [line for person, line in zip(batch, lines, strict=True) if person[ID_INDEX] not in known]
        member_ids = self._insert_members(fresh, lines) + self._rejoin_members(back, existing, now)
        dates = [person[JOIN_DATE] for person in fresh] + [person[JOIN_DATE] for person in back]
        membership_ids = self._insert_memberships(member_ids, dates, now)
        kinds = ["admit"] * len(fresh) + ["rejoin"] * len(back)
        self._insert_events(member_ids, membership_ids, kinds, now)
        self.admitted += len(fresh)
        self.rejoined += len(back)

    def _member_values(self, clean: CleanMember, now: datetime.datetime) -> dict[str, Any]:
        return {**clean.profile(), "name_initials": _initials(clean.name), "id_type": clean.identity.id_type,
                "id_number": clean.identity.number, "id_index": clean.id_index, "id_masked": clean.identity.masked,
                **self.placed, "created_at": now, "updated_at": now}

    def _insert_members(self, people: list[Person], lines: list[Any]) -> list[int]:
        """`lines` are the people's rows, made ahead (`prepared`)."""
        return self.format.insert(lines)

    def _rejoin_members(self, people: list[Person], existing: dict[str, int], now: datetime.datetime) -> list[int]:
        """People who left (or moved on) and come back: as admit_clean does, only non-empty values overwrite."""
        if not people:
            return []
        ids = [existing[person[ID_INDEX]] for person in people]
        members = Member.objects.in_bulk(ids)
        for person in people:
            member = members[existing[person[ID_INDEX]]]
            for key, value in self._member_values(clean_of(person), now).items():
                if key not in ("id_number", "created_at") and value not in ("", None):
                    setattr(member, key, value)
            member.version += 1
        fields = [f.name for f in Member._meta.concrete_fields if f.name not in ("id", "id_number", "created_at")]
        Member.objects.bulk_update(list(members.values()), fields, batch_size=500)
        return ids

    # A membership and an event per person, all but a column or two the same for every row: given
    # column by column, the shared columns formatted once (bulk_insert_columns).
    def _insert_memberships(self, member_ids: list[int], dates: list[datetime.date], now: datetime.datetime
                            ) -> list[int]:
        return bulk_insert_columns(Membership, len(member_ids), {"member_id": member_ids, "join_date": dates},
                                   same={"union_id": self.union.pk, "org_path": self.union.path,
                                         "status": MembershipStatus.ACTIVE, "channel": self.channel,
                                         "created_at": now})

    def _insert_events(self, member_ids: list[int], membership_ids: list[int], kinds: list[str],
                       now: datetime.datetime) -> None:
        bulk_insert_columns(MembershipEvent, len(member_ids),
                            {"member_id": member_ids, "membership_id": membership_ids, "kind": kinds},
                            same={"new_status": MembershipStatus.ACTIVE, "union_id": self.union.pk,
                                  "actor_id": self.who.id, "actor_label": self.who.shown, "at": now})
