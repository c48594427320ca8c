"""回头看: scheduled at filing, flagged by the periodic sweep once due, recorded on time or late."""

import datetime

import pytest
from django.utils import timezone

from gonghui.assistance.choices import Action, Status
from gonghui.assistance.models import HardshipEvent, HardshipFile, HardshipRecheck
from gonghui.assistance.services import hardship_exit, hardship_flag_due_rechecks, hardship_recheck
from gonghui.assistance.services.common import add_months
from gonghui.assistance.tasks import hardship_flag_due_rechecks_task
from gonghui.core.errors import PermissionDenied, ValidationFailed
from gonghui.core.periodic import periodic_jobs
from gonghui.orgs.scope import SystemActor

pytestmark = pytest.mark.django_db
SWEEPER = SystemActor("test-sweep")


@pytest.mark.parametrize(("day", "months", "expected"), [
    (datetime.date(2026, 8, 31), 6, datetime.date(2027, 2, 28)),
    (datetime.date(2027, 8, 31), 6, datetime.date(2028, 2, 29)),
    (datetime.date(2026, 1, 15), 12, datetime.date(2027, 1, 15)),
    (datetime.date(2026, 11, 30), 3, datetime.date(2027, 2, 28)),
])
def test_months_are_added_to_the_calendar_not_as_days(day, months, expected):
    assert add_months(day, months) == expected


def test_filing_schedules_the_first_recheck_n_months_ahead(world, filed_file, settings):
    file = filed_file()
    assert file.next_recheck_on == add_months(timezone.localdate(), settings.GONGHUI_HARDSHIP_RECHECK_MONTHS)
    assert file.recheck_overdue is False


def test_the_sweep_flags_files_past_their_date_once(world, filed_file):
    due, later = filed_file(), filed_file()
    day_after = due.next_recheck_on + datetime.timedelta(days=1)
    HardshipFile.objects.filter(pk=later.pk).update(next_recheck_on=day_after + datetime.timedelta(days=30))

    first = hardship_flag_due_rechecks(actor=SWEEPER, today=day_after)
    again = hardship_flag_due_rechecks(actor=SWEEPER, today=day_after)

    assert (first.flagged, first.file_ids, again.flagged) == (1, [due.pk], 0)
    assert HardshipFile.objects.get(pk=due.pk).recheck_overdue
    assert not HardshipFile.objects.get(pk=later.pk).recheck_overdue
    assert HardshipEvent.objects.filter(action=Action.RECHECK_DUE).count() == 1
    assert HardshipFile.objects.get(pk=due.pk).version == due.version  # a cadre's open page stays current


def test_a_late_recheck_is_recorded_late_and_clears_the_flag(world, filed_file):
    file = filed_file()
    due_on = file.next_recheck_on
    late = timezone.now() + datetime.timedelta(days=(due_on - timezone.localdate()).days + 10)
    hardship_flag_due_rechecks(actor=SWEEPER, today=due_on + datetime.timedelta(days=1))
    file.refresh_from_db()
    file = hardship_recheck(actor=world.county_clerk, file=file, result="continue", now=late)
    done = HardshipRecheck.objects.get(file=file)
    assert (done.due_on, done.on_time) == (due_on, False)
    assert not file.recheck_overdue and file.next_recheck_on > due_on


def test_a_watched_household_is_rechecked_for_relapse_within_its_watch(world, filed_file):
    file = hardship_exit(actor=world.county_clerk, file=filed_file(), reason="employed")
    assert file.next_recheck_on <= file.watch_until
    with pytest.raises(ValidationFailed) as refused:
        hardship_recheck(actor=world.county_clerk, file=file, result="continue")
    assert refused.value.field == "result"
    file = hardship_recheck(actor=world.county_clerk, file=file, result="no_relapse")
    assert file.status == Status.WATCHED and HardshipRecheck.objects.get(file=file).on_time


def test_only_the_system_runs_the_sweep(world):
    with pytest.raises(PermissionDenied):
        hardship_flag_due_rechecks(actor=world.province_officer)


def test_the_sweep_is_a_registered_periodic_job_that_runs_as_a_task(world, filed_file):
    assert "hardship_flag_due_rechecks" in periodic_jobs()
    filed_file()
    result = hardship_flag_due_rechecks_task.enqueue()
    assert result.return_value == {"flagged": 0}
