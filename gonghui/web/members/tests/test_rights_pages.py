"""个人信息权利 on the member's console page, and the queue of requests waiting for the union."""

import io

import openpyxl
import pytest

from gonghui.core.crypto import blind_index
from gonghui.core.idnumbers import mask_id
from gonghui.members.models import Member
from gonghui.members.rights_models import PersonalDataRequest, RightChannel, RightKind, RightState
from gonghui.members.services.applications import PortalWorker
from gonghui.members.services.rights import data_request_correct
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(world) -> Member:
    return world.membership.member


def test_the_member_page_has_the_rights_section_with_the_legal_reason(login, member):
    page = login("county_admin").get(f"/members/{member.pk}/").content.decode()
    assert 'data-testid="rights-section"' in page and 'data-testid="rights-copy"' in page
    assert "会籍记录属于工会会员档案" in page


def test_a_clerk_without_reveal_is_not_offered_the_copy_and_cannot_take_it(login, member):
    client = login("county_clerk")
    page = client.get(f"/members/{member.pk}/").content.decode()
    assert 'data-testid="rights-copy"' not in page and 'data-testid="rights-correct"' in page
    response = client.post(f"/members/{member.pk}/rights/copy/")
    assert response.status_code == 302 and not PersonalDataRequest.objects.exists()


def test_a_cadre_exports_a_copy_for_the_person(login, member):
    response = login("county_admin").post(f"/members/{member.pk}/rights/copy/", {"reason": "本人到窗口申请"})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    values = [c.value for row in book["会员信息"].iter_rows() for c in row]
    assert member.id_number in values and response["Cache-Control"] == "no-store"
    request = PersonalDataRequest.objects.get()
    assert (request.kind, request.channel) == (RightKind.COPY, RightChannel.OFFLINE)


def test_a_cadre_records_and_accepts_a_correction(login, member):
    client = login("county_admin")
    client.post(f"/members/{member.pk}/rights/correct/", {"field": "job", "value": "电焊工", "note": "来电"})
    request = PersonalDataRequest.objects.get()
    page = client.get(f"/members/{member.pk}/").content.decode()
    assert f'data-testid="accept-{request.pk}"' in page
    client.post(f"/members/data-requests/{request.pk}/accept/")
    member.refresh_from_db()
    assert member.job == "电焊工"


def test_the_queue_lists_portal_requests_and_a_refusal_needs_a_reason(login, world, member):
    request = data_request_correct(actor=PortalWorker(phone=member.phone), member=member, field="name", value="李思")
    client = login("county_admin")
    assert f'data-testid="data-request-{request.pk}"' in client.get("/members/data-requests/").content.decode()
    response = client.post(f"/members/data-requests/{request.pk}/refuse/", {"reason": "", "back": "list"})
    assert response["Location"] == "/members/data-requests/"
    request.refresh_from_db()
    assert request.state == RightState.PENDING
    client.post(f"/members/data-requests/{request.pk}/refuse/", {"reason": "与身份证不符"})
    request.refresh_from_db()
    assert request.state == RightState.REFUSED
    client.post("/logout/")
    assert login("other_province_officer").post(f"/members/data-requests/{request.pk}/accept/").status_code == 404


def test_an_erasure_with_records_kept_by_law_is_refused_from_the_page(login, member):
    client = login("county_admin")
    client.post(f"/members/{member.pk}/rights/erase/", {"note": "本人来函"})
    request = PersonalDataRequest.objects.get()
    page = client.get(f"/members/{member.pk}/").content.decode()
    assert f'data-testid="refuse-by-law-{request.pk}"' in page and f'data-testid="accept-{request.pk}"' not in page
    client.post(f"/members/data-requests/{request.pk}/accept/")  # refused by the service, whatever is posted
    member.refresh_from_db()
    assert member.name == "李四"


def test_an_erasure_without_kept_records_is_carried_out(login, world):
    number = make_person_id(born="19870707")
    person = Member.objects.create(name="钱七", id_number=number, id_index=blind_index(number),
                                   id_masked=mask_id(number), union=world.grassroots, org_path=world.grassroots.path)
    client = login("county_admin")
    client.post(f"/members/{person.pk}/rights/erase/")
    request = PersonalDataRequest.objects.get()
    client.post(f"/members/data-requests/{request.pk}/accept/")
    person.refresh_from_db()
    assert person.name == "已注销" and person.id_number == "" and person.id_index != blind_index(number)


def test_the_queue_costs_the_same_queries_however_many_requests_wait(login, world, member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gonghui.testing.world import make_member

    data_request_correct(actor=world.county_admin, member=member, field="job", value="焊工")
    client = login("county_admin")
    client.get("/members/data-requests/")  # the first page after login also reads what the login left
    with CaptureQueriesContext(connection) as one:
        client.get("/members/data-requests/")
    for name in ("甲一", "乙二", "丙三"):
        other = make_member(world.grassroots, name=name).member
        data_request_correct(actor=world.county_admin, member=other, field="job", value="电工")
    with CaptureQueriesContext(connection) as four:
        page = client.get("/members/data-requests/").content.decode()
    assert page.count('data-testid="data-request-') == 4 + 1  # four rows and the table
    assert len(four) == len(one)


def test_an_unknown_action_or_decision_answers_as_missing(login, member):
    request = data_request_correct(actor=PortalWorker(phone=member.phone), member=member, field="name", value="李思")
    client = login("county_admin")
    assert client.post(f"/members/{member.pk}/rights/delete-everything/").status_code == 404
    assert client.post(f"/members/data-requests/{request.pk}/maybe/", {"reason": "再说"}).status_code == 404
    request.refresh_from_db()
    assert request.state == RightState.PENDING


def test_a_consent_id_that_is_not_a_number_is_refused_as_missing_not_a_crash(login, member):
    response = login("county_admin").post(f"/members/{member.pk}/rights/consent/", {"application": "²"})
    assert response.status_code == 302 and not PersonalDataRequest.objects.exists()


def test_the_requests_are_checked_by_their_forms_and_the_field_is_named(login, member):
    client = login("county_admin")
    response = client.post(f"/members/{member.pk}/rights/correct/", {"field": "job", "value": "电焊工",
                                                                      "note": "长" * 201}, follow=True)
    assert "本人申请说明" in response.content.decode() and not PersonalDataRequest.objects.exists()
    request = data_request_correct(actor=PortalWorker(phone=member.phone), member=member, field="name", value="李思")
    response = client.post(f"/members/data-requests/{request.pk}/refuse/", {"reason": "理" * 301}, follow=True)
    assert "处理意见" in response.content.decode()
    request.refresh_from_db()
    assert request.state == RightState.PENDING  # refused whole, never cut to fit
