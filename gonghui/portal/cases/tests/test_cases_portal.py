import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.accounts.sms_models import SmsCode
from gonghui.cases.models import Case
from gonghui.cases.services import (
    case_accept,
    case_add_note,
    case_classify,
    case_close,
    case_dispatch,
    case_rate,
    case_resolve,
    case_start,
    case_submit,
)
from gonghui.members.services.applications import PortalWorker
from gonghui.portal.conftest import portal_login
from gonghui.testing.world import make_member, make_user

pytestmark = pytest.mark.django_db
PHONE = "13800005555"
OTHER = "13800006666"


def _request(**overrides):
    return {"kind": "complaint", "description": "公司拖欠三个月工资共一万二千元，多次讨要未果。",
            "employer_name": "示例建筑劳务有限公司", "employer_credit_code": "", "address": "成都市锦江区春熙路1号",
            "caller_name": "赵六", "consent": "on", **overrides}


def _without_tokens(html: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+"', "", html)


@pytest.fixture
def hotline(world):
    return make_user("hotline_agent", world.province, RoleCode.HOTLINE_AGENT)


@pytest.fixture
def filed(world):
    """A case filed from the portal by PHONE, received at the provincial 12351 centre."""
    return case_submit(worker=PortalWorker(phone=PHONE), union=world.province, data=_request())


@pytest.fixture
def resolved(world, hotline, filed):
    """The centre dispatches the case to the county, which accepts, works on and resolves it."""
    case = case_classify(actor=hotline, case=filed, category="wages", difficulty="hard")
    case = case_dispatch(actor=hotline, case=case, union=world.county, note="请锦江区总工会核实")
    case = case_accept(actor=world.county_admin, case=case)
    case = case_start(actor=world.county_admin, case=case)
    case = case_add_note(actor=world.county_admin, case=case, note="内部记录：单位负责人态度强硬")
    return case_resolve(actor=world.county_admin, case=case, outcome="经协调单位已补发全部工资。",
                        money_recovered="12000", people_helped=1)


def test_the_hub_is_reachable_from_the_portal_home(as_worker, world):
    client = as_worker(PHONE)
    assert 'href="/portal/cases/"' in client.get("/portal/").content.decode()
    page = Client().get("/portal/cases/").content.decode()
    assert 'data-testid="go-request"' in page and 'data-testid="login"' in page


def test_a_signed_in_worker_submits_with_the_phone_and_name_prefilled(as_worker, world):
    make_member(world.grassroots, name="周晓红", phone=PHONE)
    client = as_worker(PHONE)
    page = client.get("/portal/cases/new/").content.decode()
    assert 'value="周晓红"' in page and "138****5555" in page and 'data-testid="guest-phone"' not in page
    response = client.post("/portal/cases/new/", _request(caller_name="周晓红", identity_withheld="on"))
    case = Case.objects.get()
    assert response["Location"] == f"/portal/cases/{case.number}/?submitted=1"
    assert (case.channel, case.caller_phone, case.caller_name, case.handling_union) == (
        "portal", PHONE, "周晓红", world.province)
    # The wish is a field of the case, and the worker's words stay exactly as typed.
    assert case.identity_withheld and case.description == _request()["description"]
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="case-number-big"' in page and case.number in page
    assert 'data-testid="identity-withheld"' in page


def test_bad_input_names_each_field_and_keeps_what_was_typed(as_worker, world):
    client = as_worker(PHONE)
    page = client.post("/portal/cases/new/", _request(description="", employer_credit_code="123", consent="",
                                                      caller_name="")).content.decode()
    for field in ("description", "employer_credit_code", "consent", "caller_name"):
        assert f'data-testid="error-{field}"' in page, field
    assert 'value="示例建筑劳务有限公司"' in page and 'value="成都市锦江区春熙路1号"' in page
    assert not Case.objects.exists()


def test_a_guest_proves_the_phone_with_a_code_and_is_signed_in(client, world, sms_outbox):
    page = client.post("/portal/cases/new/", {**_request(), "phone": PHONE, "send_code": "1"}).content.decode()
    assert "验证码已发送" in page and "公司拖欠三个月工资" in page and 'data-testid="error-' not in page
    response = client.post("/portal/cases/new/", {**_request(), "phone": PHONE, "code": sms_outbox[-1].code})
    case = Case.objects.get()
    assert response["Location"] == f"/portal/cases/{case.number}/?submitted=1"
    assert case.caller_phone == PHONE
    assert case.number in client.get("/portal/cases/").content.decode()  # 我的诉求, no second code


def test_a_guest_with_no_wrong_or_expired_code_files_nothing(client, world, sms_outbox):
    page = client.post("/portal/cases/new/", {**_request(), "phone": PHONE}).content.decode()
    assert 'data-testid="error-code"' in page
    client.post("/portal/cases/new/", {**_request(), "phone": PHONE, "send_code": "1"})
    page = client.post("/portal/cases/new/", {**_request(), "phone": PHONE, "code": "000000"}).content.decode()
    assert 'data-testid="error-code"' in page and "还可以再试" in page
    SmsCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    page = client.post("/portal/cases/new/", {**_request(), "phone": PHONE,
                                              "code": sms_outbox[-1].code}).content.decode()
    assert "验证码已过期" in page and 'value="赵六"' in page
    assert not Case.objects.exists()
    assert client.get("/portal/cases/x/")["Location"].startswith("/portal/login/")


def test_a_guest_is_refused_a_second_code_within_a_minute(client, world):
    client.post("/portal/cases/new/", {**_request(), "phone": PHONE, "send_code": "1"})
    page = client.post("/portal/cases/new/", {**_request(), "phone": PHONE, "send_code": "1"}).content.decode()
    assert "秒后再重新获取" in page


def test_a_guest_follows_by_number_phone_and_code(client, filed, sms_outbox):
    client.post("/portal/cases/follow/", {"number": filed.number, "phone": PHONE, "send_code": "1"})
    response = client.post("/portal/cases/follow/", {"number": filed.number.lower(), "phone": PHONE,
                                                     "code": sms_outbox[-1].code})
    assert response["Location"] == f"/portal/cases/{filed.number}/"
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="step-intake"' in page and "已受理" in page


def test_a_wrong_pair_answers_exactly_like_a_missing_case(world, filed, sms_outbox):
    answers = []
    for number, phone in ((filed.number, OTHER), ("12351-2026-999999", "13800007777")):
        client = portal_login(Client(), phone)
        response = client.post("/portal/cases/follow/", {"number": number})
        answers.append((response.status_code, _without_tokens(response.content.decode()).replace(number, "N")))
    assert answers[0] == answers[1]
    assert answers[0][0] == 200 and "没有找到与该编号和手机号对应的案件" in answers[0][1]
    guest = Client()
    guest.post("/portal/cases/follow/", {"number": filed.number, "phone": "13800008888", "send_code": "1"})
    page = guest.post("/portal/cases/follow/", {"number": filed.number, "phone": "13800008888",
                                               "code": sms_outbox[-1].code}).content.decode()
    assert "没有找到与该编号和手机号对应的案件" in page


def test_the_timeline_shows_steps_and_outcome_never_notes_or_handlers(as_worker, world, resolved):
    page = as_worker(PHONE).get(f"/portal/cases/{resolved.number}/").content.decode()
    for step in ("intake", "classify", "dispatch", "accept", "start", "resolve"):
        assert f'data-testid="step-{step}"' in page, step
    assert "经协调单位已补发全部工资。" in page, page[page.find("pt-dl"):][:1500]
    assert world.county.name in page
    # The dispatch step names where the case went and at what level; nothing else about the cadres.
    step = page[page.find('data-testid="step-dispatch"'):]
    assert f"至 {world.county.name}（县级）" in step[:step.find("</li>")]
    assert "单位负责人态度强硬" not in page and "请锦江区总工会核实" not in page
    assert "county_admin" not in page and "hotline_agent" not in page
    assert 'data-testid="rating"' in page


def test_rating_is_offered_only_once_the_case_is_resolved(as_worker, world, filed):
    client = as_worker(PHONE)
    assert 'data-testid="rating"' not in client.get(f"/portal/cases/{filed.number}/").content.decode()
    response = client.post(f"/portal/cases/{filed.number}/rate/", {"rating": "satisfied"}, follow=True)
    assert "不能职工评价" in response.content.decode()
    filed.refresh_from_db()
    assert (filed.status, filed.rating) == ("received", "")


def test_the_worker_rates_a_resolved_case(as_worker, world, resolved):
    client = as_worker(PHONE)
    page = client.post(f"/portal/cases/{resolved.number}/rate/", {"note": "太慢"}).content.decode()
    assert 'data-testid="error-rating"' in page and "太慢" in page
    response = client.post(f"/portal/cases/{resolved.number}/rate/", {"rating": "dissatisfied", "note": "太慢"})
    assert response["Location"] == f"/portal/cases/{resolved.number}/"
    resolved.refresh_from_db()
    assert (resolved.status, resolved.rating, resolved.callback_note) == ("called_back", "dissatisfied", "太慢")
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="rated"' in page and 'data-testid="reopen-hint"' in page
    assert 'data-testid="rating"' not in page


def test_another_phone_can_neither_see_nor_rate_the_case(as_worker, world, resolved):
    client = as_worker(OTHER)
    assert client.get(f"/portal/cases/{resolved.number}/").status_code == 404
    assert client.post(f"/portal/cases/{resolved.number}/rate/", {"rating": "satisfied"}).status_code == 404
    assert resolved.number not in client.get("/portal/cases/").content.decode()
    resolved.refresh_from_db()
    assert resolved.rating == ""


def test_my_cases_lists_only_the_proved_phones_cases(as_worker, world, filed):
    theirs = case_submit(worker=PortalWorker(phone=OTHER), union=world.province, data=_request())
    page = as_worker(PHONE).get("/portal/cases/").content.decode()
    assert f'data-testid="my-case-{filed.number}"' in page and theirs.number not in page


@pytest.fixture
def closed(world, resolved):
    case = case_rate(worker=PortalWorker(phone=PHONE), number=resolved.number, rating="satisfied")
    return case_close(actor=world.county_admin, case=case)


def test_the_worker_asks_for_a_closed_case_to_be_handled_again(as_worker, world, closed):
    client = as_worker(PHONE)
    page = client.get(f"/portal/cases/{closed.number}/").content.decode()
    assert 'data-testid="reopen"' in page
    empty = client.post(f"/portal/cases/{closed.number}/reopen/", {"reason": ""})
    assert empty.status_code == 400 and 'data-testid="error-reason"' in empty.content.decode()
    response = client.post(f"/portal/cases/{closed.number}/reopen/", {"reason": "工资又停发了"})
    assert response["Location"] == f"/portal/cases/{closed.number}/"
    closed.refresh_from_db()
    assert (closed.status, closed.handling_union) == ("reopened", world.county)
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="step-caller_reopen"' in page and 'data-testid="reopen"' not in page


def test_past_30_days_the_page_says_why_and_nothing_changes(as_worker, world, closed):
    Case.objects.filter(pk=closed.pk).update(closed_at=timezone.now() - datetime.timedelta(days=31))
    client = as_worker(PHONE)
    assert 'data-testid="reopen"' not in client.get(f"/portal/cases/{closed.number}/").content.decode()
    page = client.post(f"/portal/cases/{closed.number}/reopen/", {"reason": "又欠薪了"}, follow=True)
    assert "已超过30天" in page.content.decode()
    closed.refresh_from_db()
    assert closed.status == "closed"


def test_another_phone_cannot_reopen_the_case(as_worker, world, closed):
    assert as_worker(OTHER).post(f"/portal/cases/{closed.number}/reopen/", {"reason": "冒名"}).status_code == 404
    closed.refresh_from_db()
    assert closed.status == "closed"


def test_requests_go_to_the_configured_centre_or_to_the_phone_line(as_worker, world, settings):
    client = as_worker(PHONE)
    settings.GONGHUI_CASE_PORTAL_CENTRE = world.city.path
    client.post("/portal/cases/new/", _request())
    assert Case.objects.get().intake_union == world.city
    settings.GONGHUI_CASE_PORTAL_CENTRE = "999999"
    page = client.post("/portal/cases/new/", _request()).content.decode()
    assert "网上维权服务暂未开通" in page and Case.objects.count() == 1
