from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from gonghui.core.retention_sweep import sweep
from gonghui.members.models import PersonalDataAccess
from gonghui.members.roster_models import RosterImport

Status = RosterImport.Status


def test_the_access_log_is_purged_past_its_period_and_nothing_newer(world):
    member = world.membership.member
    for reason, days in (("old", 365 + 1 / 24), ("boundary", 365 - 1 / 24), ("new", 0)):
        row = PersonalDataAccess.objects.create(member=member, field="id_number", reason=reason, actor_id=1,
                                                actor_label="county_admin", org_path=world.grassroots.path)
        PersonalDataAccess.objects.filter(pk=row.pk).update(at=timezone.now() - timedelta(days=days))
    (run,) = sweep(only="member_access_log")
    assert run.applied.count == 1
    assert set(PersonalDataAccess.objects.values_list("reason", flat=True)) == {"boundary", "new"}


def _import(world, status: str, days_ago: float | None) -> RosterImport:
    ri = RosterImport(union=world.grassroots, org_path=world.grassroots.path, original_name="名册.csv",
                      status=status, admitted_rows=3,
                      finished_at=None if days_ago is None else timezone.now() - timedelta(days=days_ago))
    ri.file.save("roster.csv", ContentFile("姓名,身份证号\n".encode()), save=True)
    return ri


def test_a_finished_rosters_file_goes_after_its_period_and_the_record_of_the_import_stays(
        world, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    old = _import(world, Status.COMMITTED, 30 + 1 / 24)
    failed = _import(world, Status.FAILED, 31)
    boundary = _import(world, Status.COMMITTED, 30 - 1 / 24)
    # Not finished (awaiting its commit), though its dates are long past the period: its file stays.
    waiting = _import(world, Status.VALIDATED, 90)
    RosterImport.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - timedelta(days=90))
    old_path = Path(tmp_path) / old.file.name

    with django_capture_on_commit_callbacks(execute=True):
        (run,) = sweep(only="roster_files")

    assert run.applied.count == 2 and not old_path.exists()
    old.refresh_from_db()
    assert (old.file.name, old.admitted_rows, old.status) == ("", 3, Status.COMMITTED)
    assert RosterImport.objects.get(pk=failed.pk).file.name == ""
    for kept in (boundary, waiting):
        kept.refresh_from_db()
        assert kept.file.name and (Path(tmp_path) / kept.file.name).exists()
    assert sweep(only="roster_files")[0].applied.count == 0
