"""The aid console: programmes and campaigns, a batch from selection to the bank's result, figures,
scope (404 out of scope, 403 without a permission) and the messages of bad input."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from gonghui.accounts.roles import RoleCode
from gonghui.aid.models import AidBatch, AidCampaign, AidGrant, AidProgramme
from gonghui.aid.services import (
    batch_approve,
    batch_create,
    batch_submit,
    campaign_create,
    grant_add,
    programme_create,
)
from gonghui.aid.services.files import batch_add_files
from gonghui.aid.tests.conftest import make_file, worker
from gonghui.testing.world import PASSWORD, make_member, make_person_id, make_user

pytestmark = pytest.mark.django_db
GRANTED = datetime.date(2026, 1, 20)


@pytest.fixture
def login(db):
    """A fresh browser per persona, so a clerk and a reviewer can work on one batch in a test."""

    def as_user(username, language=""):
        client = Client()
        assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
        if language:
            client.cookies["django_language"] = language
        return client

    return as_user


@pytest.fixture
def reviewer(world):
    return make_user("aid_reviewer", world.county, RoleCode.REVIEWER)


@pytest.fixture
def county2_admin(world):
    return make_user("aid_county2_admin", world.county2, RoleCode.UNION_ADMIN)


@pytest.fixture
def programme(world):
    return programme_create(actor=world.county_admin, union=world.county, kind="winter_warmth", name="送温暖",
                            fund_source="warmth_fund", budget="10000", standard_amount="500",
                            standard_goods_value="200")


@pytest.fixture
def campaign(world, programme):
    return campaign_create(actor=world.county_admin, programme=programme, year=2026,
                           starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 2, 28))


@pytest.fixture
def batch(world, campaign):
    return batch_create(actor=world.county_clerk, campaign=campaign, union=world.county, title="春节慰问第一批",
                        granted_on=GRANTED)


def approved_batch(world, batch, *people):
    for person in people:
        grant_add(actor=world.county_clerk, batch=batch, data=person)
    batch_submit(actor=world.county_clerk, batch=batch)
    return batch_approve(actor=world.county_admin, batch=batch)


def act(client, batch, action, follow=False, **data):
    batch.refresh_from_db()
    return client.post(f"/aid/batches/{batch.pk}/do/{action}/", {"version": batch.version, **data}, follow=follow)


def text(response):
    return response.content.decode()


# Programmes and campaigns


def test_the_programme_list_shows_budget_used_and_remaining(world, login, programme, campaign, batch):
    approved_batch(world, batch, worker())
    page = login("county_admin").get("/aid/programmes/")
    body = text(page)
    assert page.status_code == 200 and "送温暖" in body and "成都市锦江区总工会" in body
    # 10,000 budget, 700 committed by the approval: 9,300 left.
    assert "10,000.00" in body and "700.00" in body and "9,300.00" in body
    assert 'data-testid="new-programme"' in body


def test_the_aid_pages_need_an_aid_permission_and_a_login(world, login):
    assert Client().get("/aid/programmes/").status_code == 302
    client = login("no_grants")
    for url in ("/aid/programmes/", "/aid/batches/", "/aid/figures/", "/aid/programmes/new/"):
        assert client.get(url).status_code == 403, url
    # A clerk pays out but may not set up programmes.
    assert login("county_clerk").get("/aid/programmes/new/").status_code == 403


def test_a_manager_sets_up_a_programme_and_a_campaign(world, login):
    client = login("county_admin")
    form = client.get("/aid/programmes/new/")
    assert form.status_code == 200 and "成都市锦江区总工会" in text(form)
    response = client.post("/aid/programmes/new/", {
        "union": world.county.pk, "kind": "autumn_study_aid", "name": "金秋助学", "fund_source": "union_funds",
        "cycle": "yearly", "budget": "50,000", "standard_amount": "1000", "hardship_classes": ["deep", "relative"],
        "members_only": "", "once_per_household": ""})
    programme = AidProgramme.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/aid/programmes/{programme.pk}/"
    assert programme.budget == Decimal("50000") and programme.hardship_classes == ["deep", "relative"]
    assert not programme.once_per_household  # 金秋助学 aids each student by default
    page = client.get(response["Location"])
    assert "深度困难" in text(page) and "尚无帮扶活动" in text(page)
    made = client.post(f"/aid/programmes/{programme.pk}/campaigns/new/", {
        "year": 2026, "period": "", "name": "", "starts_on": "2026-08-01", "ends_on": "2026-09-30"})
    campaign = AidCampaign.objects.get()
    assert made["Location"] == f"/aid/programmes/campaigns/{campaign.pk}/"
    assert campaign.name == "2026年金秋助学"
    assert "2026年金秋助学" in text(client.get(made["Location"]))


def test_bad_programme_input_names_the_field_in_either_language(world, login):
    data = {"union": world.county.pk, "kind": "medical", "name": "医疗救助", "fund_source": "relief_fund",
            "cycle": "yearly", "budget": "十万", "members_only": "", "once_per_household": ""}
    page = login("county_admin").post("/aid/programmes/new/", data)
    assert page.status_code == 400 and "预算“十万”不是有效的金额。" in text(page)
    english = login("county_admin", language="en").post("/aid/programmes/new/", data)
    assert english.status_code == 400 and "is not a valid amount." in text(english)
    assert not AidProgramme.objects.exists()


def test_the_budget_cannot_go_below_what_is_committed(world, login, programme, batch):
    approved_batch(world, batch, worker(), worker())  # 1,400 committed
    client = login("county_admin")
    refused = client.post(f"/aid/programmes/{programme.pk}/budget/", {"budget": "1000"})
    assert refused.status_code == 400 and "预算不能低于已承诺的1400.00元。" in text(refused)
    done = client.post(f"/aid/programmes/{programme.pk}/budget/", {"budget": "20000"})
    programme.refresh_from_db()
    assert done.status_code == 302 and programme.budget == Decimal("20000")


def test_a_campaign_that_exists_already_is_refused_on_the_year(world, login, programme, campaign):
    page = login("county_admin").post(f"/aid/programmes/{programme.pk}/campaigns/new/", {
        "year": 2026, "starts_on": "2026-01-01", "ends_on": "2026-02-01"})
    assert page.status_code == 400 and "该项目本年度（本期）的活动已存在。" in text(page)


def test_another_county_sees_neither_the_programme_nor_its_batches(world, login, county2_admin, programme,
                                                                   campaign, batch):
    client = login("aid_county2_admin")
    assert client.get(f"/aid/programmes/{programme.pk}/").status_code == 404
    assert client.get(f"/aid/programmes/campaigns/{campaign.pk}/").status_code == 404
    assert client.get(f"/aid/batches/{batch.pk}/").status_code == 404
    assert client.post(f"/aid/batches/{batch.pk}/do/submit/", {"version": 1}).status_code == 404
    assert f"/aid/programmes/{programme.pk}/" not in text(client.get("/aid/programmes/"))


def test_the_campaign_page_counts_people_times_households_and_non_members(world, login, campaign, batch):
    member = make_member(world.grassroots, name="会员甲").member
    known = worker(name="会员甲", id_number=member.id_number, is_member=True)
    approved_batch(world, batch, known, worker(group="outdoor"), worker(group="new_form"))
    login("county_clerk").post(f"/aid/batches/{batch.pk}/do/mark_paid/", {"version": AidBatch.objects.get().version})
    page = login("county_admin").get(f"/aid/programmes/campaigns/{campaign.pk}/")
    body = text(page)
    assert page.status_code == 200 and 'data-testid="member-split"' in body
    # 3 people, 3 times, 1 event, 3 × 700 = 2,100 元 = 0.2100 万元.
    assert 'data-testid="people">3<' in body and 'data-testid="events">1<' in body
    assert 'data-testid="amount-wan">0.2100<' in body
    assert "春节慰问第一批" in body


# A batch from creation to the bank


def test_a_clerk_creates_a_batch_under_a_campaign(world, login, campaign):
    client = login("county_clerk")
    form = client.get(f"/aid/batches/new/?campaign={campaign.pk}")
    assert form.status_code == 200 and "2026年送温暖" in text(form)
    response = client.post("/aid/batches/new/", {"campaign": campaign.pk, "union": world.county.pk,
                                                 "title": "", "granted_on": "2026-01-15"})
    batch = AidBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/aid/batches/{batch.pk}/"
    page = client.get(response["Location"])
    assert "2026年送温暖（成都市锦江区总工会）" in text(page) and 'data-testid="do-select"' in text(page)


def test_selecting_from_the_registry_sets_aside_a_household_aided_elsewhere(world, login, programme, campaign,
                                                                              batch):
    make_file(world.grassroots, name="钱二")
    number = make_person_id()
    make_file(world.county, name="孙三", id_number=number)
    # 孙三 was already aided this cycle by a batch of the grassroots union (inside the clerk's view).
    other = batch_create(actor=world.county_clerk, campaign=campaign, union=world.grassroots, title="基层先发",
                         granted_on=GRANTED)
    grant_add(actor=world.county_clerk, batch=other, data=worker(name="孙三", id_number=number))
    client = login("county_clerk")
    response = act(client, batch, "select")
    assert response.status_code == 302
    page = text(client.get(response["Location"]))
    assert "已从困难职工档案选入1户，另有1户未选入" in page
    assert 'data-testid="set-aside"' in page and "孙三" in page and "基层先发" in page
    assert AidGrant.objects.filter(batch=batch).count() == 1


def test_households_in_file_are_found_and_added_one_by_one(world, login, county2_admin, batch):
    qian = make_file(world.grassroots, name="钱二")
    make_file(world.county2, name="钱外")
    client = login("county_clerk")
    picker = text(client.get(f"/aid/batches/{batch.pk}/files/?q=钱"))
    assert "钱二" in picker and "钱外" not in picker and "示例科技有限公司工会委员会" in picker
    assert 'data-testid="do-add_files"' in text(client.get(f"/aid/batches/{batch.pk}/"))
    response = act(client, batch, "add_files", files=[qian.pk])
    assert response.status_code == 302 and AidGrant.objects.get().hardship_file == qian
    page = text(client.get(response["Location"]))
    assert "已添加1户。" in page and f'href="/hardship/{qian.pk}/"' in page
    assert "本批次可发放的在档户均已列入。" in text(client.get(f"/aid/batches/{batch.pk}/files/"))
    refused = act(client, batch, "add_files", files=[999999], follow=True)
    assert "所选档案不在本批次可发放的范围内" in text(refused)
    assert login("aid_county2_admin").get(f"/aid/batches/{batch.pk}/files/").status_code == 404


def test_a_worker_added_by_hand_and_a_duplicate_names_the_earlier_grant(world, login, campaign, batch):
    client = login("county_clerk")
    person = worker(name="赵大勇", payee_account="6222 0212 3456 7890")
    response = act(client, batch, "add", **{k: v for k, v in person.items()})
    assert response.status_code == 302
    page = text(client.get(f"/aid/batches/{batch.pk}/"))
    assert "赵大勇" in page and "6222********7890" in page and person["id_number"] not in page
    second = batch_create(actor=world.county_clerk, campaign=campaign, union=world.county, granted_on=GRANTED)
    refused = act(client, second, "add", **person)
    body = text(refused)
    assert refused.status_code == 400 and "本周期已领取过该项目" in body and "春节慰问第一批" in body


def test_a_duplicate_from_a_union_out_of_sight_is_named_another_union(world, login, county2_admin):
    province_programme = programme_create(actor=world.province_officer, union=world.province, kind="summer_cooling",
                                          name="夏送清凉", fund_source="union_funds", budget="5000",
                                          standard_goods_value="50")
    summer = campaign_create(actor=world.province_officer, programme=province_programme, year=2026,
                             starts_on=datetime.date(2026, 7, 1), ends_on=datetime.date(2026, 8, 31))
    person = worker(name="周八")
    theirs = batch_create(actor=world.county_clerk, campaign=summer, union=world.county, granted_on=GRANTED)
    grant_add(actor=world.county_clerk, batch=theirs, data=person)
    mine = batch_create(actor=county2_admin, campaign=summer, union=world.county2, granted_on=GRANTED)
    page = act(login("aid_county2_admin"), mine, "add", **person)
    body = text(page)
    assert page.status_code == 400 and "另一工会，2026-01-20" in body
    assert "成都市锦江区总工会" not in body.split('data-testid="actions"')[1]


def test_bad_worker_input_names_each_field(world, login, batch):
    page = act(login("county_clerk"), batch, "add", name="", id_number="110101", phone="", cash="-5",
               group="outdoor")
    body = text(page)
    assert page.status_code == 400
    assert "请填写姓名。" in body and "现金应在0至1000000元之间。" in body and "110101" in body
    assert not AidGrant.objects.exists()


def test_rows_are_removed_and_adjusted_on_a_draft(world, login, batch):
    a = grant_add(actor=world.county_clerk, batch=batch, data=worker(name="甲"))
    b = grant_add(actor=world.county_clerk, batch=batch, data=worker(name="乙"))
    client = login("county_clerk")
    assert act(client, batch, "remove", grants=[a.pk], reason="已由单位慰问").status_code == 302
    a.refresh_from_db()
    assert a.status == "cancelled" and a.failure_reason == "已由单位慰问"
    form = client.get(f"/aid/batches/grants/{b.pk}/edit/")
    assert form.status_code == 200 and 'value="500.00"' in text(form)
    bad = client.post(f"/aid/batches/grants/{b.pk}/edit/", {"cash": "12.345", "goods_value": "200"})
    assert bad.status_code == 400 and "现金最多保留两位小数（分）。" in text(bad)
    done = client.post(f"/aid/batches/grants/{b.pk}/edit/", {"cash": "800", "goods": "米面油",
                                                              "goods_value": "150", "payee_name": "乙"})
    b.refresh_from_db()
    assert done.status_code == 302 and (b.cash, b.goods, b.goods_value) == (Decimal("800"), "米面油", Decimal("150"))
    assert "调整发放编号" in text(client.get(f"/aid/batches/{batch.pk}/"))


def test_the_preparer_submits_and_only_a_second_person_approves(world, login, reviewer, batch):
    grant_add(actor=world.county_clerk, batch=batch, data=worker())
    clerk = login("county_clerk")
    assert 'data-testid="do-submit"' in text(clerk.get(f"/aid/batches/{batch.pk}/"))
    assert act(clerk, batch, "submit").status_code == 302
    page = text(clerk.get(f"/aid/batches/{batch.pk}/"))
    assert "待审批" in page and 'data-testid="do-approve"' not in page and 'data-testid="do-add"' not in page
    refused = act(clerk, batch, "approve")
    assert refused.status_code == 302 and AidBatch.objects.get().status == "submitted"
    approver = login("aid_reviewer")
    assert 'data-testid="do-approve"' in text(approver.get(f"/aid/batches/{batch.pk}/"))
    assert act(approver, batch, "approve").status_code == 302
    batch.refresh_from_db()
    assert batch.status == "approved" and batch.approved_by == reviewer and batch.committed == Decimal("700")
    assert "aid_reviewer" in text(approver.get(f"/aid/batches/{batch.pk}/"))


def test_a_return_needs_a_reason_and_a_cancel_gives_the_budget_back(world, login, programme, batch):
    grant_add(actor=world.county_clerk, batch=batch, data=worker())
    batch_submit(actor=world.county_clerk, batch=batch)
    admin = login("county_admin")
    blank = act(admin, batch, "return", reason="")
    assert blank.status_code == 400 and AidBatch.objects.get().status == "submitted"
    assert act(admin, batch, "return", reason="金额有误").status_code == 302
    assert AidBatch.objects.get().status == "draft"
    batch_submit(actor=world.county_clerk, batch=batch)
    batch_approve(actor=world.county_admin, batch=batch)
    assert act(admin, batch, "cancel", reason="活动取消").status_code == 302
    programme.refresh_from_db()
    assert AidBatch.objects.get().status == "cancelled" and programme.committed == 0


def test_an_over_budget_batch_is_flagged_and_refused_at_approval(world, login, programme, batch):
    for _n in range(15):  # 15 × 700 = 10,500 against 10,000
        grant_add(actor=world.county_clerk, batch=batch, data=worker())
    page = text(login("county_clerk").get(f"/aid/batches/{batch.pk}/"))
    assert 'data-testid="over-budget"' in page
    batch_submit(actor=world.county_clerk, batch=batch)
    admin = login("county_admin")
    response = admin.post(f"/aid/batches/{batch.pk}/do/approve/", {"version": AidBatch.objects.get().version},
                          follow=True)
    assert "预算余额不足" in text(response) and AidBatch.objects.get().status == "submitted"


def test_mark_paid_settles_every_row(world, login, batch):
    approved_batch(world, batch, worker(), worker(cash="0", goods="棉被"))
    client = login("county_clerk")
    page = text(client.get(f"/aid/batches/{batch.pk}/"))
    assert 'data-testid="do-mark_paid"' in page and "data-confirm" in page
    assert act(client, batch, "mark_paid").status_code == 302
    assert set(AidGrant.objects.values_list("status", flat=True)) == {"paid"}
    assert AidBatch.objects.get().status == "paid"


def bank_file(rows):
    book = Workbook()
    book.active.append(["发放编号", "户名", "金额（元）", "结果", "失败原因"])
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("回盘.xlsx", out.getvalue())


def test_the_bank_list_goes_out_and_the_result_comes_back_with_row_errors_first(world, login, batch):
    approved_batch(world, batch, worker(payee_account="6222021234567890123"), worker(payee_account="6217000011112222"))
    client = login("county_clerk")
    download = client.get(f"/aid/batches/{batch.pk}/bank.xlsx")
    assert download.status_code == 200 and download["Content-Type"].startswith("application/vnd.openxml")
    rows = list(load_workbook(io.BytesIO(download.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3 and rows[1][2] == "6222***********0123"
    first, second = (r[0] for r in rows[1:])
    bad = act(client, batch, "bank_result", file=bank_file([[first, "甲", 500, "成功", ""],
                                                            [second, "乙", 500, "不知道", ""],
                                                            [999999, "丙", 1, "成功", ""]]))
    body = text(bad)
    assert bad.status_code == 400 and 'data-testid="bank-errors"' in body
    assert "第3行：结果“不知道”无法识别" in body and "第4行：发放编号999999不是本批次待发放的记录" in body
    assert set(AidGrant.objects.values_list("status", flat=True)) == {"pending"}
    good = act(client, batch, "bank_result", file=bank_file([[first, "甲", 500, "成功", ""],
                                                             [second, "乙", 500, "失败", "账户已销户"]]))
    assert good.status_code == 302
    page = text(client.get(f"/aid/batches/{batch.pk}/"))
    assert "成功1笔，失败1笔" in page and "部分发放" in page and "账户已销户" in page


def test_the_reviewer_may_not_download_the_bank_list(world, login, reviewer, batch):
    approved_batch(world, batch, worker(payee_account="6217000011112222"))
    assert login("aid_reviewer").get(f"/aid/batches/{batch.pk}/bank.xlsx").status_code == 403


# Figures and navigation


def test_the_figures_page_gives_aid_by_programme_for_the_year(world, login, batch):
    approved_batch(world, batch, worker(is_member=True), worker(group="outdoor"))
    login("county_clerk").post(f"/aid/batches/{batch.pk}/do/mark_paid/", {"version": AidBatch.objects.get().version})
    page = login("county_admin").get("/aid/figures/?period=year&year=2026")
    body = text(page)
    assert page.status_code == 200 and 'data-testid="programme-figures"' in body
    assert 'data-testid="times">2<' in body and 'data-testid="amount-wan">0.1400<' in body
    assert "其中：非会员" in body and "chart-money" in body and "14.0%" in body


def test_the_figures_of_a_union_out_of_scope_are_not_found(world, login, county2_admin):
    assert login("aid_county2_admin").get(f"/aid/figures/?union={world.county.pk}").status_code == 404


def test_the_navigation_shows_the_aid_entries_to_those_who_hold_them(world, login, reviewer):
    nav = text(login("county_clerk").get("/aid/batches/"))
    assert "帮扶项目与发放" in nav and "/aid/programmes/" in nav and "/aid/figures/" in nav
    reviewer_nav = text(login("aid_reviewer").get("/aid/batches/"))
    assert "/aid/batches/" in reviewer_nav and 'href="/aid/programmes/"' not in reviewer_nav
    assert "帮扶项目与发放" not in text(login("no_grants").get("/"))


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    # The session row is rewritten now and then (the idle timeout's clock): not the page's own reads.
    return sum(1 for q in captured if "django_session" not in q["sql"] and "SAVEPOINT" not in q["sql"])


def test_the_lists_and_the_batch_page_take_as_many_queries_for_many_rows_as_for_few(world, login, campaign,
                                                                                     batch):
    client = login("county_admin")
    grant_add(actor=world.county_clerk, batch=batch, data=worker())
    make_file(world.county, name="钱二")
    urls = [f"/aid/batches/{batch.pk}/", "/aid/batches/", "/aid/programmes/",
            f"/aid/programmes/campaigns/{campaign.pk}/", "/aid/figures/?period=year&year=2026"]
    few = {url: queries_of(client, url) for url in urls}
    for n in range(6):
        grant_add(actor=world.county_clerk, batch=batch, data=worker())
        batch_create(actor=world.county_clerk, campaign=campaign, union=world.county, granted_on=GRANTED)
        batch_add_files(actor=world.county_clerk, batch=batch, file_ids=[make_file(world.grassroots, name=f"户{n}").pk])
    assert {url: queries_of(client, url) for url in urls} == few
