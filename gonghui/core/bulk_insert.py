"""Writing many rows at once, for the services that admit, enrol or grant in bulk.

`bulk_insert` takes rows as {attname: python value} (missing columns take their field defaults) and
returns the new ids: on PostgreSQL the ids come from the table's sequence first, so rows that point
at these can be written in the same call, and the rows go by COPY; elsewhere (SQLite) the ids follow
the largest one and the rows go by executemany. This project opens SQLite transactions IMMEDIATE,
so no other writer can take those ids in between.
"""

import datetime
import operator
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.db import connection, models

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


def bulk_insert_columns(model: type[models.Model], count: int, columns: dict[str, Sequence[Any]],
                        same: dict[str, Any] | None = None) -> list[int]:
    """Insert `count` rows given column by column: `columns` holds one value per row for each of its
    attnames, `same` one value every row shares; the other columns take their field defaults.
    Returns the new ids in order.

    On PostgreSQL the database builds the rows itself from one array per column (INSERT … SELECT FROM
    unnest): nothing is formatted row by row in Python, which is most of what writing rows derived
    from others (a membership and an event per admitted member) would otherwise cost. Elsewhere the
    rows go through `bulk_insert`."""
    if not count:
        return []
    same = same or {}
    if connection.vendor != "postgresql":
        names = list(columns)
        rows = ({**same, **dict(zip(names, values, strict=True))} for values in zip(*columns.values(), strict=True))
        return bulk_insert(model, rows, count=count)
    pk = model._meta.pk
    assert pk is not None
    fields: list[Any] = list(model._meta.concrete_fields)
    with connection.cursor() as cursor:
        ids = _reserve_ids(cursor, model._meta.db_table, pk.column, count)
        arrays: list[Any] = []
        selected: list[str] = []
        params: list[Any] = []
        for f in fields:
            kind = f.cast_db_type(connection)
            if f.primary_key or f.attname in columns:
                values = ids if f.primary_key else columns[f.attname]
                if len(values) != count:
                    raise ValueError(f"{f.attname}: {len(values)} values for {count} rows")
                if not f.primary_key and not isinstance(f, _PLAIN):
                    values = [f.get_db_prep_save(v, connection) for v in values]
                arrays.append((f"%s::{kind}[]", array_text(values)))
                selected.append(f"u.c{len(arrays)}")
            else:
                value = same[f.attname] if f.attname in same else f.get_default()
                selected.append(f"%s::{kind}")
                params.append(f.get_db_prep_save(value, connection))
        unnest = ", ".join(cast for cast, _text in arrays)
        aliases = ", ".join(f"c{i}" for i in range(1, len(arrays) + 1))
        table = connection.ops.quote_name(model._meta.db_table)
        targets = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        sql = (f"INSERT INTO {table} ({targets}) SELECT {', '.join(selected)} "  # noqa: S608 - names from the model
               f"FROM unnest({unnest}) AS u({aliases})")
        cursor.execute(sql, params + [text for _cast, text in arrays])
    return ids


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
