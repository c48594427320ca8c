"""The 困难职工档案 console: the list and the 回头看 list, the file page, every workflow step through
its button, 显示完整信息, documents, and what each persona may see and do."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gonghui.aid.services import (
    batch_approve,
    batch_create,
    batch_mark_paid,
    batch_select_eligible,
    batch_submit,
    campaign_create,
    programme_create,
)
from gonghui.assistance.choices import Status
from gonghui.assistance.models import HardshipDataAccess, HardshipFile
from gonghui.assistance.services import hardship_survey
from gonghui.core.audit_models import AuditEntry
from gonghui.mutualaid.services import enrolment_bulk_create, plan_create, plan_open
from gonghui.testing.sessions import stored_session
from gonghui.testing.world import make_person_id
from gonghui.web.hardship.tests.hardship_setup import *  # noqa: F403 (the fixtures)
from gonghui.web.hardship.tests.hardship_setup import act

pytestmark = pytest.mark.django_db


def test_the_list_masks_identities_filters_and_counts_by_status(world, survey, county2_admin, login,
                                                                django_assert_max_num_queries):
    id_number = make_person_id()
    mine = survey(id_number=id_number, name="王困难")
    survey(name="李困难")
    elsewhere = survey(actor=county2_admin, union=world.county2, name="赵外县")
    client = login("county_clerk")
    client.get("/hardship/")
    with django_assert_max_num_queries(11):
        page = client.get("/hardship/")
    text = page.content.decode()
    assert page.status_code == 200 and "王困难" in text and "李困难" in text and "赵外县" not in text
    assert mine.worker_id_masked in text and id_number not in text and "138****1234" in text
    assert 'data-testid="status-tabs"' in text and "摸底排查" in text
    found = client.post("/hardship/", {"q": id_number})
    assert found.status_code == 302 and id_number not in found["Location"]
    text = client.get(found["Location"]).content.decode()
    assert "王困难" in text and "李困难" not in text and id_number not in text
    assert "没有符合条件" in client.get("/hardship/?status=filed").content.decode()
    assert elsewhere.pk and client.get(f"/hardship/?union={world.county2.pk}").status_code == 404


def test_the_list_narrows_to_a_branch_and_by_class_and_cause(world, survey, filed_file, login):
    filed = filed_file(name="钱在档")
    survey(name="孙摸底", union=world.county)
    client = login("county_admin")
    text = client.get(f"/hardship/?union={world.grassroots.pk}").content.decode()
    assert "钱在档" in text and "孙摸底" not in text
    text = client.get("/hardship/?hardship_class=deep&cause=illness").content.decode()
    assert "钱在档" in text and "孙摸底" not in text and filed.number in text
    assert "钱在档" not in client.get("/hardship/?cause=disaster").content.decode()


def test_the_due_list_shows_files_whose_recheck_has_come_most_overdue_first(world, filed_file, county2_admin,
                                                                           login):
    late = filed_file(name="周逾期")
    soon = filed_file(name="吴将到")
    today = timezone.localdate()
    HardshipFile.objects.filter(pk=late.pk).update(next_recheck_on=today - datetime.timedelta(days=3),
                                                   recheck_overdue=True)
    HardshipFile.objects.filter(pk=soon.pk).update(next_recheck_on=today + datetime.timedelta(days=20))
    client = login("county_clerk")
    text = client.get("/hardship/due/").content.decode()
    assert "周逾期" in text and "吴将到" not in text and 'data-testid="recheck-overdue"' in text
    text = client.get("/hardship/due/?within=30").content.decode()
    assert text.index("周逾期") < text.index("吴将到")
    assert "目前没有到期" in login("county2_admin").get("/hardship/due/").content.decode()


def test_a_household_walks_from_application_to_relapse_through_the_buttons(world, survey, grassroots_reviewer,
                                                                          county_reviewer, login):
    file = survey()
    clerk, reviewer, approver = login("county_clerk"), login("grassroots_reviewer"), login("county_reviewer")
    page = clerk.get(f"/hardship/{file.pk}/").content.decode()
    assert 'data-testid="do-apply"' in page and 'data-testid="do-review"' not in page
    assert act(clerk, file, "apply", note="材料齐全").status_code == 302
    page = reviewer.get(f"/hardship/{file.pk}/").content.decode()
    assert 'data-testid="do-review"' in page and 'data-testid="do-approve"' not in page
    assert act(reviewer, file, "review", note="入户核实").status_code == 302
    # The grassroots reviewer may not approve: that is the county's, and not the reviewer's own.
    assert 'data-testid="do-approve"' not in reviewer.get(f"/hardship/{file.pk}/").content.decode()
    assert 'data-testid="do-approve"' in approver.get(f"/hardship/{file.pk}/").content.decode()
    assert act(approver, file, "approve").status_code == 302
    assert act(clerk, file, "file_open").status_code == 302
    file.refresh_from_db()
    assert file.status == Status.FILED and file.hardship_class == "deep" and file.number
    response = act(clerk, file, "recheck", result="continue", note="情况无变化")
    assert response.status_code == 302
    page = clerk.get(f"/hardship/{file.pk}/").content.decode()
    assert "已记录回头看" in page and "情况无变化" in page and "按时" in page
    assert act(clerk, file, "exit", exit_reason="employed", note="配偶就业").status_code == 302
    file.refresh_from_db()
    assert file.status == Status.WATCHED
    page = clerk.get(f"/hardship/{file.pk}/").content.decode()
    assert 'data-testid="do-close"' not in page and 'data-testid="do-relapse"' in page  # the watch runs on
    response = act(clerk, file, "relapse", note="配偶再次失业", causes=["unemployment"])
    again = HardshipFile.objects.get(previous_file=file)
    assert response.status_code == 302 and response["Location"] == f"/hardship/{again.pk}/"
    assert again.status == Status.APPLIED and again.is_relapse
    page = clerk.get(f"/hardship/{again.pk}/").content.decode()
    assert "已登记返困" in page and 'data-testid="chain"' in page


def test_the_cadre_who_reviewed_does_not_see_the_approval_and_reject_needs_a_reason(world, survey, login):
    file = survey()
    admin = login("county_admin")
    assert act(admin, file, "apply").status_code == 302
    assert act(admin, file, "review").status_code == 302
    page = admin.get(f"/hardship/{file.pk}/").content.decode()
    assert 'data-testid="do-approve"' not in page and "须由另一位审批人员办理" in page
    response = act(admin, file, "reject", reason="")
    assert response.status_code == 400 and "请填写原因" in response.content.decode()
    assert act(admin, file, "reject", reason="收入核实后高于标准").status_code == 302
    file.refresh_from_db()
    assert file.status == Status.REJECTED and file.reject_reason == "收入核实后高于标准"
    assert 'data-testid="no-actions"' in admin.get(f"/hardship/{file.pk}/").content.decode()


def test_applying_without_consent_names_what_is_missing_and_consent_is_recorded(world, survey, login):
    file = survey(consent=None)
    clerk = login("county_clerk")
    response = act(clerk, file, "apply")
    assert response.status_code == 400 and "单独同意" in response.content.decode()
    assert act(clerk, file, "consent", consent_signer="张困难", consent_text_version="2026-01").status_code == 302
    page = clerk.get(f"/hardship/{file.pk}/").content.decode()
    assert "已同意" in page and "2026-01" in page
    assert act(clerk, file, "apply").status_code == 302


def test_a_stale_page_is_told_someone_else_got_there_first(world, survey, login):
    file = survey()
    clerk = login("county_clerk")
    seen = file.version
    act(clerk, file, "apply")
    response = clerk.post(f"/hardship/{file.pk}/do/withdraw/", {"version": seen, "reason": "重复登记"}, follow=True)
    assert "刚刚已被他人修改" in response.content.decode()
    file.refresh_from_db()
    assert file.status == Status.APPLIED


def test_reveal_shows_the_household_in_full_once_and_logs_each_value(world, survey, login):
    id_number = make_person_id()
    file = survey(id_number=id_number)
    clerk = login("county_clerk")
    page = clerk.get(f"/hardship/{file.pk}/").content.decode()
    assert 'data-testid="reveal"' not in page and "24,000" not in page and id_number not in page
    refused = clerk.post(f"/hardship/{file.pk}/reveal/", {"reason": "核实"}, follow=True)
    assert "没有执行此操作的权限" in refused.content.decode() and not HardshipDataAccess.objects.exists()
    admin = login("county_admin")
    assert 'data-testid="reveal"' in admin.get(f"/hardship/{file.pk}/").content.decode()
    short = admin.post(f"/hardship/{file.pk}/reveal/", {"reason": ""}, follow=True)
    assert "请填写查看完整信息的理由" in short.content.decode() and not HardshipDataAccess.objects.exists()
    page = admin.post(f"/hardship/{file.pk}/reveal/", {"reason": "入户核实"}, follow=True).content.decode()
    assert id_number in page and "13800001234" in page and "24,000.00" in page
    # worker ID and phone, then each of 3 members' income and ID number
    assert HardshipDataAccess.objects.filter(file=file, reason="入户核实").count() == 2 + 3 * 2
    again = admin.get(f"/hardship/{file.pk}/").content.decode()
    assert id_number not in again and "24,000.00" not in again


def test_a_document_is_checked_on_upload_and_downloaded_only_within_scope(world, survey, county2_admin, login):
    file = survey()
    clerk = login("county_clerk")
    upload = SimpleUploadedFile("收入证明.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    assert act(clerk, file, "attach", kind="income", file=upload).status_code == 302
    document = file.documents.get()
    page = clerk.get(f"/hardship/{file.pk}/").content.decode()
    assert "收入证明.pdf" in page and "已上传证明材料" in page
    download = clerk.get(f"/hardship/{file.pk}/documents/{document.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    # Medical and income proofs are sensitive: each opening leaves an access-log row and an audit entry.
    assert HardshipDataAccess.objects.filter(file=file, field="document").count() == 1
    assert AuditEntry.objects.filter(action="hardship.document_open", object_id=str(file.pk)).count() == 1
    fake = SimpleUploadedFile("病历.pdf", b"not a pdf at all", content_type="application/pdf")
    response = act(clerk, file, "attach", kind="medical", file=fake)
    assert response.status_code == 400 and "证明材料" in response.content.decode() and file.documents.count() == 1
    assert login("county2_admin").get(f"/hardship/{file.pk}/documents/{document.pk}/").status_code == 404


def test_another_countys_file_answers_404_and_no_grant_answers_403(world, survey, county2_admin, login):
    file = survey(actor=county2_admin, union=world.county2)
    client = login("county_admin")
    for url in (f"/hardship/{file.pk}/", f"/hardship/{file.pk}/household/"):
        assert client.get(url).status_code == 404, url
    assert act(client, file, "apply").status_code == 404
    assert client.post(f"/hardship/{file.pk}/reveal/", {"reason": "核实"}).status_code == 404
    assert login("province_officer").get(f"/hardship/{file.pk}/").status_code == 200
    for user in ("no_grants", "auditor"):
        other = login(user)
        assert other.get("/hardship/").status_code == 403
        assert other.get(f"/hardship/{file.pk}/").status_code == 403
    assert login("county_clerk").get("/hardship/rules/").status_code == 200


def test_the_file_page_shows_the_aid_the_household_received(world, filed_file, login):
    file = filed_file()
    programme = programme_create(actor=world.county_admin, union=world.county, kind="winter_warmth", name="送温暖",
                                 fund_source="warmth_fund", budget="10000", standard_amount="500",
                                 standard_goods_value="200", members_only=False)
    campaign = campaign_create(actor=world.county_admin, programme=programme, year=2026,
                               starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 2, 28))
    batch = batch_create(actor=world.county_clerk, campaign=campaign, union=world.county,
                         granted_on=datetime.date(2026, 1, 20))
    batch_select_eligible(actor=world.county_clerk, batch=batch)
    batch_submit(actor=world.county_clerk, batch=batch)
    batch_approve(actor=world.county_admin, batch=batch)
    batch_mark_paid(actor=world.county_clerk, batch=batch)
    page = login("county_clerk").get(f"/hardship/{file.pk}/").content.decode()
    assert 'data-testid="grants"' in page and "送温暖" in page and "帮扶中" in page
    assert "已发放 1 人次，合计 700.00 元" in page and "非会员不参加职工互助保障" in page
    assert f"/aid/batches/{batch.pk}/" in page  # the clerk pays out batches: the grant opens its batch


def test_a_members_file_shows_their_mutual_aid_cover(world, chengdu_rule, login):
    member = world.membership.member
    start = timezone.localdate() - datetime.timedelta(days=30)
    plan = plan_create(actor=world.county_admin, union=world.county, data={
        "name": "职工住院医疗互助保障计划", "kind": "inpatient", "year": start.year, "starts_on": start,
        "ends_on": start + datetime.timedelta(days=364), "premium": "60", "per_claim_limit": "8000",
        "yearly_limit": "10000", "waiting_days": 30})
    plan = plan_open(actor=world.county_admin, plan=plan)
    enrolment_bulk_create(actor=world.county_admin, plan=plan, members=[member], enrolled_on=start, paid_on=start)
    file = hardship_survey(actor=world.county_clerk, union=world.grassroots, worker={}, member=member,
                           household=[{"relation": "self", "name": member.name, "annual_income": "20000"}],
                           causes=["illness"], adcode="510104")
    page = login("county_clerk").get(f"/hardship/{file.pk}/").content.decode()
    assert 'data-testid="mutual-aid"' in page and "职工住院医疗互助保障计划" in page
    assert f"/mutual-aid/plans/{plan.pk}/" in page and f"/members/{member.pk}/" in page


def test_a_step_the_cadre_may_not_take_is_refused_with_its_reason_in_their_language(world, survey, login):
    file = survey()
    clerk = login("county_clerk")
    act(clerk, file, "apply")
    refused = act(clerk, file, "review")
    assert refused.status_code == 400 and "没有执行此操作的权限" in refused.content.decode()
    clerk.cookies["django_language"] = "en"
    response = act(clerk, file, "withdraw", reason="")
    assert response.status_code == 400 and "Reason is required." in response.content.decode()
    file.refresh_from_db()
    assert file.status == Status.APPLIED


def test_the_watch_is_closed_only_once_it_has_run_its_course(world, filed_file, login):
    from gonghui.assistance.services import hardship_exit

    file = hardship_exit(actor=world.county_clerk, file=filed_file(), reason="income_raised")
    clerk = login("county_clerk")
    assert 'data-testid="do-close"' not in clerk.get(f"/hardship/{file.pk}/").content.decode()
    HardshipFile.objects.filter(pk=file.pk).update(watch_until=timezone.localdate() - datetime.timedelta(days=1))
    assert 'data-testid="do-close"' in clerk.get(f"/hardship/{file.pk}/").content.decode()
    assert act(clerk, file, "close", note="监测期内未返困").status_code == 302
    file.refresh_from_db()
    assert file.status == Status.CLOSED


def test_the_file_page_and_the_dashboard_cost_a_bounded_number_of_queries(world, filed_file, login,
                                                                         django_assert_max_num_queries):
    file = filed_file()
    client = login("county_admin")
    client.get(f"/hardship/{file.pk}/")
    with django_assert_max_num_queries(30):
        assert client.get(f"/hardship/{file.pk}/").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get("/hardship/dashboard/?period=year").status_code == 200


def test_a_revealed_household_is_never_in_the_session_row_in_plain_text(world, survey, login):
    id_number = make_person_id()
    file = survey(id_number=id_number)
    admin = login("county_admin")
    admin.post(f"/hardship/{file.pk}/reveal/", {"reason": "入户核实"})
    row = stored_session(admin)
    assert row and id_number not in row and "13800001234" not in row and "24000" not in row
    assert id_number in admin.get(f"/hardship/{file.pk}/").content.decode()
