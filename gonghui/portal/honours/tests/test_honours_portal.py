"""荣誉评选公示 on the portal: public fields only, an objection proven by SMS becomes a confidential 12351
case, one without proof or after the close is refused, and a worker sees their own honours on 我的."""

import datetime

import pytest
from django.utils import timezone

from gonghui.cases.models import Case
from gonghui.honours.models import Objection
from gonghui.honours.services import award_record_earlier, notice_publish
from gonghui.honours.tests.conftest import issue, kind, nominate, up_to_province
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db
PHONE = "13700002222"
ID_NUMBER = make_person_id(born="19790101")


def publish(world, cadres, starts_on):
    call = issue(world, kind_code="province_model_worker")
    nomination = up_to_province(world, cadres, call, nominate(
        cadres.province, call, world.province, name="周劳模", id_number=ID_NUMBER, post="高级技师",
        employer_name="成都某机械厂", deeds_summary="带领班组攻克关键工艺"))
    notice = notice_publish(actor=cadres.province, call=call, starts_on=starts_on, contact="028-12351")
    return notice, nomination


@pytest.fixture
def running(world, cadres):
    return publish(world, cadres, timezone.localdate())


@pytest.fixture
def closed(world, cadres):
    return publish(world, cadres, timezone.localdate() - datetime.timedelta(days=40))


def objection(**overrides):
    return {"objector_name": "王群众", "text": "该同志近两年不在一线岗位。", "phone": PHONE} | overrides


def test_anyone_sees_the_running_notice_with_public_fields_and_no_id_or_phone(client, running):
    notice, nomination = running
    listing = client.get("/portal/honours/").content.decode()
    assert notice.title in listing
    page = client.get(f"/portal/honours/{notice.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    for shown in ("周劳模", "成都某机械厂", "高级技师", "带领班组攻克关键工艺", 'data-testid="countdown"'):
        assert shown in text
    assert ID_NUMBER not in text and nomination.id_masked not in text and ID_NUMBER[-4:] + "<" not in text
    assert "手机" not in text.split('data-testid="entries"')[1]


def test_the_home_page_leads_to_the_notices(client):
    assert 'href="/portal/honours/"' in client.get("/portal/").content.decode()


def test_an_objection_with_a_proven_phone_becomes_a_confidential_case(client, running, sms_outbox):
    notice, nomination = running
    url = f"/portal/honours/{notice.pk}/object/{nomination.pk}/"
    page = client.post(url, objection(send_code="1")).content.decode()
    assert "验证码已发送" in page and "该同志近两年不在一线岗位。" in page
    response = client.post(url, objection(code=sms_outbox[-1].code))
    assert response.status_code == 302 and response["Location"] == "/portal/honours/objected/"
    filed = Objection.objects.get()
    case = Case.objects.get(pk=filed.case_id)
    assert case.identity_withheld and case.handling_union_id == notice.union_id
    done = client.get(response["Location"]).content.decode()
    assert case.number in done and "严格保密" in done and "/portal/cases/follow/" in done


def test_an_objection_without_a_code_is_refused_and_files_nothing(client, running, sms_outbox):
    notice, nomination = running
    url = f"/portal/honours/{notice.pk}/object/{nomination.pk}/"
    response = client.post(url, objection())
    assert response.status_code == 400 and 'data-testid="error-code"' in response.content.decode()
    client.post(url, objection(send_code="1"))
    wrong = client.post(url, objection(code="000000"))
    assert wrong.status_code == 400 and 'data-testid="error-code"' in wrong.content.decode()
    assert not Objection.objects.exists() and not Case.objects.exists()


def test_an_objection_after_the_close_is_refused_with_the_close_date(client, closed, sms_outbox):
    notice, nomination = closed
    url = f"/portal/honours/{notice.pk}/object/{nomination.pk}/"
    assert notice.title not in client.get("/portal/honours/").content.decode()
    page = client.get(url).content.decode()
    assert notice.ends_on.isoformat() in page and 'data-testid="objection-form"' not in page
    response = client.post(url, objection(code="123456"))
    assert response.status_code == 400 and notice.ends_on.isoformat() in response.content.decode()
    assert not Objection.objects.exists() and not sms_outbox


def test_a_nominee_not_on_the_notice_is_missing(client, running):
    notice, nomination = running
    assert client.get(f"/portal/honours/{notice.pk}/object/{nomination.pk + 999}/").status_code == 404
    assert client.get(f"/portal/honours/{notice.pk + 999}/").status_code == 404


def test_a_signed_in_worker_sees_their_own_honours_on_mine(world, cadres, as_worker):
    member = world.membership.member
    award_record_earlier(actor=cadres.grassroots, union=world.grassroots, kind=kind("province_labour_medal"),
                         year=2019, data={"member": member.pk, "post": "班组长"}, decision_number="川工发〔2019〕5号",
                         decided_on=datetime.date(2019, 4, 28), certificate_number="SC2019007")
    page = as_worker(member.phone).get("/portal/me/").content.decode()
    assert "我的荣誉" in page and "2019年" in page and "SC2019007" in page
