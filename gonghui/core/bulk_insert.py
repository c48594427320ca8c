"""Writing many rows at once, for the services that admit, enrol or grant in bulk.

`bulk_insert` takes rows as {attname: python value} (missing columns take their field defaults) and
returns the new ids: on PostgreSQL the ids come from the table's sequence first, so rows that point
at these can be written in the same call, and the rows go by COPY; elsewhere (SQLite) the ids follow
the largest one and the rows go by executemany. This project opens SQLite transactions IMMEDIATE,
so no other writer can take those ids in between.
"""

import operator
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, models

from gonghui.core.crypto import EncryptedTextField

# Columns of these types go to COPY as the Python values are; any other field (an encrypted one)
# goes through its own get_db_prep_save, exactly as on save(). SQLite prepares every column.
# A Decimal (or an int) goes as it is too: Django's own preparation of a DecimalField only converts
# it to a Decimal, and costs more per value than the COPY itself.
_PLAIN = (models.CharField, models.IntegerField, models.DateField, models.BooleanField, models.ForeignKey,
          models.DecimalField)


def bulk_insert(model: type[models.Model], values: list[dict[str, Any]]) -> list[int]:
    """Insert `values` into `model`'s table in one statement; returns the new ids in order."""
    if not values:
        return []
    table = connection.ops.quote_name(model._meta.db_table)
    pk = model._meta.pk
    assert pk is not None
    fields = list(model._meta.concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [model._meta.db_table, pk.column, len(values)])
            ids = [r[0] for r in cursor.fetchall()]
            # Raw psycopg below Django's cursor: errors are mapped to Django's (IntegrityError) by hand.
            with connection.wrap_database_errors, \
                    cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in _rows(fields, ids, values, plain=_PLAIN):
                    copy.write_row(row)
        else:
            largest = f"SELECT COALESCE(MAX({connection.ops.quote_name(pk.column)}), 0) FROM {table}"  # noqa: S608
            cursor.execute(largest)
            first = cursor.fetchone()[0] + 1
            ids = list(range(first, first + len(values)))
            marks = ", ".join(["%s"] * len(fields))
            insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - names from the model
            cursor.executemany(insert, list(_rows(fields, ids, values, plain=())))
    return ids


def _rows(fields: list[Any], ids: list[int], values: list[dict[str, Any]], *, plain: tuple[type, ...]
          ) -> Iterator[list[Any]]:
    defaults = {f.attname: None if f.primary_key else f.get_default() for f in fields}
    pick = operator.itemgetter(*(f.attname for f in fields))  # a row dict to a tuple in column order, in C
    pk_at = next(i for i, f in enumerate(fields) if f.primary_key)
    prepared = [(i, f) for i, f in enumerate(fields) if not f.primary_key
                and (isinstance(f, EncryptedTextField) or not isinstance(f, plain))]
    for pk_value, row in zip(ids, values, strict=True):
        out = list(pick({**defaults, **row}))
        out[pk_at] = pk_value
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
