"""The mutual-aid console: plans, yearly enrolment from the registry and from a file, claims from
submission to payout with documents, the diagnosis shown on a reason, figures, scope and bad input."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from gonghui.accounts.roles import RoleCode
from gonghui.core.audit_models import AuditEntry
from gonghui.mutualaid.models import MutualAidClaim, MutualAidEnrolment, MutualAidPlan
from gonghui.mutualaid.services import (
    claim_approve,
    claim_review,
    claim_submit,
    enrolment_bulk_create,
    plan_create,
    plan_open,
)
from gonghui.mutualaid.tests.conftest import claim_data, member_of, plan_data
from gonghui.testing.world import PASSWORD, make_person_id, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def login(db):
    def as_user(username, language=""):
        client = Client()
        assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
        if language:
            client.cookies["django_language"] = language
        return client

    return as_user


@pytest.fixture
def county2_admin(world):
    return make_user("ma_county2_admin", world.county2, RoleCode.UNION_ADMIN)


@pytest.fixture
def plan(world):
    created = plan_create(actor=world.county_admin, union=world.county, data=plan_data())
    return plan_open(actor=world.county_admin, plan=created)


@pytest.fixture
def enrolment(world, plan):
    member = member_of(world.grassroots, name="陈九")
    enrolment_bulk_create(actor=world.county_admin, plan=plan, members=[member], enrolled_on=plan.starts_on,
                          paid_on=plan.starts_on)
    return MutualAidEnrolment.objects.select_related("plan").get(plan=plan, member=member)


@pytest.fixture
def claim(world, enrolment):
    return claim_submit(actor=world.county_admin, enrolment=enrolment, data=claim_data(enrolment.plan))


def pdf(name="出院小结.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.7 discharge summary", content_type="application/pdf")


def text(response):
    return response.content.decode()


def plan_form(world, **overrides):
    data = plan_data(**overrides)
    return {"union": world.county.pk, **{k: (v.isoformat() if isinstance(v, datetime.date) else v)
                                         for k, v in data.items()}}


# Plans


def test_the_plan_list_shows_the_year_figures_to_the_managers_only(world, login, enrolment):
    page = login("county_admin").get("/mutual-aid/plans/")
    body = text(page)
    assert page.status_code == 200 and "职工住院医疗互助保障计划" in body
    assert 'data-testid="covered">1<' in body and "60.00" in body
    assert Client().get("/mutual-aid/plans/").status_code == 302
    assert login("no_grants").get("/mutual-aid/plans/").status_code == 403
    reviewer = make_user("ma_reviewer", world.county, RoleCode.REVIEWER)  # approves hardship, not mutual aid
    assert login(reviewer.username).get("/mutual-aid/claims/").status_code == 403


def test_a_manager_creates_a_plan_and_opens_it(world, login):
    client = login("county_admin")
    response = client.post("/mutual-aid/plans/new/", plan_form(world, name="重大疾病互助", kind="critical_illness"))
    plan = MutualAidPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/mutual-aid/plans/{plan.pk}/"
    page = text(client.get(response["Location"]))
    assert plan.status == "draft" and 'data-testid="do-open"' in page and "计划尚未开始参保" in page
    opened = client.post(f"/mutual-aid/plans/{plan.pk}/status/open/", {"version": plan.version})
    plan.refresh_from_db()
    assert opened.status_code == 302 and plan.status == "open"
    assert 'data-testid="do-enrol"' in text(client.get(f"/mutual-aid/plans/{plan.pk}/"))


def test_bad_plan_input_names_the_field_in_either_language(world, login):
    data = plan_form(world, per_claim_limit="8000", yearly_limit="5000")
    page = login("county_admin").post("/mutual-aid/plans/new/", data)
    assert page.status_code == 400 and "年度累计给付限额不能低于单次给付限额。" in text(page)
    english = login("county_admin", language="en").post("/mutual-aid/plans/new/", data)
    assert english.status_code == 400 and "The yearly payout limit cannot be lower than the per-claim limit." in text(
        english)
    money = login("county_admin").post("/mutual-aid/plans/new/", {**data, "premium": "六十"})
    assert "每人每年互助金应为金额，如 1200 或 1200.50。" in text(money)
    assert not MutualAidPlan.objects.exists()


def test_another_county_sees_neither_the_plan_nor_its_claims(world, login, county2_admin, claim):
    client = login("ma_county2_admin")
    assert client.get(f"/mutual-aid/plans/{claim.plan_id}/").status_code == 404
    assert client.get(f"/mutual-aid/claims/{claim.pk}/").status_code == 404
    assert client.post(f"/mutual-aid/claims/{claim.pk}/do/review/", {"version": 1}).status_code == 404
    assert "陈九" not in text(client.get("/mutual-aid/claims/"))


# Enrolment


def test_a_union_enrols_its_members_from_the_registry(world, login, plan):
    for name in ("甲", "乙"):
        member_of(world.grassroots, name=name)
    client = login("county_admin")
    response = client.post(f"/mutual-aid/plans/{plan.pk}/enrol/", {"union": world.county.pk, "include_branch": "on",
                                                                   "paid_on": datetime.date.today().isoformat()})
    assert response.status_code == 302
    # 李四 of the test world and the two above.
    assert MutualAidEnrolment.objects.filter(plan=plan).count() == 3
    page = text(client.get(response["Location"]))
    assert "已参保3人，互助金合计180.00元" in page and "甲" in page


def test_an_enrolment_outside_the_plan_is_refused_on_the_union(world, login, plan):
    other = plan_create(actor=world.province_officer, union=world.province, data=plan_data(name="省计划"))
    plan_open(actor=world.province_officer, plan=other)
    page = login("county_admin").post(f"/mutual-aid/plans/{plan.pk}/enrol/", {"union": 999999})
    assert page.status_code == 400 and "选择一个有效的选项" in text(page)


def enrolment_list_file(rows):
    book = Workbook()
    book.active.append(["姓名", "身份证号"])
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("参保名单.xlsx", out.getvalue())


def test_an_enrolment_list_is_checked_then_committed(world, login, plan):
    known = member_of(world.grassroots, name="吴十")
    client = login("county_admin")
    preview = client.post(f"/mutual-aid/plans/{plan.pk}/import/", {
        "file": enrolment_list_file([["吴十", known.id_number], ["无名", make_person_id()], ["坏号", "12345"]])})
    body = text(preview)
    assert preview.status_code == 200 and 'data-testid="import-report"' in body
    assert "可参保 1 人" in body and "有问题 2 行" in body and "没有此证件号码的在册会员" in body
    assert not MutualAidEnrolment.objects.exists()
    token = body.split('name="staged" value="')[1].split('"')[0]
    done = client.post(f"/mutual-aid/plans/{plan.pk}/import/", {"staged": token})
    assert done.status_code == 302
    assert list(MutualAidEnrolment.objects.values_list("member__name", "source")) == [("吴十", "import")]
    again = client.post(f"/mutual-aid/plans/{plan.pk}/import/", {"staged": token}, follow=True)
    assert "待导入的名单已失效" in text(again)


def test_an_unreadable_list_is_named_on_the_file_field(world, login, plan):
    page = login("county_admin").post(f"/mutual-aid/plans/{plan.pk}/import/",
                                      {"file": SimpleUploadedFile("名单.xlsx", b"not a workbook")})
    assert page.status_code == 400 and 'data-testid="import-report"' not in text(page)
    assert "invalid-feedback" in text(page)


def test_a_member_is_taken_off_the_plan_with_a_reason(world, login, enrolment):
    client = login("county_admin")
    blank = client.post(f"/mutual-aid/plans/enrolments/{enrolment.pk}/cancel/", {"reason": ""}, follow=True)
    assert "请填写原因。" in text(blank)
    done = client.post(f"/mutual-aid/plans/enrolments/{enrolment.pk}/cancel/", {"reason": "重复参保"}, follow=True)
    enrolment.refresh_from_db()
    assert enrolment.status == "cancelled" and "陈九已退保。" in text(done)


# Claims


def test_a_claim_is_filed_with_documents_and_a_wrong_file_is_named(world, login, enrolment):
    client = login("county_admin")
    url = f"/mutual-aid/plans/enrolments/{enrolment.pk}/claim/"
    form = client.get(url)
    assert form.status_code == 200 and "住院" in text(form)
    data = claim_data(enrolment.plan)
    fields = {"kind": data["kind"], "event_date": data["event_date"].isoformat(), "amount_claimed": "3000",
              "diagnosis": data["diagnosis"]}
    fake = SimpleUploadedFile("发票.pdf", b"MZ fake", content_type="application/pdf")
    bad = client.post(url, {**fields, "documents": [fake]})
    assert bad.status_code == 400 and "证明材料" in text(bad) and not MutualAidClaim.objects.exists()
    future = client.post(url, {**fields, "event_date": "2099-01-01", "documents": [pdf()]})
    assert future.status_code == 400 and "发病/出险日期不能晚于今天。" in text(future)
    response = client.post(url, {**fields, "documents": [pdf(), pdf("发票.pdf")]})
    claim = MutualAidClaim.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/mutual-aid/claims/{claim.pk}/"
    page = text(client.get(response["Location"]))
    assert "出院小结.pdf" in page and "发票.pdf" in page and data["diagnosis"] not in page
    document = claim.documents.first()
    download = client.get(f"/mutual-aid/claims/{claim.pk}/documents/{document.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_claim_is_reviewed_approved_within_the_limit_and_paid(world, login, claim):
    client = login("county_admin")
    page = text(client.get(f"/mutual-aid/claims/{claim.pk}/"))
    assert 'data-testid="do-review"' in page and 'data-testid="do-pay"' not in page
    claim.refresh_from_db()
    assert client.post(f"/mutual-aid/claims/{claim.pk}/do/review/", {"version": claim.version,
                                                                     "note": "材料齐全"}).status_code == 302
    claim.refresh_from_db()
    page = text(client.get(f"/mutual-aid/claims/{claim.pk}/"))
    assert 'data-testid="payable"' in page and 'value="3000.00"' in page
    over = client.post(f"/mutual-aid/claims/{claim.pk}/do/approve/", {"version": claim.version, "amount": "9000"})
    assert over.status_code == 400 and "核定金额不能超过3,000.00元" in text(over)
    assert client.post(f"/mutual-aid/claims/{claim.pk}/do/approve/", {"version": claim.version,
                                                                      "amount": "2500"}).status_code == 302
    claim.refresh_from_db()
    paid = client.post(f"/mutual-aid/claims/{claim.pk}/do/pay/", {"version": claim.version,
                                                                  "paid_on": datetime.date.today().isoformat()})
    claim.refresh_from_db()
    assert paid.status_code == 302 and claim.status == "paid" and claim.amount_approved == Decimal("2500")
    plan_page = text(client.get(f"/mutual-aid/plans/{claim.plan_id}/"))
    assert 'data-testid="paid-count">1<' in plan_page and 'data-testid="paid-amount">2,500.00<' in plan_page


def test_a_stale_page_and_a_rejection_without_reason_are_refused(world, login, claim):
    client = login("county_admin")
    stale = client.post(f"/mutual-aid/claims/{claim.pk}/do/review/", {"version": claim.version + 5}, follow=True)
    assert "刚刚已被他人办理" in text(stale)
    claim.refresh_from_db()
    blank = client.post(f"/mutual-aid/claims/{claim.pk}/do/reject/", {"version": claim.version, "reason": ""})
    assert blank.status_code == 400 and MutualAidClaim.objects.get().status == "submitted"


def test_the_grassroots_union_reviews_but_only_the_plan_union_approves(world, login, claim):
    make_user("ma_grassroots_clerk", world.grassroots, RoleCode.CLERK)
    clerk = login("ma_grassroots_clerk")
    assert 'data-testid="do-review"' in text(clerk.get(f"/mutual-aid/claims/{claim.pk}/"))
    claim_review(actor=world.county_admin, claim=claim)
    page = text(clerk.get(f"/mutual-aid/claims/{claim.pk}/"))
    assert 'data-testid="do-approve"' not in page and "当前状态下您没有可办理的操作" not in page  # attach stays
    claim.refresh_from_db()
    refused = clerk.post(f"/mutual-aid/claims/{claim.pk}/do/approve/", {"version": claim.version, "amount": "100"})
    assert refused.status_code == 400 and MutualAidClaim.objects.get().status == "reviewed"


def test_the_diagnosis_is_shown_only_on_a_reason_and_audited(world, login, claim):
    client = login("county_admin")
    diagnosis = claim_data(claim.plan)["diagnosis"]
    assert diagnosis not in text(client.get(f"/mutual-aid/claims/{claim.pk}/"))
    blank = client.post(f"/mutual-aid/claims/{claim.pk}/reveal/", {"reason": ""})
    assert blank.status_code == 400 and diagnosis not in text(blank)
    shown = client.post(f"/mutual-aid/claims/{claim.pk}/reveal/", {"reason": "复核给付金额"})
    assert shown.status_code == 200 and diagnosis in text(shown)
    assert AuditEntry.objects.filter(action="mutualaid.claim_reveal_diagnosis").count() == 1


def test_the_claims_list_filters_by_status(world, login, claim):
    client = login("county_admin")
    assert "陈九" in text(client.get("/mutual-aid/claims/"))
    assert "陈九" not in text(client.get("/mutual-aid/claims/?status=paid"))
    claim_review(actor=world.county_admin, claim=claim)
    claim_approve(actor=world.county_admin, claim=MutualAidClaim.objects.get(), amount="100")
    assert "陈九" in text(client.get("/mutual-aid/claims/?status=approved"))


def test_the_navigation_shows_mutual_aid_to_its_managers(world, login):
    nav = text(login("county_clerk").get("/mutual-aid/plans/"))
    assert "互助保障" in nav and "/mutual-aid/claims/" in nav


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    # The session row is rewritten now and then (the idle timeout's clock): not the page's own reads.
    return sum(1 for q in captured if "django_session" not in q["sql"] and "SAVEPOINT" not in q["sql"])


def test_the_pages_take_as_many_queries_for_many_members_and_claims_as_for_few(world, login, plan, claim):
    client = login("county_admin")
    urls = ["/mutual-aid/plans/", f"/mutual-aid/plans/{plan.pk}/", "/mutual-aid/claims/",
            f"/mutual-aid/claims/{claim.pk}/"]
    few = {url: queries_of(client, url) for url in urls}
    members = [member_of(world.grassroots, name=f"会员{n}") for n in range(5)]
    enrolment_bulk_create(actor=world.county_admin, plan=plan, members=members, enrolled_on=plan.starts_on)
    for member in members:
        enrolment = MutualAidEnrolment.objects.get(plan=plan, member=member)
        claim_submit(actor=world.county_admin, enrolment=enrolment, data=claim_data(plan), documents=[pdf()])
    assert {url: queries_of(client, url) for url in urls} == few


def test_a_draft_plan_is_edited_and_an_open_plan_keeps_its_rules(world, login):
    draft = plan_create(actor=world.county_admin, union=world.county, data=plan_data())
    client = login("county_admin")
    form = client.get(f"/mutual-aid/plans/{draft.pk}/edit/")
    assert form.status_code == 200 and 'value="职工住院医疗互助保障计划"' in text(form)
    data = {**plan_form(world, premium="80"), "version": draft.version}
    assert client.post(f"/mutual-aid/plans/{draft.pk}/edit/", data).status_code == 302
    draft.refresh_from_db()
    assert draft.premium == Decimal("80")
    opened = plan_open(actor=world.county_admin, plan=draft)
    refused = client.post(f"/mutual-aid/plans/{draft.pk}/edit/", {**plan_form(world, premium="90"),
                                                                  "version": opened.version})
    assert refused.status_code == 400 and "保障规则" in text(refused)
    make_user("ma_grassroots_clerk2", world.grassroots, RoleCode.CLERK)
    assert login("ma_grassroots_clerk2").get(f"/mutual-aid/plans/{draft.pk}/edit/").status_code == 302


def test_the_plan_list_drills_down_to_a_branch(world, login, enrolment):
    client = login("county_admin")
    page = text(client.get(f"/mutual-aid/plans/?union={world.township.pk}"))
    assert 'data-testid="covered">1<' in page and "返回 成都市锦江区总工会" in page
    assert client.get(f"/mutual-aid/plans/?union={world.county2.pk}").status_code == 404


def test_a_dimension_bomb_list_is_refused_on_the_file_field(world, login, plan, monkeypatch):
    from gonghui.core.tests import bombs

    monkeypatch.setattr("gonghui.core.tabular.read_with_calamine", bombs.unreachable)
    page = login("county_admin").post(f"/mutual-aid/plans/{plan.pk}/import/",
                                      {"file": SimpleUploadedFile("名单.xlsx", bombs.dimension_bomb())})
    assert page.status_code == 400 and bombs.REFUSAL in text(page)
