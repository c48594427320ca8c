from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gonghui.cases.choices import Status
from gonghui.cases.models import Case
from gonghui.cases.record_models import CaseAttachment, CaseEvent
from gonghui.cases.selectors import case_actions, case_get, case_list, case_queue
from gonghui.cases.services import case_attach, case_reopen
from gonghui.core.errors import Conflict, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.core.retention_sweep import sweep
from gonghui.orgs.scope import scope_for

DAYS = 1095  # GONGHUI_RETAIN_CLOSED_CASE_DAYS by default


def _closed(new_case, days_ago: float, before=None, **data) -> Case:
    case = new_case(**data)
    if before is not None:
        before(case)
    Case.objects.filter(pk=case.pk).update(status=Status.CLOSED, closed_at=timezone.now() - timedelta(days=days_ago),
                                           outcome="已协调单位补发工资。", callback_note="本人满意。")
    CaseEvent.objects.filter(case=case).update(note="张三来电，电话13700000000")
    return Case.objects.get(pk=case.pk)


def test_a_case_closed_longer_than_the_period_is_archived_and_nothing_newer(world, new_case, hotline, settings,
                                                                             tmp_path,
                                                                             django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    attachments = []

    def attach(case):
        attachments.append(case_attach(actor=hotline, case=case, upload=SimpleUploadedFile(
            "工资条.pdf", b"%PDF-1.7 payslip", content_type="application/pdf")))

    old = _closed(new_case, DAYS + 1 / 24, before=attach, caller_name="王五", address="锦江区某街1号")
    boundary = _closed(new_case, DAYS - 1 / 24, caller_name="赵六")
    # Reopened long ago: its closing date is past the period, but it is no longer closed.
    still_open = new_case(caller_name="钱七")
    Case.objects.filter(pk=still_open.pk).update(status=Status.REOPENED,
                                                 closed_at=timezone.now() - timedelta(days=DAYS * 2))
    stored = Path(tmp_path) / attachments[0].file.name
    assert stored.exists()

    with django_capture_on_commit_callbacks(execute=True):
        (run,) = sweep(only="closed_cases")

    assert run.applied.count == 1
    old.refresh_from_db()
    assert old.archived_at is not None
    assert (old.caller_name, old.caller_phone, old.caller_phone_index, old.caller_phone_masked, old.address,
            old.description, old.outcome, old.callback_note, old.member_id) == ("", "", "", "", "", "", "", "", None)
    # What the statistics count stays.
    assert (old.status, old.kind, old.employer_name, old.handling_union_id) == (
        Status.CLOSED, "complaint", "某建筑劳务公司", world.province.pk)
    assert not CaseAttachment.objects.filter(case=old).exists() and not stored.exists()
    assert not CaseEvent.objects.filter(case=old).exclude(note="").exists()
    for kept in (boundary, still_open):
        kept.refresh_from_db()
        assert kept.archived_at is None and kept.caller_name in ("赵六", "钱七")
    assert CaseEvent.objects.filter(case=boundary).exclude(note="").exists()


def test_an_archived_case_leaves_the_lists_and_queues_but_its_number_still_opens(world, new_case, hotline):
    old = _closed(new_case, DAYS + 1)
    sweep(only="closed_cases")
    scope = scope_for(hotline, Perm.CASE_VIEW)
    assert old not in case_list(scope=scope) and old not in case_list(scope=scope, status=Status.CLOSED)
    assert old not in case_queue(scope=scope, queue="all", user=hotline)
    assert case_get(scope=scope, number=old.number).archived_at is not None


def test_archiving_again_changes_nothing(world, new_case):
    _closed(new_case, DAYS + 1)
    assert sweep(only="closed_cases")[0].applied.count == 1
    assert sweep(only="closed_cases")[0].applied.count == 0


def test_nothing_more_is_done_on_an_archived_case(world, new_case, hotline):
    old = _closed(new_case, 10)
    Case.objects.filter(pk=old.pk).update(rating="dissatisfied")
    old.refresh_from_db()
    assert "reopen" in case_actions(case=old, actor=hotline)
    Case.objects.filter(pk=old.pk).update(closed_at=timezone.now() - timedelta(days=DAYS + 1))
    sweep(only="closed_cases")
    old.refresh_from_db()
    assert case_actions(case=old, actor=hotline) == []
    with pytest.raises(ValidationFailed) as refused:
        case_reopen(actor=hotline, case=old, reason="再次投诉")
    assert refused.value.code == "archived"


def test_a_page_loaded_before_the_archiving_cannot_act_on_the_case_after_it(world, new_case, hotline):
    loaded = _closed(new_case, 10)
    Case.objects.filter(pk=loaded.pk).update(rating="dissatisfied")
    loaded.refresh_from_db()
    sweep(only="closed_cases", now=timezone.now() + timedelta(days=DAYS))
    with pytest.raises(Conflict):
        case_reopen(actor=hotline, case=loaded, reason="再次投诉", version=loaded.version)
    assert Case.objects.get(pk=loaded.pk).status == Status.CLOSED


def test_archiving_leaves_a_portal_callers_events_without_their_masked_phone(world, new_case):
    old = _closed(new_case, DAYS + 1)
    CaseEvent.objects.filter(case=old).update(actor_id=None, actor_label="portal:138****0001")
    cadre = CaseEvent.objects.create(case=old, action="note", actor_id=world.county_admin.pk, actor_label="县工会 张三")
    system = CaseEvent.objects.create(case=old, action="note", actor_id=None, actor_label="system:overdue")
    sweep(only="closed_cases")
    labels = set(CaseEvent.objects.filter(case=old).exclude(pk__in=[cadre.pk, system.pk])
                 .values_list("actor_label", flat=True))
    assert labels == {"portal:"}
    assert CaseEvent.objects.get(pk=cadre.pk).actor_label == "县工会 张三"
    assert CaseEvent.objects.get(pk=system.pk).actor_label == "system:overdue"
