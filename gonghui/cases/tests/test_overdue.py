import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.cases.models import Case, CaseEvent, CaseNotification
from gonghui.cases.services import case_accept, case_assign, case_dispatch, case_resolve, case_start
from gonghui.cases.services.overdue import case_sweep_overdue
from gonghui.cases.tasks import case_sweep_overdue_task
from gonghui.cases.tests.conftest import local
from gonghui.core.errors import PermissionDenied
from gonghui.orgs.scope import SystemActor

pytestmark = pytest.mark.django_db
SYSTEM = SystemActor("case-sweep")
AFTER_DUE = local(2026, 10, 14, 9, 0)  # a hard case received 30 Sept is due at the end of 13 Oct


@pytest.fixture
def at_county(world, hotline, classified_case):
    def make(received_at: datetime.datetime) -> Case:
        case = case_dispatch(actor=hotline, case=classified_case("hard", received_at=received_at),
                             union=world.county)
        return case_assign(actor=world.county_clerk, case=case_accept(actor=world.county_clerk, case=case),
                           handler=world.county_clerk)

    return make


def test_the_sweep_flags_only_due_open_cases_and_tells_the_handler_and_the_supervisors(world, city_admin,
                                                                                      at_county):
    due = at_county(local(2026, 9, 30, 10, 0))
    not_yet = at_county(local(2026, 10, 12, 10, 0))  # due 19 Oct
    done = at_county(local(2026, 9, 30, 11, 0))
    done = case_resolve(actor=world.county_clerk, case=case_start(actor=world.county_clerk, case=done),
                        outcome="已办结")
    untouched = {c.pk: (c.version, c.updated_at) for c in (not_yet, done)}
    with CaptureQueriesContext(connection) as queries:
        result = case_sweep_overdue(actor=SYSTEM, now=AFTER_DUE)
    assert (result.marked, result.escalated) == (1, 0)
    assert [c.pk for c in Case.objects.filter(overdue=True)] == [due.pk]
    for case in Case.objects.filter(pk__in=untouched):
        assert (case.version, case.updated_at) == untouched[case.pk]
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE") and "cases_case" in q["sql"]]
    assert len(updates) == 1 and "due_at" in updates[0]
    assert CaseEvent.objects.filter(action="overdue").count() == 1
    recipients = set(CaseNotification.objects.filter(case=due).values_list("recipient__username", flat=True))
    assert recipients == {"county_clerk", "city_admin"}  # the handler, and the nearest level above


def test_the_sweep_is_idempotent(world, at_county):
    at_county(local(2026, 9, 30, 10, 0))
    assert case_sweep_overdue(actor=SYSTEM, now=AFTER_DUE).marked == 1
    assert case_sweep_overdue(actor=SYSTEM, now=AFTER_DUE).marked == 0
    assert CaseEvent.objects.filter(action="overdue").count() == 1
    assert CaseNotification.objects.count() == 2  # the handler and the province officer, once


def test_a_case_overdue_longer_than_the_delay_climbs_one_level_per_delay(world, settings, at_county):
    settings.GONGHUI_CASE_ESCALATE_AFTER_HOURS = 24
    case = at_county(local(2026, 9, 30, 10, 0))
    case_sweep_overdue(actor=SYSTEM, now=AFTER_DUE)
    assert case_sweep_overdue(actor=SYSTEM, now=local(2026, 10, 14, 20, 0)).escalated == 0  # under 24 hours
    later = local(2026, 10, 15, 9, 0)
    assert case_sweep_overdue(actor=SYSTEM, now=later).escalated == 1
    assert case_sweep_overdue(actor=SYSTEM, now=later).escalated == 0
    case.refresh_from_db()
    assert (case.handling_union, case.escalation_level, case.overdue) == (world.city, 1, True)
    assert case_sweep_overdue(actor=SYSTEM, now=local(2026, 10, 16, 10, 0)).escalated == 1
    case.refresh_from_db()
    assert case.handling_union == world.province


def test_only_the_system_sweeps(world):
    with pytest.raises(PermissionDenied):
        case_sweep_overdue(actor=world.national_admin)


def test_the_task_runs_the_sweep(world):
    result = case_sweep_overdue_task.enqueue()
    assert result.return_value == {"marked": 0, "escalated": 0}
