"""困难帮扶 on the portal: the self-check (guests), the application, 我的帮扶 and 我的互助保障."""

import datetime
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gonghui.accounts.roles import RoleCode
from gonghui.aid.services import (
    batch_approve,
    batch_create,
    batch_mark_paid,
    batch_select_eligible,
    batch_submit,
    campaign_create,
    programme_create,
)
from gonghui.assistance.models import HardshipDocument, HardshipFile
from gonghui.assistance.services import (
    assessment_rule_add,
    hardship_apply,
    hardship_approve,
    hardship_file_open,
    hardship_review,
    hardship_survey,
)
from gonghui.core.audit_models import AuditEntry
from gonghui.mutualaid.models import MutualAidEnrolment
from gonghui.mutualaid.services import claim_submit, enrolment_bulk_create, plan_create, plan_open
from gonghui.orgs.services.regions import regions_load
from gonghui.portal.conftest import portal_login
from gonghui.testing.world import SYSTEM, make_member, make_person_id, make_user

pytestmark = pytest.mark.django_db
PHONE = "13800005555"
OTHER = "13800006666"
PDF = b"%PDF-1.4 proof"


@pytest.fixture
def rules(world):
    regions_load(actor=SYSTEM, towns=False)
    return assessment_rule_add(actor=SYSTEM, adcode="510100", area_name="成都市", min_living_monthly="1000",
                               deep_factor="1.0", relative_factor="1.5", accident_factor="2.0",
                               effective_from=datetime.date(2024, 1, 1), source="测试数据")


@pytest.fixture
def member(world):
    return make_member(world.grassroots, name="周晓红", phone=PHONE).member


def form(**overrides: Any) -> dict[str, Any]:
    """The application as the browser sends it: three people, 36,000 元 a year, 因病."""
    data = {"address": "成都市锦江区春熙路1号", "area": "510100", "self_income": "24000", "causes": ["illness"],
            "rigid_expenses": "", "description": "妻子患病长期透析，孩子读高中。", "consent": "on",
            "employer_name": "示例科技有限公司",
            "member-TOTAL_FORMS": "7", "member-INITIAL_FORMS": "0", "member-MIN_NUM_FORMS": "0",
            "member-MAX_NUM_FORMS": "7",
            "member-0-relation": "spouse", "member-0-name": "王芳", "member-0-id_number": make_person_id(),
            "member-0-annual_income": "12000", "member-1-relation": "child", "member-1-name": "张小明"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def pdf(name: str = "诊断证明.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def text(response) -> str:
    return response.content.decode()


# Guests: the hub and the self-check

def test_the_hub_and_the_self_check_are_open_to_guests(client, rules):
    page = text(client.get("/portal/hardship/"))
    assert 'data-testid="go-check"' in page and 'data-testid="login"' in page
    page = text(client.get("/portal/hardship/check/"))
    assert 'data-testid="check-form"' in page and "成都市" in page and 'data-testid="verdict"' not in page


def test_without_a_published_standard_the_self_check_says_so(client, world):
    page = text(client.get("/portal/hardship/check/"))
    assert 'data-testid="no-rules"' in page and 'data-testid="check-form"' not in page


def test_the_self_check_gives_the_class_the_review_would_and_stores_nothing(client, rules):
    audit_rows = AuditEntry.objects.count()
    response = client.get("/portal/hardship/check/", {"area": "510100", "household_size": "3",
                                                      "household_income": "３６,０００", "causes": ["illness"]})
    page = text(response)
    assert response.status_code == 200
    assert 'data-class="deep"' in page and "深度困难" in page and "1,000.00 元" in page
    assert 'href="/portal/hardship/apply/?area=510100&amp;causes=illness"' in page
    response = client.get("/portal/hardship/check/", {"area": "510100", "household_size": "2",
                                                      "household_income": "90000", "causes": ["education"]})
    assert 'data-testid="verdict-not"' in text(response)
    assert not HardshipFile.objects.exists() and AuditEntry.objects.count() == audit_rows


def test_bad_self_check_input_is_named_beside_each_field(client, rules):
    response = client.get("/portal/hardship/check/", {"area": "999999", "household_size": "0",
                                                      "household_income": "很多"})
    page = text(response)
    assert response.status_code == 400
    for field in ("area", "household_size", "household_income", "causes"):
        assert f'data-testid="error-{field}"' in page, field
    assert "家庭年收入（元）请填写数字" in page and "家庭人口至少为1人" in page and "请至少选择一项致困原因" in page


# The signed-in worker

def test_the_my_page_leads_to_the_hardship_pages(as_worker, world):
    page = text(as_worker(PHONE).get("/portal/me/"))
    for testid in ("tile-hardship-mine", "tile-mutual-aid"):
        assert f'data-testid="{testid}"' in page


@pytest.mark.parametrize("url", ["/portal/hardship/apply/", "/portal/hardship/mine/", "/portal/hardship/files/1/",
                                 "/portal/mutual-aid/"])
def test_ones_own_pages_need_the_portal_login(client, world, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/portal/login/?next=")


def test_a_member_applies_to_their_union_and_follows_the_application(as_worker, rules, member):
    client = as_worker(PHONE)
    page = text(client.get("/portal/hardship/apply/?area=510100&causes=illness"))
    assert member.union.name in page and member.id_masked in page and 'data-testid="not-member"' not in page
    assert 'value="illness" class="pt-check" id="id_causes_0" checked' in page  # from the self-check
    response = client.post("/portal/hardship/apply/", {**form(), "file_1": pdf(), "kind_1": "medical"})
    file = HardshipFile.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/portal/hardship/files/{file.pk}/?submitted=1"
    assert (file.union_id, file.member, file.status, file.household_size) == (
        member.union_id, member, "applied", 3)
    assert file.documents.get().kind == "medical"
    page = text(client.get(response["Location"]))
    assert 'data-testid="submitted"' in page and "已申请" in page
    assert 'data-testid="step-apply"' in page and 'data-testid="step-attach"' in page
    assert "收入证明" in re.search(r'data-testid="missing">(.*?)</ul>', page, re.S).group(1)
    assert 'data-testid="withdraw-form"' in page and "data-confirm" in page


def test_bad_input_is_named_beside_each_field_and_nothing_is_filed(as_worker, rules, member):
    client = as_worker(PHONE)
    response = client.post("/portal/hardship/apply/", form(
        consent=None, causes=None, description="", self_income="abc", address="",
        **{"member-0-id_number": "123", "member-2-name": "张老汉"}))
    page = text(response)
    assert response.status_code == 400
    for field in ("consent", "causes", "description", "self_income", "address"):
        assert f'data-testid="error-{field}"' in page, field
    assert 'data-testid="form-error"' in page and 'data-testid="reselect-files"' in page
    assert 'value="王芳"' in page  # what was typed stays
    # The registry's own rules name the household rows in the same answer.
    row2 = re.search(r'data-testid="member-row-2".*?data-testid="member-row-3"', page, re.S).group(0)
    row4 = re.search(r'data-testid="member-row-4".*?data-testid="member-row-5"', page, re.S).group(0)
    assert "第2位家庭成员：" in row2 and 'data-testid="error-id_number"' in row2
    assert "第4位家庭成员：请选择与职工关系" in row4 and "<details class=\"pt-more\" open" in page
    assert not HardshipFile.objects.exists()
    # Everything else right: the service still refuses the same rows.
    response = client.post("/portal/hardship/apply/", form(**{"member-0-id_number": "510104199001011234"}))
    assert response.status_code == 400 and "第2位家庭成员" in text(response)
    assert not HardshipFile.objects.exists()


def test_a_bad_document_is_refused_with_the_application(as_worker, rules, member):
    client = as_worker(PHONE)
    fake = SimpleUploadedFile("证明.pdf", b"MZ not a pdf", content_type="application/pdf")
    page = text(client.post("/portal/hardship/apply/", {**form(), "file_1": fake, "kind_1": "income"}))
    assert 'data-testid="error-file_1"' in page and "证明材料的内容与文件类型不符" in page
    assert not HardshipFile.objects.exists() and not HardshipDocument.objects.exists()


def test_a_worker_who_is_not_a_member_chooses_a_union_first(as_worker, rules, world):
    client = as_worker(OTHER)
    page = text(client.get("/portal/hardship/apply/"))
    assert 'data-testid="not-member"' in page and 'data-testid="apply-form"' not in page
    page = text(client.get("/portal/hardship/apply/", {"q": "春熙路"}))
    assert f'href="?union={world.township.pk}"' in page
    assert 'data-testid="no-unions"' in text(client.get("/portal/hardship/apply/", {"q": "不存在的单位"}))
    page = text(client.get("/portal/hardship/apply/", {"union": world.city.pk}))
    assert "所选工会不受理困难帮扶申请" in page
    page = text(client.get("/portal/hardship/apply/", {"union": world.township.pk}))
    assert 'data-testid="chosen-union"' in page and world.township.name in page
    number = make_person_id()
    response = client.post("/portal/hardship/apply/", form(union=str(world.township.pk), name="赵六",
                                                           id_type="resident", id_number=number))
    file = HardshipFile.objects.get()
    assert response.status_code == 302 and (file.union, file.member, file.worker_phone) == (world.township, None,
                                                                                            OTHER)


def test_a_second_application_is_refused_with_a_way_to_the_first(as_worker, rules, member):
    client = as_worker(PHONE)
    client.post("/portal/hardship/apply/", form())
    page = text(client.get("/portal/hardship/apply/"))
    file = HardshipFile.objects.get()
    assert 'data-testid="already-open"' in page and f'href="/portal/hardship/files/{file.pk}/"' in page
    client.post("/portal/hardship/apply/", form())
    assert HardshipFile.objects.count() == 1


def test_the_worker_adds_a_missing_document(as_worker, rules, member):
    client = as_worker(PHONE)
    client.post("/portal/hardship/apply/", form())
    file = HardshipFile.objects.get()
    url = f"/portal/hardship/files/{file.pk}/documents/"
    page = text(client.post(url, {"kind": "income", "file": SimpleUploadedFile("a.exe", b"MZ", "application/x-dos")}))
    assert "证明材料只能是PDF 或图片" in page and not HardshipDocument.objects.exists()
    page = text(client.post(url, {"kind": "income"}))
    assert 'data-testid="error-file"' in page and "请选择要上传的文件" in page
    response = client.post(url, {"kind": "income", "file": pdf("收入证明.pdf")}, follow=True)
    page = text(response)
    assert "证明材料已上传" in page and "收入证明.pdf" in page
    assert HardshipDocument.objects.get().uploaded_by_label == "portal:138****5555"


def test_the_worker_withdraws_with_a_reason(as_worker, rules, member):
    client = as_worker(PHONE)
    client.post("/portal/hardship/apply/", form())
    file = HardshipFile.objects.get()
    url = f"/portal/hardship/files/{file.pk}/withdraw/"
    assert client.get(url).status_code == 405
    page = text(client.post(url, {"reason": ""}))
    assert 'data-testid="error-reason"' in page
    page = text(client.post(url, {"reason": "家庭情况已好转"}, follow=True))
    assert "困难帮扶申请已撤回" in page and "申请已撤回" in page and 'data-testid="withdraw-form"' not in page
    assert HardshipFile.objects.get().status == "withdrawn"


def test_another_households_file_is_not_found(as_worker, rules, member, world):
    file = hardship_survey(actor=world.county_clerk, union=world.grassroots, member=member,
                           worker={}, household=[], causes=["illness"])
    client = as_worker(OTHER)
    for url in (f"/portal/hardship/files/{file.pk}/", f"/portal/hardship/files/{file.pk + 1}/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/portal/hardship/files/{file.pk}/withdraw/", {"reason": "x"}).status_code == 404
    assert client.post(f"/portal/hardship/files/{file.pk}/documents/", {"kind": "income", "file": pdf()}
                       ).status_code == 404
    assert 'data-testid="no-file"' in text(client.get("/portal/hardship/mine/"))
    assert HardshipFile.objects.get().status == "surveyed" and not HardshipDocument.objects.exists()


@pytest.fixture
def filed_and_aided(world, rules, member):
    """The union's file of the member, approved and filed, and a paid 送温暖 grant."""
    reviewer = make_user("g_reviewer", world.grassroots, RoleCode.REVIEWER)
    approver = make_user("c_reviewer", world.county, RoleCode.REVIEWER)
    file = hardship_survey(actor=world.county_clerk, union=world.grassroots, member=member, worker={},
                           household=[{"relation": "self", "name": "周晓红", "id_number": member.id_number,
                                       "annual_income": "10000"}], causes=["illness"], adcode="510104",
                           consent={"signer": "周晓红", "text_version": "2026-01"})
    file = hardship_apply(actor=world.county_clerk, file=file)
    file = hardship_review(actor=reviewer, file=file, note="内部：邻居反映其丈夫另有收入")
    file = hardship_approve(actor=approver, file=file)
    file = hardship_file_open(actor=world.county_clerk, file=file)
    programme = programme_create(actor=world.county_admin, union=world.county, kind="winter_warmth",
                                 name="2026年送温暖", fund_source="warmth_fund", budget="10000",
                                 standard_amount="800", standard_goods_value="200")
    campaign = campaign_create(actor=world.county_admin, programme=programme, year=2026,
                               starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 2, 28))
    batch = batch_create(actor=world.county_clerk, campaign=campaign, union=world.county,
                         granted_on=datetime.date(2026, 1, 20))
    batch_select_eligible(actor=world.county_clerk, batch=batch)
    batch_submit(actor=world.county_clerk, batch=batch)
    batch_approve(actor=world.county_admin, batch=batch)
    batch_mark_paid(actor=world.county_clerk, batch=batch)
    return HardshipFile.objects.get(pk=file.pk)


def test_my_page_shows_the_file_in_plain_words_and_the_aid_received(as_worker, filed_and_aided):
    client = as_worker(PHONE)
    page = text(client.get("/portal/hardship/mine/"))
    assert "帮扶中" in page and "深度困难" in page and filed_and_aided.number in page
    assert "2026年送温暖" in page and 'data-testid="paid-cash">800.00' in page
    page = text(client.get(f"/portal/hardship/files/{filed_and_aided.pk}/"))
    assert 'data-testid="next-recheck"' in page and 'data-testid="step-file_open"' in page
    assert "内部" not in page and "邻居" not in page  # the cadres' notes stay theirs
    assert 'data-testid="attach-form"' not in page and 'data-testid="withdraw-form"' not in page
    assert filed_and_aided.worker_id_masked in page and filed_and_aided.worker_id_number not in page


def test_my_mutual_aid_shows_cover_and_claims_of_my_own_only(as_worker, world, member):
    start = datetime.date.today() - datetime.timedelta(days=100)
    plan = plan_create(actor=world.county_admin, union=world.county, data={
        "name": "职工住院医疗互助保障计划", "kind": "inpatient", "year": start.year, "starts_on": start,
        "ends_on": start + datetime.timedelta(days=364), "premium": "60", "per_claim_limit": "8000",
        "yearly_limit": "10000", "waiting_days": 30})
    plan = plan_open(actor=world.county_admin, plan=plan)
    enrolment_bulk_create(actor=world.county_admin, plan=plan, members=[member], enrolled_on=start, paid_on=start)
    enrolment = MutualAidEnrolment.objects.select_related("plan").get(member=member)
    claim_submit(actor=world.county_admin, enrolment=enrolment, data={
        "kind": "inpatient", "event_date": start + datetime.timedelta(days=40), "amount_claimed": "3000",
        "diagnosis": "急性阑尾炎"})
    page = text(as_worker(PHONE).get("/portal/mutual-aid/"))
    assert "职工住院医疗互助保障计划" in page and 'data-testid="claims"' in page and "3,000.00" in page
    assert "急性阑尾炎" not in page  # health data stays with the union
    page = text(portal_login(Client(), OTHER).get("/portal/mutual-aid/"))
    assert 'data-testid="no-enrolments"' in page and 'data-testid="no-claims"' in page


def test_the_hub_shows_a_signed_in_workers_current_file(as_worker, rules, member):
    client = as_worker(PHONE)
    client.post("/portal/hardship/apply/", form())
    page = text(client.get("/portal/hardship/"))
    assert 'data-testid="current-file"' in page and "申请已提交，等待审核" in page


def test_the_self_check_answers_in_english_when_chosen(client, rules):
    client.cookies["django_language"] = "en"
    page = text(client.get("/portal/hardship/check/", {"area": "510100", "household_size": "3",
                                                      "household_income": "36000", "causes": ["illness"]}))
    assert '<html lang="en">' in page and 'data-class="deep"' in page
    # The assessment's own reasons come from the registry in the reader's language.
    reasons = re.search(r'data-testid="reasons">(.*?)</ul>', page, re.S).group(1)
    assert "1,000.00" in reasons and "家庭月人均收入" not in reasons
