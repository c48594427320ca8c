"""The clean rows of a validated roster, kept between validation and commit.

Validation cleans every row once (the expensive part); the commit reads the clean rows back
instead of cleaning the file a second time, and re-checks each person against the database as it
stands then. The rows are written in chunks, each marshalled, compressed and sealed with the field
key (AES-GCM): the staged file holds identity numbers, and the seal also proves the commit reads
exactly what validation wrote.
"""

import datetime
import marshal
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from gonghui.core.crypto import decrypt_bytes, encrypt_bytes
from gonghui.members.cleaning import JOIN_DATE, PROFILE_FIELDS, TAG, CleanMember, Person, clean_of

VALUE_FIELDS = PROFILE_FIELDS  # the stage's layout: changing it would misread stages written before
_PURPOSE = b"gonghui.roster.stage.v1"
_LENGTH = struct.Struct(">I")
CHUNK_ROWS = 5000


@dataclass(frozen=True)
class StagedRow:
    row: int  # the row number in the user's sheet
    clean: CleanMember
    join_date: datetime.date


def _pack(item: StagedRow) -> tuple:
    c = item.clean
    # Plain str only: choices arrive as TextChoices members, which marshal refuses.
    return (item.row, str(c.name), str(c.identity.id_type), str(c.identity.number), c.id_index, str(c.gender),
            c.birth_date.toordinal() if c.birth_date else 0, str(c.phone),
            tuple(str(c.values.get(f, "")) for f in VALUE_FIELDS), item.join_date.toordinal())


def _person(t: tuple) -> Person:
    row, name, id_type, number, id_index, gender, birth, phone, values, joined = t
    return (id_index, name, id_type, number, gender, datetime.date.fromordinal(birth) if birth else None, phone,
            values, datetime.date.fromordinal(joined), row)


def staged_row(person: Person) -> StagedRow:
    """The staged row a person read by `read_people` came from (its tag is the row number)."""
    return StagedRow(person[TAG], clean_of(person), person[JOIN_DATE])


class StageWriter:
    def __init__(self, out: IO[bytes]):
        self.out = out
        self.pending: list[tuple] = []
        self.count = 0

    def add(self, item: StagedRow) -> None:
        self.pending.append(_pack(item))
        if len(self.pending) >= CHUNK_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        blob = encrypt_bytes(zlib.compress(marshal.dumps(self.pending), 1), _PURPOSE)
        self.out.write(_LENGTH.pack(len(blob)) + blob)
        self.count += len(self.pending)
        self.pending = []


def read_people(source: IO[bytes]) -> Iterator[list[Person]]:
    """The staged rows, chunk by chunk, as people to admit (members_bulk_admit_people) tagged with their
    row number; no object per row is built until one is needed (`staged_row`)."""
    while True:
        head = source.read(_LENGTH.size)
        if not head:
            return
        (length,) = _LENGTH.unpack(head)
        # marshal is only ever fed what the seal proves we wrote ourselves.
        data = zlib.decompress(decrypt_bytes(source.read(length), _PURPOSE))
        yield [_person(t) for t in marshal.loads(data)]  # noqa: S302
