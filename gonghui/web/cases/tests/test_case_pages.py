"""The 维权 console: intake with a suggestion, a walk through every action, scope and query bounds."""

import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gonghui.accounts.roles import RoleCode
from gonghui.cases.models import Case
from gonghui.cases.services import case_classify, case_intake
from gonghui.testing.world import PASSWORD, make_user

pytestmark = pytest.mark.django_db
_phones = itertools.count(1)


def call(**overrides):
    return {"caller_name": "张三", "caller_phone": f"137{next(_phones):08d}", "employer_name": "某建筑劳务公司",
            "description": "被拖欠三个月工资，共计一万二千元。", **overrides}


@pytest.fixture
def hotline(world):
    return make_user("hotline_agent", world.province, RoleCode.HOTLINE_AGENT)


@pytest.fixture
def county_case(world, hotline):
    case = case_intake(actor=hotline, union=world.county, data=call()).case
    return case_classify(actor=world.county_admin, case=case, category="wages", difficulty="hard")


@pytest.fixture
def login(db):
    """A fresh browser per persona, so two people can work on one case in the same test."""

    def as_user(username):
        client = Client()
        assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
        return client

    return as_user


def act(client, case, action, **data):
    case.refresh_from_db()
    return client.post(f"/cases/{case.pk}/do/{action}/", {"version": case.version, **data})


def test_an_agent_takes_a_call_sees_the_suggestion_and_dispatches_it(world, hotline, login):
    client = login("hotline_agent")
    page = client.get("/cases/intake/")
    assert page.status_code == 200 and 'autofocus' in page.content.decode()
    hint = client.post("/cases/intake/suggest/",
                       {"description": "老板拖欠工资三个月了", "employer_name": "示例科技有限公司"})
    text = hint.content.decode()
    assert "劳动报酬" in text and "示例科技有限公司工会委员会" in text and "按用人单位" in text
    response = client.post("/cases/intake/", {
        **call(employer_name="示例科技有限公司", employer_credit_code=world.employer.credit_code), "kind": "complaint",
        "line": "hotline", "channel": "phone", "category": "wages", "difficulty": "hard",
        "dispatch_to": world.grassroots.pk})
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"
    assert (case.status, case.handling_union, case.employer) == ("dispatched", world.grassroots, world.employer)
    assert case.due_at is not None


def test_the_agent_records_a_wish_for_confidentiality_and_the_case_page_shows_it(world, hotline, login):
    client = login("hotline_agent")
    assert 'name="identity_withheld"' in client.get("/cases/intake/").content.decode()
    response = client.post("/cases/intake/", {**call(), "kind": "complaint", "line": "hotline", "channel": "phone",
                                              "identity_withheld": "on"})
    case = Case.objects.get()
    assert response.status_code == 302 and case.identity_withheld
    assert 'data-testid="identity-withheld"' in client.get(f"/cases/{case.pk}/").content.decode()
    other = case_intake(actor=hotline, union=world.province, data=call()).case
    assert 'data-testid="identity-withheld"' not in client.get(f"/cases/{other.pk}/").content.decode()


def test_bad_input_comes_back_with_field_named_messages_and_nothing_lost(world, hotline, login):
    client = login("hotline_agent")
    response = client.post("/cases/intake/", {"caller_name": "张三", "caller_phone": "12345", "description": "",
                                              "employer_name": "某公司", "kind": "complaint", "line": "hotline",
                                              "channel": "phone", "dispatch_to": world.county.pk})
    text = response.content.decode()
    assert response.status_code == 200 and not Case.objects.exists()
    assert 'value="某公司"' in text and 'value="12345"' in text
    assert "派单前请选择难易程度" in text and "请填写诉求内容" in text and "手机" in text


def test_the_duplicate_warning_links_an_earlier_case_from_the_same_phone(world, hotline, login):
    earlier = case_intake(actor=hotline, union=world.province, data=call(caller_phone="13700009999")).case
    client = login("hotline_agent")
    text = client.post("/cases/intake/suggest/", {"caller_phone": "13700009999"}).content.decode()
    assert earlier.number in text and f"/cases/{earlier.pk}/" in text


def test_the_suggestion_refuses_a_description_longer_than_the_intake_takes(hotline, login, monkeypatch):
    routed = []
    monkeypatch.setattr("gonghui.web.cases.views.intake.route", lambda **kw: routed.append(kw))
    client = login("hotline_agent")
    # A pasted page: every keystroke would otherwise parse all of it again.
    response = client.post("/cases/intake/suggest/", {"description": "成都武侯区工地欠薪。" * 2000})
    text = response.content.decode()
    assert response.status_code == 200 and 'data-testid="suggestion-too-long"' in text
    assert "诉求内容不能超过4000个字" in text and not routed


def test_the_intake_form_holds_each_field_to_the_services_cap(hotline, login):
    client = login("hotline_agent")
    page = client.get("/cases/intake/").content.decode()
    assert 'maxlength="4000"' in page and 'maxlength="200"' in page
    text = client.post("/cases/intake/", call(description="欠薪" * 2001)).content.decode()
    assert "4000" in text and not Case.objects.exists()


def test_a_case_walks_from_classification_to_closing_through_the_page(world, hotline, login):
    client = login("county_admin")
    case = case_intake(actor=hotline, union=world.county, data=call()).case
    assert client.get(f"/cases/{case.pk}/").status_code == 200
    township = make_user("township_clerk", world.township, RoleCode.CLERK)
    steps = [("classify", {"category": "wages", "difficulty": "hard", "kind": "complaint"}),
             ("dispatch", {"union": world.township.pk}), ("accept", {}),
             ("note", {"note": "已电话联系用人单位"}), ("start", {}),
             ("resolve", {"outcome": "补发工资", "money_recovered": "12,000元", "people_helped": "3"}),
             ("callback", {"reached": "on", "rating": "dissatisfied", "note": "嫌慢"}), ("close", {}),
             ("reopen", {"reason": "职工不满意"})]
    for action, data in steps:
        if action == "accept":
            client = login(township.username)  # from here on the township union holds the case
        response = act(client, case, action, **data)
        assert response.status_code == 302, (action, response.content.decode()[:2000])
    case.refresh_from_db()
    assert case.status == "reopened" and case.rating == ""
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "已电话联系用人单位" in page and "重新办理" in page


def test_assign_attach_escalate_and_a_supervision_with_its_reply(world, hotline, county_case, login):
    client = login("county_admin")
    assert act(client, county_case, "assign", handler=world.county_clerk.pk).status_code == 302
    upload = SimpleUploadedFile("工资条.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    assert act(client, county_case, "attach", file=upload).status_code == 302
    county_case.refresh_from_db()
    attachment = county_case.attachments.get()
    download = client.get(f"/cases/{county_case.pk}/attachments/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    province = login("province_officer")
    assert act(province, county_case, "supervise", by_union=world.province.pk, note="请加快办理").status_code == 302
    supervision = county_case.supervisions.get()
    client = login("county_admin")
    assert act(client, county_case, "supervise_reply", supervision=supervision.pk, reply="已约谈").status_code == 302
    assert act(client, county_case, "escalate", reason="涉及跨区").status_code == 302
    county_case.refresh_from_db()
    assert county_case.handling_union == world.city and county_case.supervisions.get().reply == "已约谈"


def test_a_stale_page_is_told_someone_else_got_there_first(world, county_case, login):
    client = login("county_admin")
    seen = county_case.version
    act(client, county_case, "note", note="第一次")
    response = client.post(f"/cases/{county_case.pk}/do/note/", {"version": seen, "note": "第二次"}, follow=True)
    assert "刚刚已被他人办理" in response.content.decode()
    assert not county_case.events.filter(note="第二次").exists()


def test_a_bad_action_input_re_renders_the_page_with_the_message(world, county_case, login):
    client = login("county_admin")
    response = act(client, county_case, "dispatch", union="")
    assert response.status_code == 400 and "请选择接收工会" in response.content.decode()


def test_a_county_cannot_open_another_countys_case_but_its_city_can(world, hotline, login):
    elsewhere = case_intake(actor=hotline, union=world.county2, data=call()).case
    county = login("county_admin")
    assert county.get(f"/cases/{elsewhere.pk}/").status_code == 404
    assert act(county, elsewhere, "note", note="x").status_code == 404
    mine = case_intake(actor=hotline, union=world.county, data=call()).case
    city_admin = make_user("city_admin", world.city, RoleCode.UNION_ADMIN)
    city = login(city_admin.username)
    assert city.get(f"/cases/{mine.pk}/").status_code == 200
    listed = city.get("/cases/?queue=all").content.decode()
    assert mine.number in listed and elsewhere.number not in listed


def test_queues_filter_mask_phones_and_cost_a_bounded_number_of_queries(world, hotline, login,
                                                                        django_assert_max_num_queries):
    for _n in range(25):
        case_intake(actor=hotline, union=world.county, data=call(caller_phone="13711112222"))
    client = login("county_admin")
    client.get("/cases/?queue=all")
    # The tabs count their queues (five COUNTs, the whole subtree's 全部 uncounted).
    with django_assert_max_num_queries(18):
        response = client.get("/cases/?queue=all&status=received")
    text = response.content.decode()
    assert response.status_code == 200 and "137****2222" in text and "13711112222" not in text
    assert client.get("/cases/?queue=all&category=safety").content.decode().count("/cases/") < 20


def test_the_board_dashboard_and_sla_pages_render_for_those_allowed(world, county_case, login):
    client = login("province_officer")
    Case.objects.filter(pk=county_case.pk).update(overdue=True)
    board = client.get("/cases/board/").content.decode()
    assert county_case.number in board and world.county.name in board
    dash = client.get("/cases/dashboard/?period=year")
    assert dash.status_code == 200 and 'data-chart="chart-category"' in dash.content.decode()
    assert client.get("/cases/dashboard/?period=quarter&quarter=9&year=x").status_code == 200
    sla = client.post(f"/cases/sla/?union={world.city.pk}", {"difficulty": "hard", "period_kind": "working_days",
                                                               "amount": 3, "workday_end": "18:00"})
    assert sla.status_code == 302
    assert "本单位设定" in client.get(f"/cases/sla/?union={world.city.pk}").content.decode()
    assert login("no_grants").get("/cases/").status_code == 403


def test_the_nav_shows_the_case_group_only_to_case_cadres(world, login):
    assert "维权服务" in login("county_clerk").get("/").content.decode()
    assert "维权服务" not in login("auditor").get("/").content.decode()


def test_a_lawyer_sees_only_the_cases_assigned_to_them(world, hotline, county_case, login):
    from gonghui.cases.services import case_assign

    lawyer = make_user("lawyer", world.city, RoleCode.LAWYER)
    other = case_classify(actor=world.county_admin,
                          case=case_intake(actor=hotline, union=world.county, data=call()).case,
                          category="wages", difficulty="hard")
    case_assign(actor=world.county_admin, case=county_case, lawyer=lawyer)
    client = login("lawyer")
    page = client.get("/cases/?queue=all").content.decode()
    assert county_case.number in page and other.number not in page
    assert client.get(f"/cases/{county_case.pk}/").status_code == 200
    assert client.get(f"/cases/{other.pk}/").status_code == 404
    found = client.get(f"/cases/find/?number={other.number}")
    assert found.status_code in (302, 404) and other.number not in found.content.decode()


def test_reset_to_inherited_is_its_own_form_and_keeps_the_working_days_end(world, login):
    client = login("province_officer")
    page = f"/cases/sla/?union={world.city.pk}"
    for difficulty, kind, amount in (("ordinary", "same_day", ""), ("hard", "working_days", 3)):
        saved = client.post(page, {"difficulty": difficulty, "period_kind": kind, "amount": amount,
                                   "workday_end": "18:00"})
        assert saved.status_code == 302
    reset = client.post(page, {"union": world.city.pk, "clear": "hard"})
    assert reset.status_code == 302
    text = client.get(reset["Location"]).content.decode()
    assert "已恢复为继承上级的设置" in text and "此项为必填项" not in text
    assert 'name="workday_end" value="18:00"' in text


def test_a_looser_period_than_the_level_above_is_named_on_the_page(world, login):
    client = login("county_admin")
    response = client.post(f"/cases/sla/?union={world.grassroots.pk}", {
        "difficulty": "ordinary", "period_kind": "calendar_days", "amount": 60, "workday_end": "17:30"})
    assert response.status_code == 400
    assert "一般案件期限不能长于上级规定的当天" in response.content.decode()
