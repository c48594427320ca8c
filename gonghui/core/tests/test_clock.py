import datetime

import pytest
from django.apps import apps
from django.utils import timezone

from gonghui.core.audit import Actor, audit_record
from gonghui.core.audit_models import AuditEntry
from gonghui.core.audit_verification import verify_chain
from gonghui.core.clock import clock_at

A_YEAR_AGO = timezone.make_aware(datetime.datetime(2025, 3, 14, 10, 30))


def test_the_services_clock_reads_the_time_set_and_moves_on_after_it():
    with clock_at(A_YEAR_AGO):
        first, second = timezone.now(), timezone.now()
        assert A_YEAR_AGO < first < second < A_YEAR_AGO + datetime.timedelta(seconds=1)
        assert timezone.localdate() == datetime.date(2025, 3, 14)
    assert timezone.now() > A_YEAR_AGO + datetime.timedelta(days=300)


def test_it_reaches_fields_that_default_to_the_clock():
    CaseEvent = apps.get_model("cases", "CaseEvent")
    with clock_at(A_YEAR_AGO):
        stamped = CaseEvent(action="note").at
    assert stamped.date() == datetime.date(2025, 3, 14)
    assert CaseEvent(action="note").at.date() == timezone.now().date()


def test_it_refuses_a_time_without_a_zone():
    with pytest.raises(ValueError), clock_at(datetime.datetime(2025, 3, 14, 10, 30)):
        pass


@pytest.mark.django_db
def test_audit_rows_written_under_it_still_verify():
    with clock_at(A_YEAR_AGO):
        audit_record(actor=Actor(id=1, label="tester"), action="demo.step")
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None and timezone.localdate(entry.at) == datetime.date(2025, 3, 14)
    assert verify_chain().problem_count == 0
