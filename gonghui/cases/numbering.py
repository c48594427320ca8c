"""Readable case numbers, one sequence per line and year: 12351-2026-000123."""

from django.db import IntegrityError, connection, transaction

from gonghui.cases.choices import NUMBER_PREFIX, Line
from gonghui.cases.models import CaseNumberCounter

# One statement takes the next value and locks the counter row until the caller's transaction
# commits, so a concurrent intake waits instead of reading the same value (PostgreSQL and SQLite
# both know RETURNING).
_NEXT = (f"UPDATE {CaseNumberCounter._meta.db_table} SET last = last + 1 "  # noqa: S608 - the model's table
         "WHERE line = %s AND year = %s RETURNING last")


def allocate_case_number(line: str, year: int) -> str:
    """Take the next number; callers hold a transaction."""
    with connection.cursor() as cursor:
        cursor.execute(_NEXT, [line, year])
        row = cursor.fetchone()
        if row is None:
            try:
                # The first case of a line in a year: two intakes may both try to create the row.
                with transaction.atomic():
                    CaseNumberCounter.objects.create(line=line, year=year, last=0)
            except IntegrityError:
                pass
            cursor.execute(_NEXT, [line, year])
            row = cursor.fetchone()
    return f"{NUMBER_PREFIX[Line(line)]}-{year}-{row[0]:06d}"
