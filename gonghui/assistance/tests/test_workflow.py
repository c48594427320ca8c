"""The whole path of a household, 摸底排查 to 返困, and the refusals along it."""

import datetime

import pytest
from django.utils import timezone, translation

from gonghui.accounts.roles import RoleCode
from gonghui.assistance.choices import Action, HardshipClass, Status
from gonghui.assistance.models import HardshipEvent, HardshipFile
from gonghui.assistance.selectors import hardship_history
from gonghui.assistance.services import (
    hardship_apply,
    hardship_approve,
    hardship_close_watch,
    hardship_consent_record,
    hardship_exit,
    hardship_file_open,
    hardship_mark_aided,
    hardship_recheck,
    hardship_reject,
    hardship_relapse,
    hardship_review,
    hardship_withdraw,
)
from gonghui.assistance.workflow import TRANSITIONS
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import Conflict, InvalidFields, PermissionDenied, ValidationFailed
from gonghui.testing.world import make_person_id, make_user

pytestmark = pytest.mark.django_db


def test_a_household_goes_from_survey_to_relapse_with_every_step_recorded(world, survey, grassroots_reviewer,
                                                                           county_reviewer, chengdu_rule):
    clerk = world.county_clerk
    file = survey()
    assert file.status == Status.SURVEYED and file.suggested_class == HardshipClass.DEEP
    file = hardship_apply(actor=clerk, file=file)
    file = hardship_review(actor=grassroots_reviewer, file=file, note="入户核实")
    assert file.reviewed_by_id == grassroots_reviewer.pk
    file = hardship_approve(actor=county_reviewer, file=file)
    assert (file.status, file.hardship_class, file.rule_id) == (Status.APPROVED, HardshipClass.DEEP, chengdu_rule.pk)
    file = hardship_file_open(actor=clerk, file=file)
    assert file.status == Status.FILED and file.number.startswith("KN") and file.filed_at is not None
    file = hardship_mark_aided(actor=clerk, file=file, note="送温暖")
    assert file.status == Status.AIDED and file.aided_at is not None
    file = hardship_recheck(actor=clerk, file=file, result="continue", note="情况无变化")
    file = hardship_exit(actor=clerk, file=file, reason="employed", note="配偶就业")
    assert file.status == Status.WATCHED and file.exit_reason == "employed" and file.watch_until is not None
    file = hardship_close_watch(actor=clerk, file=file, now=timezone.now() + datetime.timedelta(days=400))
    assert file.status == Status.CLOSED

    again = hardship_relapse(actor=clerk, file=file, note="配偶失业，女儿住院", causes=["unemployment", "illness"])

    file.refresh_from_db()
    assert file.status == Status.RELAPSED and file.exited_at is not None  # the exit stays as reported
    assert again.status == Status.APPLIED and again.is_relapse and again.previous_file_id == file.pk
    assert again.worker_id_index == file.worker_id_index and again.household.count() == 3
    assert set(again.causes.values_list("cause", flat=True)) == {"unemployment", "illness"}
    actions = list(HardshipEvent.objects.filter(file=file).values_list("action", flat=True))
    assert actions == [Action.SURVEY, Action.APPLY, Action.REVIEW, Action.APPROVE, Action.FILE_OPEN, Action.AID,
                       Action.RECHECK, Action.EXIT, Action.CLOSE, Action.RELAPSE]
    assert AuditEntry.objects.filter(object_type="assistance.hardshipfile", object_id=str(file.pk)).count() == 10
    assert [f.pk for f in hardship_history(file=again).chain] == [file.pk, again.pk]


def test_a_relapse_while_watched_reopens_on_a_new_file_that_needs_approval_again(world, filed_file,
                                                                                grassroots_reviewer,
                                                                                county_reviewer):
    file = hardship_exit(actor=world.county_clerk, file=filed_file(), reason="income_raised")
    again = hardship_relapse(actor=world.county_clerk, file=file, note="再次因病致困")
    assert again.hardship_class == "" and again.rule_id is None  # classified again at approval
    again = hardship_review(actor=grassroots_reviewer, file=again)
    again = hardship_approve(actor=county_reviewer, file=again)
    assert again.hardship_class == HardshipClass.DEEP


def test_the_status_table_never_leads_out_of_a_final_status():
    for final in (Status.RELAPSED, Status.REJECTED, Status.WITHDRAWN):
        assert TRANSITIONS[final] == frozenset()
    assert TRANSITIONS[Status.CLOSED] == {Status.RELAPSED}


def test_a_refused_transition_names_the_status_field_in_both_languages(world, survey, county_reviewer):
    file = survey()
    with pytest.raises(ValidationFailed) as refused:
        hardship_approve(actor=county_reviewer, file=file)
    error = refused.value.as_dict()
    assert error["field"] == "status" and error["code"] == "bad_transition"
    assert "摸底排查" in error["message_zh"] and "县级审批通过" in error["message_zh"]
    with translation.override("en"):
        assert error["message_en"]


def test_an_application_needs_the_separate_consent_first(world, survey):
    file = survey(consent=None)
    with pytest.raises(InvalidFields) as refused:
        hardship_apply(actor=world.county_clerk, file=file)
    assert {e.field for e in refused.value.errors} == {"consent_signer"}
    file = hardship_consent_record(actor=world.county_clerk, file=file, signer="张困难", text_version="2026-01")
    assert hardship_apply(actor=world.county_clerk, file=file).status == Status.APPLIED
    assert file.consent_recorded_by == "county_clerk"


def test_only_a_county_level_approver_approves(world, survey, grassroots_reviewer, county_reviewer):
    file = hardship_review(actor=grassroots_reviewer, file=hardship_apply(actor=world.county_clerk, file=survey()))
    second_grassroots = make_user("grassroots_reviewer2", world.grassroots, RoleCode.REVIEWER)
    with pytest.raises(PermissionDenied) as refused:
        hardship_approve(actor=second_grassroots, file=file)
    assert refused.value.code == "county_approval" and refused.value.field == "status"
    with pytest.raises(PermissionDenied):
        hardship_approve(actor=world.county_clerk, file=file)  # sees the file, may not approve at all
    assert hardship_approve(actor=county_reviewer, file=file).status == Status.APPROVED


def test_the_reviewer_does_not_also_approve(world, survey):
    admin = world.county_admin  # may review and approve, but not both for one household
    file = hardship_review(actor=admin, file=hardship_apply(actor=world.county_clerk, file=survey()))
    with pytest.raises(PermissionDenied) as refused:
        hardship_approve(actor=admin, file=file)
    assert refused.value.code == "same_person" and refused.value.field == "reviewed_by"


def test_a_household_above_the_standard_is_not_approved(world, survey, grassroots_reviewer, county_reviewer):
    file = survey(incomes=(60000, 12000, 0))  # 2,000 per head: above 1.5 times the line, no disaster
    assert file.suggested_class == ""
    file = hardship_review(actor=grassroots_reviewer, file=hardship_apply(actor=world.county_clerk, file=file))
    with pytest.raises(ValidationFailed) as refused:
        hardship_approve(actor=county_reviewer, file=file)
    assert refused.value.field == "income_per_head"
    assert hardship_reject(actor=county_reviewer, file=file, reason="收入超过标准").status == Status.REJECTED


def test_once_reviewed_only_the_county_may_refuse(world, survey, grassroots_reviewer):
    file = hardship_review(actor=grassroots_reviewer, file=hardship_apply(actor=world.county_clerk, file=survey()))
    with pytest.raises(PermissionDenied):
        hardship_reject(actor=grassroots_reviewer, file=file, reason="重新考虑")


def test_a_reason_is_required_to_refuse(world, survey, grassroots_reviewer):
    file = hardship_apply(actor=world.county_clerk, file=survey())
    with pytest.raises(ValidationFailed) as refused:
        hardship_reject(actor=grassroots_reviewer, file=file, reason="  ")
    assert refused.value.field == "reason"


def test_a_change_on_a_stale_copy_is_a_conflict(world, survey, grassroots_reviewer):
    file = hardship_apply(actor=world.county_clerk, file=survey())
    stale = HardshipFile.objects.get(pk=file.pk)
    hardship_review(actor=grassroots_reviewer, file=file)
    with pytest.raises(Conflict) as lost:
        hardship_reject(actor=grassroots_reviewer, file=stale, reason="不符合")
    assert lost.value.code == "concurrent_change"
    with pytest.raises(Conflict):
        hardship_exit(actor=world.county_clerk, file=file, reason="employed", version=file.version - 1)


def test_the_watch_cannot_be_closed_early(world, filed_file):
    file = hardship_exit(actor=world.county_clerk, file=filed_file(), reason="employed")
    with pytest.raises(ValidationFailed) as refused:
        hardship_close_watch(actor=world.county_clerk, file=file)
    assert refused.value.field == "watch_until"


def test_an_exit_for_another_reason_must_say_why(world, filed_file):
    with pytest.raises(ValidationFailed) as refused:
        hardship_exit(actor=world.county_clerk, file=filed_file(), reason="other")
    assert refused.value.field == "note"


def test_a_survey_record_may_be_withdrawn_with_a_reason_and_the_person_surveyed_again(world, survey):
    worker_id = make_person_id()
    file = hardship_withdraw(actor=world.county_clerk, file=survey(id_number=worker_id), reason="本人不愿申请")
    assert (file.status, file.reject_reason) == (Status.WITHDRAWN, "本人不愿申请")
    assert survey(id_number=worker_id).previous_file_id == file.pk


def test_the_files_timeline_names_the_cadre_and_their_union_not_the_login(world, survey):
    from gonghui.accounts.models import User

    User.objects.filter(pk=world.county_clerk.pk).update(full_name="张敏")
    clerk = User.objects.get(pk=world.county_clerk.pk)
    file = hardship_apply(actor=clerk, file=survey())
    labels = set(HardshipEvent.objects.filter(file=file, action="apply").values_list("actor_label", flat=True))
    assert labels == {"张敏（成都市锦江区总工会）"}
