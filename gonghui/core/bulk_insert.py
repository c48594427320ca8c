"""Writing many rows at once, for the services that admit, enrol or grant in bulk.

`bulk_insert` takes rows as {attname: python value} (missing columns take their field defaults) and
returns the new ids: on PostgreSQL the ids come from the table's sequence first, so rows that point
at these can be written in the same call, and the rows go by COPY; elsewhere (SQLite) the ids follow
the largest one and the rows go by executemany. This project opens SQLite transactions IMMEDIATE,
so no other writer can take those ids in between.

`LineFormat` is the faster form of `bulk_insert` for a writer that makes most of each row itself
(the roster commit: a million members): the columns that change are given per row as text, the
others are formatted once, and each row is one `str.format` call instead of a dict, a merge and
psycopg's per-value adaptation.
"""

import datetime
import operator
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, cast

from django.db import DEFAULT_DB_ALIAS, connection, connections, models

from gonghui.core.crypto import EncryptedTextField, field_sealer

# Columns of these types go to COPY as the Python values are; any other field (an encrypted one)
# goes through its own get_db_prep_save, exactly as on save(). SQLite prepares every column.
# A Decimal (or an int) goes as it is too: Django's own preparation of a DecimalField only converts
# it to a Decimal, and costs more per value than the COPY itself.
_PLAIN = (models.CharField, models.IntegerField, models.DateField, models.BooleanField, models.ForeignKey,
          models.DecimalField)


def bulk_insert(model: type[models.Model], values: Iterable[dict[str, Any]], *, count: int | None = None
                ) -> list[int]:
    """Insert `values` into `model`'s table in one statement; returns the new ids in order.

    `values` may be a generator when `count` says how many rows it yields: on PostgreSQL each row is
    then built while the server is still writing the ones before it, not all before the COPY starts."""
    n = len(values) if count is None else count  # type: ignore[arg-type]
    if not n:
        return []
    table = connection.ops.quote_name(model._meta.db_table)
    pk = model._meta.pk
    assert pk is not None
    fields = list(model._meta.concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            ids = _reserve_ids(cursor, model._meta.db_table, pk.column, n)
            # Raw psycopg below Django's cursor: errors are mapped to Django's (IntegrityError) by hand.
            with connection.wrap_database_errors, \
                    cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in _rows(fields, ids, values, plain=_PLAIN):
                    copy.write_row(row)
        else:
            largest = f"SELECT COALESCE(MAX({connection.ops.quote_name(pk.column)}), 0) FROM {table}"  # noqa: S608
            cursor.execute(largest)
            first = cursor.fetchone()[0] + 1
            ids = list(range(first, first + n))
            marks = ", ".join(["%s"] * len(fields))
            insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - names from the model
            cursor.executemany(insert, list(_rows(fields, ids, values, plain=())))
    return ids


class LineFormat:
    """Rows of `model` whose `varying` columns are given per row, as text, in that order: each value
    already what the column holds (sealed, indexed; a date as its isoformat) or None for NULL. Every
    other column takes its value in `same`, or its field default, prepared and formatted once.

        fmt = LineFormat(Member, ["name", "id_number"], same={"union_id": 3, "created_at": now})
        ids = fmt.insert([fmt.line((name, sealed)) for name, sealed in people])

    On PostgreSQL a line is a row of COPY's text format and `insert` sends them in one COPY with ids
    drawn from the sequence; elsewhere it is the row's values and `insert` runs executemany. `line` and
    `text` use no connection (rows may be made in another thread: core.ahead); `insert` does."""

    def __init__(self, model: type[models.Model], varying: Sequence[str], same: dict[str, Any] | None = None):
        same = same or {}
        pk = model._meta.pk
        assert pk is not None
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        names = {f.attname for f in fields}
        if not set(varying) <= names or not set(same) <= names or set(varying) & set(same):
            raise ValueError(f"{model.__name__}: unknown, missing or doubled columns in {varying} / {list(same)}")
        self.model, self.pk = model, pk
        self.fields = {f.attname: f for f in fields}
        self.columns = [pk.column] + [f.column for f in fields]
        self.copy = connection.vendor == "postgresql"
        self.db = connections[DEFAULT_DB_ALIAS]  # this thread's: `text` only asks it how to adapt a value
        slots: list[Any] = []
        for f in fields:
            if f.attname in varying:
                slots.append(varying.index(f.attname))
                continue
            value = same[f.attname] if f.attname in same else f.get_default()
            if isinstance(f, EncryptedTextField) and value not in ("", None):
                # One ciphertext repeated on every row would tell that the rows hold the same value.
                raise ValueError(f"{f.attname}: an encrypted column must be varying")
            slots.append(_Constant(f.get_db_prep_save(value, connection)))
        self.slots = slots
        if self.copy:
            # The id goes in front when the ids are drawn; the rest is one template per batch.
            parts = [f"{{{slot}}}" if isinstance(slot, int) else _copy_text(slot.value).replace("{", "{{")
                     .replace("}", "}}") for slot in slots]
            self._format = ("\t".join(parts) + "\n").format

    def text(self, attname: str, value: Any) -> Any:
        """A value of a varying column in the form `line` takes (a datetime as the database stores it)."""
        prepared = self.fields[attname].get_db_prep_save(value, self.db)
        return _plain_text(prepared) if self.copy else prepared

    def line(self, values: Sequence[str | None]) -> Any:
        if not self.copy:
            return tuple(s.value if isinstance(s, _Constant) else values[s] for s in self.slots)
        try:
            text = "".join(cast(Sequence[str], values))
        except TypeError:  # a NULL among them
            return self._format(*["\\N" if v is None else _escaped(v) for v in values])
        # Free text may hold what COPY's text format reads as a separator or an escape; almost no
        # row does, and one scan of the row's joined text tells.
        if "\\" in text or not text.isprintable():
            return self._format(*map(_escaped, cast(Sequence[str], values)))
        return self._format(*values)

    def insert(self, lines: Sequence[Any]) -> list[int]:
        """Write the rows made by `line`; returns their new ids in order."""
        if not lines:
            return []
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        with connection.cursor() as cursor:
            if self.copy:
                ids = _reserve_ids(cursor, self.model._meta.db_table, self.pk.column, len(lines))
                data = "".join([f"{pk}\t{line}" for pk, line in zip(ids, lines, strict=True)]).encode()
                with connection.wrap_database_errors, \
                        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    copy.write(data)
                return ids
            largest = f"SELECT COALESCE(MAX({connection.ops.quote_name(self.pk.column)}), 0) FROM {table}"  # noqa: S608
            cursor.execute(largest)
            first = cursor.fetchone()[0] + 1
            ids = list(range(first, first + len(lines)))
            marks = ", ".join(["%s"] * len(self.columns))
            insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - names from the model
            cursor.executemany(insert, [(pk, *row) for pk, row in zip(ids, lines, strict=True)])
            return ids


class _Constant:
    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy_text(value: Any) -> str:
    """A prepared value as COPY's text format writes it."""
    text = _plain_text(value)
    return "\\N" if text is None else _escaped(text)


def _plain_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime.date):  # and a datetime: its isoformat carries the offset
        return value.isoformat()
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, str):
        return str.__str__(value)  # a TextChoices member as its plain value
    raise TypeError(f"a {type(value).__name__} cannot be a constant column; make it varying")


def bulk_insert_columns(model: type[models.Model], count: int, columns: dict[str, Sequence[Any]],
                        same: dict[str, Any] | None = None) -> list[int]:
    """Insert `count` rows given column by column: `columns` holds one value per row for each of its
    attnames, `same` one value every row shares; the other columns take their field defaults.
    Returns the new ids in order.

    On PostgreSQL the rows go by COPY: the given columns first, written by one `str.format` per row
    mapped over the columns in C (ids and dates need no conversion, strings are checked once per
    column), the shared ones formatted once into the format. COPY writes a page of rows at a time
    where `INSERT … SELECT FROM unnest` (what this did before) writes and logs them one by one: less
    of the database's time and of its WAL for the membership and the event of each admitted member.
    Elsewhere the rows go through `bulk_insert`."""
    if not count:
        return []
    same = same or {}
    if connection.vendor != "postgresql":
        names = list(columns)
        rows = ({**same, **dict(zip(names, values, strict=True))} for values in zip(*columns.values(), strict=True))
        return bulk_insert(model, rows, count=count)
    pk = model._meta.pk
    assert pk is not None
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    given = [f for f in fields if f.attname in columns]
    rest = [f for f in fields if f.attname not in columns]
    texts: list[Sequence[Any]] = []
    for f in given:
        if len(columns[f.attname]) != count:
            raise ValueError(f"{f.attname}: {len(columns[f.attname])} values for {count} rows")
        texts.append(_column_text(f, columns[f.attname]))
    shared = "".join("\t" + _copy_text(f.get_db_prep_save(same[f.attname] if f.attname in same else f.get_default(),
                                                          connection)).replace("{", "{{").replace("}", "}}")
                     for f in rest)
    line = ("{}" + "\t{}" * len(given) + shared + "\n").format
    table = connection.ops.quote_name(model._meta.db_table)
    targets = ", ".join(connection.ops.quote_name(c) for c in [pk.column, *(f.column for f in given + rest)])
    with connection.cursor() as cursor:
        ids = _reserve_ids(cursor, model._meta.db_table, pk.column, count)
        data = "".join(map(line, ids, *texts)).encode()
        with connection.wrap_database_errors, cursor.cursor.copy(f"COPY {table} ({targets}) FROM STDIN") as copy:
            copy.write(data)
    return ids


def _column_text(field: Any, values: Sequence[Any]) -> Sequence[Any]:
    """A column's values as `str.format` may write them into COPY's text format."""
    kinds = set(map(type, values))
    if kinds <= {int, datetime.date}:  # ids and dates: format writes them as COPY reads them
        return values
    if kinds == {str}:
        joined = "".join(values)
        if "\\" not in joined and joined.isprintable():  # nothing COPY would read as a separator or escape
            return values
    if not isinstance(field, _PLAIN):
        values = [field.get_db_prep_save(v, connection) for v in values]
    return [_copy_text(v) for v in values]


def array_text(values: Sequence[Any]) -> str:
    """An array in PostgreSQL's text form, as one string to bind (cast it: `%s::bigint[]`). Django's
    cursor binds on the client, where psycopg would quote each of 10,000 elements in Python."""
    kinds = set(map(type, values))
    if kinds <= {int, datetime.date}:  # ids and dates, the usual columns: nothing to quote
        return "{" + ",".join(map(str, values)) + "}"
    return "{" + ",".join(map(_element, values)) + "}"


def _element(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int | Decimal | datetime.date):  # a datetime's str() is an ISO form with its offset
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    raise TypeError(f"a {type(value).__name__} cannot go in an array column; give it in `same` or use bulk_insert")


def _reserve_ids(cursor: Any, table: str, column: str, n: int) -> list[int]:
    """`n` ids from the table's sequence. Drawn in one statement they are consecutive unless another
    session drew some meanwhile: then (only then) the ids themselves come back, not 10,000 rows of them."""
    key = (table, column)
    if key not in _SEQUENCES:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
        _SEQUENCES[key] = cursor.fetchone()[0]
    cursor.execute("SELECT min(v), max(v), CASE WHEN max(v) - min(v) + 1 = count(*) THEN NULL "
                   "ELSE array_agg(v ORDER BY v) END "
                   "FROM (SELECT nextval(%s::regclass) AS v FROM generate_series(1, %s)) AS drawn",
                   [_SEQUENCES[key], n])
    low, high, scattered = cursor.fetchone()
    return list(range(low, high + 1)) if scattered is None else scattered


_SEQUENCES: dict[tuple[str, str], str] = {}


def _rows(fields: list[Any], ids: list[int], values: Iterable[dict[str, Any]], *, plain: tuple[type, ...]
          ) -> Iterator[list[Any]]:
    defaults = {f.attname: None if f.primary_key else f.get_default() for f in fields}
    pick = operator.itemgetter(*(f.attname for f in fields))  # a row dict to a tuple in column order, in C
    pk_at = next(i for i, f in enumerate(fields) if f.primary_key)
    # An encrypted column is sealed by the one function its field's get_prep_value calls, without
    # Django's three layers around it (a million rows, two such columns each).
    sealed = [i for i, f in enumerate(fields) if isinstance(f, EncryptedTextField)]
    seal = field_sealer()
    prepared = [(i, f) for i, f in enumerate(fields) if not f.primary_key and i not in sealed
                and not isinstance(f, plain)]
    for pk_value, row in zip(ids, values, strict=True):
        out = list(pick({**defaults, **row}))
        out[pk_at] = pk_value
        for i in sealed:
            if out[i] is not None and out[i] != "":
                out[i] = seal(str(out[i]))
        for i, f in prepared:
            out[i] = f.get_db_prep_save(out[i], connection)
        yield out


@contextmanager
def checked_as_written() -> Iterator[None]:
    """Foreign keys checked at the end of each COPY, not all at the commit.

    Django makes every foreign key DEFERRABLE INITIALLY DEFERRED; a million admissions would queue
    six million checks for the commit, run when the rows they look up have long left the cache
    (minutes). Checked per batch they are the same checks, while the rows are hot. The callers'
    batches are consistent at each statement's end (members, then memberships, then events), and
    the constraints are deferred again afterwards, as the rest of the transaction expects. (Every
    deferrable constraint here is Django's, initially deferred, so ALL restores them exactly.)
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield
    # Not on an error: the transaction is aborted then, and whoever catches it rolls back.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
