"""The case's paper forms: the 受理单 and the 交办单 show what the case page shows, masked as it is,
to whoever may open the case page, and to no one else."""

import pytest
from django.test import Client

from gonghui.accounts.roles import RoleCode
from gonghui.cases.services import case_classify, case_dispatch, case_intake
from gonghui.testing.world import PASSWORD, make_user

pytestmark = pytest.mark.django_db
PHONE = "13712345678"


@pytest.fixture
def hotline(world):
    return make_user("hotline_agent", world.province, RoleCode.HOTLINE_AGENT)


@pytest.fixture
def case(world, hotline):
    """Received at the province, classified, and dispatched to the county with what is asked."""
    data = {"caller_name": "张三", "caller_phone": PHONE, "employer_name": "某建筑劳务公司",
            "description": "被拖欠三个月工资，共计一万二千元。", "identity_withheld": True}
    received = case_intake(actor=hotline, union=world.province, data=data).case
    classified = case_classify(actor=hotline, case=received, category="wages", difficulty="hard")
    return case_dispatch(actor=hotline, case=classified, union=world.county, note="请三日内联系诉求人核实欠薪人数")


def signed_in(username):
    client = Client()
    assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def test_the_intake_record_carries_the_case_masked_as_on_its_page_and_the_signature_lines(world, case):
    page = signed_in("county_admin").get(f"/cases/{case.pk}/print/intake/")
    text = page.content.decode()
    assert page.status_code == 200
    for shown in (case.number, "12351热线受理单", "张三", "137****5678", "被拖欠三个月工资", "劳动报酬", "电话",
                  "成都市锦江区总工会", "hotline_agent", "受理人（签字）", "审核人（签字）", "对用人单位保密身份"):
        assert shown in text, shown
    assert PHONE not in text
    assert 'href="/static/web/print_form.css"' in text


def test_the_dispatch_sheet_names_the_union_the_due_date_what_is_asked_and_who_signs_for_it(world, case):
    text = signed_in("county_admin").get(f"/cases/{case.pk}/print/dispatch/").content.decode()
    assert 'data-testid="to-union">成都市锦江区总工会<' in text
    assert case.due_at.astimezone().strftime("%Y-%m-%d") in text.split('data-testid="due"')[1][:40]
    for shown in ("请三日内联系诉求人核实欠薪人数", "交办单位（盖章）", "签收人（签字）", "签收日期", "四川省总工会"):
        assert shown in text, shown
    assert PHONE not in text


def test_the_case_page_links_to_its_forms_and_the_dispatch_sheet_only_once_dispatched(world, hotline, case):
    client = signed_in("county_admin")
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f'href="/cases/{case.pk}/print/intake/"' in page and f'href="/cases/{case.pk}/print/dispatch/"' in page
    fresh = case_intake(actor=hotline, union=world.county, data={"caller_name": "李四", "caller_phone": "13700000001",
                                                                 "description": "咨询年休假。"}).case
    assert f'/cases/{fresh.pk}/print/dispatch/' not in client.get(f"/cases/{fresh.pk}/").content.decode()
    assert client.get(f"/cases/{fresh.pk}/print/dispatch/").status_code == 404
    assert client.get(f"/cases/{fresh.pk}/print/intake/").status_code == 200


@pytest.mark.parametrize("form", ["intake", "dispatch"])
def test_another_county_gets_404_and_a_cadre_without_case_work_403_as_on_the_case_page(world, case, form):
    make_user("county2_admin", world.county2, RoleCode.UNION_ADMIN)
    other = signed_in("county2_admin")
    assert other.get(f"/cases/{case.pk}/").status_code == 404
    assert other.get(f"/cases/{case.pk}/print/{form}/").status_code == 404
    nobody = signed_in("no_grants")
    assert nobody.get(f"/cases/{case.pk}/").status_code == 403
    assert nobody.get(f"/cases/{case.pk}/print/{form}/").status_code == 403
