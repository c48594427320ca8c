"""Writing many enrolments at once: COPY on PostgreSQL, executemany elsewhere (SQLite).

Nothing points at a new enrolment within the same call, so the ids come from the table's own
sequence (or SQLite's rowid) and are not needed here.
"""

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from django.db import connection, models

BATCH = 10_000


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    it = iter(rows)
    while batch := list(islice(it, BATCH)):
        yield batch


def insert_rows(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Insert rows given as {attname: python value}, every non-key column present. Returns the count."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    names = [f.attname for f in fields]
    written = 0
    with connection.cursor() as cursor:
        for batch in _batches(rows):
            if connection.vendor == "postgresql":
                # Raw psycopg below Django's cursor: errors are mapped to Django's (IntegrityError) by hand.
                with connection.wrap_database_errors, \
                        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row([row[name] for name in names])
            else:
                marks = ", ".join(["%s"] * len(fields))
                insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - names from the model
                cursor.executemany(insert, [[f.get_db_prep_save(row[f.attname], connection) for f in fields]
                                            for row in batch])
            written += len(batch)
    return written
