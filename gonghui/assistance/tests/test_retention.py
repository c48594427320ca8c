from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gonghui.assistance.choices import Status
from gonghui.assistance.models import HardshipFile, HouseholdMember
from gonghui.assistance.record_models import HardshipDataAccess, HardshipDocument, HardshipEvent
from gonghui.assistance.selectors import hardship_get, hardship_list, hardship_status_counts
from gonghui.assistance.services import hardship_attach, hardship_relapse
from gonghui.assistance.standing import archived_refusal
from gonghui.core.errors import Conflict, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.core.retention_sweep import sweep
from gonghui.orgs.scope import scope_for

DAYS = 1095  # GONGHUI_RETAIN_EXITED_HARDSHIP_DAYS by default
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _closed(file: HardshipFile, days_ago: float) -> HardshipFile:
    HardshipFile.objects.filter(pk=file.pk).update(status=Status.CLOSED, exit_note="家中有人找到稳定工作",
                                                   closed_at=timezone.now() - timedelta(days=days_ago))
    HardshipEvent.objects.filter(file=file).update(note="入户核实，张困难本人在家")
    return HardshipFile.objects.get(pk=file.pk)


def _relapsed(world, survey, days_ago: float, *, closed_days_ago: float | None = None
              ) -> tuple[HardshipFile, HardshipFile]:
    """A file whose household fell back (返困) `days_ago` days ago, while watched or, given
    `closed_days_ago`, after the watch ended; and the new file the household goes on in."""
    file = survey(survey_note="丈夫重病，孩子上学")
    if closed_days_ago is None:
        HardshipFile.objects.filter(pk=file.pk).update(status=Status.WATCHED, exit_note="家中有人找到稳定工作")
        HardshipEvent.objects.filter(file=file).update(note="入户核实，张困难本人在家")
    else:
        _closed(file, closed_days_ago)
    successor = hardship_relapse(actor=world.county_clerk, file=HardshipFile.objects.get(pk=file.pk),
                                 note="配偶失业，张困难再次困难")
    HardshipEvent.objects.filter(file=file, new_status=Status.RELAPSED).update(
        at=timezone.now() - timedelta(days=days_ago))
    return HardshipFile.objects.get(pk=file.pk), successor


def test_a_file_whose_watch_ended_longer_ago_than_the_period_is_archived_and_nothing_newer(
        world, survey, django_capture_on_commit_callbacks, tmp_path):
    old = survey(survey_note="丈夫重病，孩子上学")
    document = hardship_attach(actor=world.county_clerk, file=old, kind="income",
                               upload=SimpleUploadedFile("收入证明.png", PNG, content_type="image/png"))
    stored = Path(tmp_path) / document.upload.name
    old = _closed(old, DAYS + 1 / 24)
    boundary = _closed(survey(), DAYS - 1 / 24)
    # The watch ended long before the period, but the household fell back (返困) lately: a relapsed file
    # is counted from its relapse.
    relapsed_lately, _successor = _relapsed(world, survey, DAYS - 1 / 24, closed_days_ago=DAYS * 2)
    adcode = old.adcode

    with django_capture_on_commit_callbacks(execute=True):
        (run,) = sweep(only="exited_hardship_files")

    assert run.applied.count == 1
    old.refresh_from_db()
    assert old.archived_at is not None
    assert (old.worker_name, old.worker_id_number, old.worker_id_index, old.worker_id_masked, old.worker_phone,
            old.address, old.survey_note, old.exit_note) == ("", "", "", "", "", "", "", "")
    assert adcode and (old.status, old.household_size, old.adcode) == (Status.CLOSED, 3, adcode)
    assert old.causes.exists()
    member = HouseholdMember.objects.filter(file=old).first()
    assert (member.name, member.id_number, member.id_index, member.health_notes) == ("", "", "", "")
    assert not HardshipDocument.objects.filter(file=old).exists() and not stored.exists()
    assert not HardshipEvent.objects.filter(file=old).exclude(note="").exists()
    for kept in (boundary, relapsed_lately):
        kept.refresh_from_db()
        assert kept.archived_at is None and kept.worker_name == "张困难"
    assert HouseholdMember.objects.filter(file=boundary).exclude(name="").exists()


def test_an_archived_file_leaves_the_registry_lists_but_still_opens(world, survey):
    old = _closed(survey(), DAYS + 1)
    sweep(only="exited_hardship_files")
    scope = scope_for(world.county_clerk, Perm.HARDSHIP_VIEW)
    assert old not in hardship_list(scope=scope) and old not in hardship_list(scope=scope, status=Status.CLOSED)
    assert Status.CLOSED not in hardship_status_counts(scope=scope)
    assert hardship_get(scope=scope, pk=old.pk).archived_at is not None
    assert sweep(only="exited_hardship_files")[0].applied.count == 0


def test_the_household_access_log_is_purged_past_its_period_and_nothing_newer(world, survey):
    file = survey()
    for reason, days in (("old", 365 + 1 / 24), ("boundary", 365 - 1 / 24), ("new", 1)):
        row = HardshipDataAccess.objects.create(file=file, field="id_number", reason=reason, actor_id=1,
                                                actor_label="county_clerk", org_path=file.org_path)
        HardshipDataAccess.objects.filter(pk=row.pk).update(at=timezone.now() - timedelta(days=days))
    (run,) = sweep(only="hardship_access_log")
    assert run.applied.count == 1
    assert set(HardshipDataAccess.objects.values_list("reason", flat=True)) == {"boundary", "new"}


def test_nothing_more_is_done_on_an_archived_file(world, survey):
    old = _closed(survey(), DAYS + 1)
    sweep(only="exited_hardship_files")
    with pytest.raises(ValidationFailed) as refused:
        hardship_relapse(actor=world.county_clerk, file=HardshipFile.objects.get(pk=old.pk), note="再次困难")
    assert refused.value.code == "archived"


def test_a_page_loaded_before_the_archiving_cannot_act_on_the_file_after_it(world, survey):
    loaded = _closed(survey(), DAYS + 1)
    sweep(only="exited_hardship_files")
    with pytest.raises(Conflict):
        hardship_relapse(actor=world.county_clerk, file=loaded, note="再次困难", version=loaded.version)
    assert HardshipFile.objects.get(pk=loaded.pk).status == Status.CLOSED


def test_archiving_leaves_a_workers_portal_events_and_consent_without_their_masked_phone(world, survey):
    old = _closed(survey(), DAYS + 1)
    HardshipEvent.objects.filter(file=old).update(actor_id=None, actor_label="portal:138****0001")
    HardshipFile.objects.filter(pk=old.pk).update(consent_recorded_by="portal:138****0001")
    cadre = HardshipEvent.objects.create(file=old, action="recheck", actor_id=world.county_clerk.pk,
                                         actor_label="县工会 李四")
    cadre_consent = _closed(survey(), DAYS + 1)
    HardshipFile.objects.filter(pk=cadre_consent.pk).update(consent_recorded_by="县工会 李四")
    sweep(only="exited_hardship_files")
    assert set(HardshipEvent.objects.filter(file=old).exclude(pk=cadre.pk)
               .values_list("actor_label", flat=True)) == {"portal:"}
    assert HardshipEvent.objects.get(pk=cadre.pk).actor_label == "县工会 李四"
    assert HardshipFile.objects.get(pk=old.pk).consent_recorded_by == "portal:"
    assert HardshipFile.objects.get(pk=cadre_consent.pk).consent_recorded_by == "县工会 李四"


def test_an_archived_file_refuses_everything_by_one_guard(world, survey):
    file = survey()
    assert archived_refusal(file) is None
    file = _closed(file, DAYS + 1)
    sweep(only="exited_hardship_files")
    file.refresh_from_db()
    refusal = archived_refusal(file)
    assert refusal is not None and refusal.code == "archived" and refusal.field == "status"


UNFILED_DAYS = 730  # GONGHUI_RETAIN_UNFILED_HARDSHIP_DAYS by default


def _rejected(world, survey, reviewer, days_ago: float) -> HardshipFile:
    from gonghui.assistance.services import hardship_apply, hardship_reject

    file = hardship_reject(actor=reviewer, file=hardship_apply(actor=world.county_clerk, file=survey()),
                           reason="收入超过标准，张困难家中另有收入")
    HardshipFile.objects.filter(pk=file.pk).update(rejected_at=timezone.now() - timedelta(days=days_ago))
    return file


def _withdrawn(world, survey, days_ago: float) -> HardshipFile:
    from gonghui.assistance.services import hardship_withdraw

    file = hardship_withdraw(actor=world.county_clerk, file=survey(), reason="本人不愿申请")
    HardshipEvent.objects.filter(file=file).update(at=timezone.now() - timedelta(days=days_ago))
    return file


def test_refused_and_withdrawn_files_are_archived_past_their_period_and_nothing_newer_nor_of_other_kinds(
        world, survey, grassroots_reviewer):
    old_refused = _rejected(world, survey, grassroots_reviewer, UNFILED_DAYS + 1 / 24)
    new_refused = _rejected(world, survey, grassroots_reviewer, UNFILED_DAYS - 1 / 24)
    old_withdrawn = _withdrawn(world, survey, UNFILED_DAYS + 1 / 24)
    new_withdrawn = _withdrawn(world, survey, UNFILED_DAYS - 1 / 24)
    # Other kinds of file, however old, are not this rule's: an open one, and one past 监测期满 (the
    # exited files' rule, with its own period).
    still_open = survey()
    HardshipEvent.objects.filter(file=still_open).update(at=timezone.now() - timedelta(days=UNFILED_DAYS * 2))
    exited = _closed(survey(), UNFILED_DAYS + 1)

    (run,) = sweep(only="unfiled_hardship_files")

    assert run.applied.count == 2
    for gone in (old_refused, old_withdrawn):
        gone.refresh_from_db()
        assert gone.archived_at is not None
        assert (gone.worker_name, gone.worker_id_number, gone.worker_phone, gone.reject_reason) == ("", "", "", "")
        assert not HouseholdMember.objects.filter(file=gone).exclude(name="").exists()
        assert not HardshipEvent.objects.filter(file=gone).exclude(note="").exists()
    assert old_refused.status == Status.REJECTED and old_withdrawn.status == Status.WITHDRAWN
    for kept in (new_refused, new_withdrawn, still_open, exited):
        kept.refresh_from_db()
        assert kept.archived_at is None and kept.worker_name == "张困难"
    assert sweep(only="unfiled_hardship_files")[0].applied.count == 0


def test_the_unfiled_files_rule_writes_one_audit_entry_per_run_and_a_dry_run_changes_nothing(
        world, survey, grassroots_reviewer):
    from gonghui.core.audit_models import AuditEntry

    old = _rejected(world, survey, grassroots_reviewer, UNFILED_DAYS + 1)
    assert sweep(dry_run=True, only="unfiled_hardship_files")[0].applied.count == 1
    assert HardshipFile.objects.get(pk=old.pk).archived_at is None
    sweep(only="unfiled_hardship_files")
    entry = AuditEntry.objects.get(action="retention.sweep", object_id="unfiled_hardship_files")
    assert (entry.detail["count"], entry.detail["days"], entry.detail["action"]) == (1, UNFILED_DAYS, "archive")


def test_a_relapsed_file_is_archived_past_the_period_counted_from_the_relapse_and_its_successor_is_untouched(
        world, survey, grassroots_reviewer):
    # 返困 ends the file for good (no step leads out of it): the household goes on in a new, linked file.
    while_watched, successor = _relapsed(world, survey, DAYS + 1 / 24)
    after_the_watch, _ = _relapsed(world, survey, DAYS + 1 / 24, closed_days_ago=DAYS * 2)
    lately, lately_successor = _relapsed(world, survey, DAYS - 1 / 24, closed_days_ago=DAYS * 2)
    # Not this rule's, however old: an open file, and one refused before filing (the unfiled files' rule).
    still_open = survey()
    HardshipEvent.objects.filter(file=still_open).update(at=timezone.now() - timedelta(days=DAYS * 2))
    refused = _rejected(world, survey, grassroots_reviewer, DAYS * 2)

    (run,) = sweep(only="exited_hardship_files")

    assert run.applied.count == 2
    for gone in (while_watched, after_the_watch):
        gone.refresh_from_db()
        assert gone.archived_at is not None and gone.status == Status.RELAPSED
        assert (gone.worker_name, gone.worker_id_number, gone.worker_phone, gone.survey_note,
                gone.exit_note) == ("", "", "", "", "")
        assert not HouseholdMember.objects.filter(file=gone).exclude(name="").exists()
        assert not HardshipEvent.objects.filter(file=gone).exclude(note="").exists()
    # The successor keeps its household, and its link to the file it continues (the relapse's figures).
    for new in (successor, lately_successor):
        new.refresh_from_db()
        assert new.archived_at is None and new.worker_name == "张困难" and new.status == Status.APPLIED
        assert HouseholdMember.objects.filter(file=new).exclude(name="").exists()
    assert successor.previous_file_id == while_watched.pk and successor.is_relapse
    for kept in (lately, still_open, refused):
        kept.refresh_from_db()
        assert kept.archived_at is None and kept.worker_name == "张困难"
    assert sweep(only="exited_hardship_files")[0].applied.count == 0


def test_the_exited_files_rule_counts_relapsed_and_closed_files_in_its_one_audit_entry(world, survey):
    from gonghui.core.audit_models import AuditEntry

    closed = _closed(survey(), DAYS + 1)
    relapsed, _ = _relapsed(world, survey, DAYS + 1)
    assert sweep(dry_run=True, only="exited_hardship_files")[0].applied.count == 2
    assert not HardshipFile.objects.filter(pk__in=(closed.pk, relapsed.pk), archived_at__isnull=False).exists()
    sweep(only="exited_hardship_files")
    entry = AuditEntry.objects.get(action="retention.sweep", object_id="exited_hardship_files")
    assert (entry.detail["count"], entry.detail["days"], entry.detail["action"]) == (2, DAYS, "archive")
    assert HardshipFile.objects.filter(pk__in=(closed.pk, relapsed.pk), archived_at__isnull=False).count() == 2
