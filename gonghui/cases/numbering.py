"""Readable case numbers, one sequence per line and year: 12351-2026-000123."""

from django.db import IntegrityError, transaction
from django.db.models import F

from gonghui.cases.choices import NUMBER_PREFIX, Line
from gonghui.cases.models import CaseNumberCounter


def allocate_case_number(line: str, year: int) -> str:
    """Take the next number; callers hold a transaction, so the counter row stays locked until it commits
    and a concurrent intake waits instead of reading the same value."""
    with transaction.atomic():
        counter = CaseNumberCounter.objects.select_for_update().filter(line=line, year=year).first()
        if counter is None:
            try:
                # The first case of a line in a year: two intakes may both try to create the row.
                with transaction.atomic():
                    CaseNumberCounter.objects.create(line=line, year=year, last=0)
            except IntegrityError:
                pass
            counter = CaseNumberCounter.objects.select_for_update().get(line=line, year=year)
        CaseNumberCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
        last = CaseNumberCounter.objects.filter(pk=counter.pk).values_list("last", flat=True).get()
    return f"{NUMBER_PREFIX[Line(line)]}-{year}-{last:06d}"
